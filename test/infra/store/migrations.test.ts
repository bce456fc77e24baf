import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { assertKnownMigrations, MIGRATIONS, pendingMigrations, SCHEMA_MIGRATIONS_DDL } from '../../../src/infra/store/migrations.js';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import { PostgresStore } from '../../../src/infra/store/postgres.js';
import { DATABASE_URL, requires } from '../../helpers/requires.js';
import pg from 'pg';

const postgresUp = await requires('postgres');

describe('migrations list', () => {
  it('ids are unique and increasing, and every migration has SQL for both dialects unless it says it is for one', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of MIGRATIONS) {
      for (const d of ['sqlite', 'postgres'] as const) {
        if (m.only && m.only !== d) expect(m.statements(d), `${m.id} ${d}`).toEqual([]);
        else expect(m.statements(d).length, `${m.id} ${d}`).toBeGreaterThan(0);
      }
    }
  });

  it('moves SQLite snapshots written under migration 4 into rowid tables, keeping every row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sextant-mig5-'));
    try {
      const file = join(dir, 'store.db');
      const db = new Database(file);
      db.exec(SCHEMA_MIGRATIONS_DDL.sqlite);
      for (const m of MIGRATIONS.filter((x) => x.id <= 4)) {
        for (const sql of m.statements('sqlite')) db.exec(sql);
        db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.id, m.name);
      }
      const payload = (i: number) => JSON.stringify({ i, levels: Array.from({ length: 40 }, (_, k) => ({ price: 100 + k + i / 7 })) });
      db.transaction(() => {
        for (const t of ['swings', 'sr_levels', 'fib_levels']) {
          const ins = db.prepare(`INSERT INTO ${t} VALUES ('replay', 'BTC/USDT', '1d', ?, ?, 1)`);
          for (let i = 0; i < 300; i++) ins.run(i * 86_400_000, payload(i));
        }
      })();
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sr_levels'").pluck().get()).toMatch(/WITHOUT ROWID/);
      db.close();

      const store = new SqliteStore({ path: file });
      await store.migrate();
      const key = { source: 'replay', symbol: 'BTC/USDT', timeframe: '1d' };
      for (const kind of ['swings', 'sr_levels', 'fib_levels'] as const) {
        for (const i of [0, 1, 150, 299]) {
          const s = await store.getSnapshot(kind, key, i * 86_400_000 + 1);
          expect(s?.time).toBe(i * 86_400_000);
          expect(JSON.stringify(s?.payload)).toBe(payload(i));
        }
      }
      // Upserts still meet the key: writing a candle again replaces its row.
      await store.putSnapshot('sr_levels', key, 0, { again: true });
      expect((await store.getSnapshot('sr_levels', key, 0))?.payload).toEqual({ again: true });
      await store.close();
      const after = new Database(file, { readonly: true });
      for (const t of ['swings', 'sr_levels', 'fib_levels']) {
        expect(after.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(t)).not.toMatch(/WITHOUT ROWID/);
        const rows = after.prepare(`SELECT time, payload FROM ${t} ORDER BY time`).raw().all() as [number, string][];
        expect(rows.length).toBe(300);
        expect(rows.every(([time, p], i) => time === i * 86_400_000 && (p === payload(i) || (t === 'sr_levels' && i === 0)))).toBe(true);
      }
      expect(after.prepare('SELECT max(id) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.at(-1)!.id);
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses each dialect’s own types', () => {
    const sqlite = MIGRATIONS.flatMap((m) => m.statements('sqlite')).join('\n');
    const postgres = MIGRATIONS.flatMap((m) => m.statements('postgres')).join('\n');
    expect(sqlite).not.toMatch(/JSONB|DOUBLE PRECISION|BIGINT/);
    expect(postgres).not.toMatch(/WITHOUT ROWID/);
    expect(postgres).toMatch(/time BIGINT NOT NULL/);
  });

  it('knows what is pending and refuses a schema from a newer version', () => {
    expect(pendingMigrations([]).map((m) => m.id)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(pendingMigrations(MIGRATIONS.map((m) => m.id))).toEqual([]);
    expect(pendingMigrations([1]).map((m) => m.id)).toEqual(MIGRATIONS.slice(1).map((m) => m.id));
    expect(() => assertKnownMigrations([1, 999])).toThrow(/999.*upgrade/);
  });

  it.runIf(postgresUp)('turns PostgreSQL snapshots written as JSONB under migration 5 into json text, then text (migration 7), keeping every row', async () => {
    const schema = `sx_mig6_${process.pid}`;
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    try {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path = ${schema}`);
      await c.query(SCHEMA_MIGRATIONS_DDL.postgres);
      for (const m of MIGRATIONS.filter((x) => x.id <= 5)) {
        for (const sql of m.statements('postgres')) await c.query(sql);
        await c.query('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [m.id, m.name]);
      }
      for (const t of ['swings', 'sr_levels', 'fib_levels']) {
        await c.query(`INSERT INTO ${t} SELECT 'replay', 'BTC/USDT', '1d', i::bigint * 86400000, jsonb_build_object('i', i, 'p', i / 7.0), 1 FROM generate_series(0, 199) AS i`);
      }
      const store = await PostgresStore.connect({ connectionString: DATABASE_URL, schema, max: 2 });
      try {
        await store.migrate();
        const key = { source: 'replay', symbol: 'BTC/USDT', timeframe: '1d' };
        for (const kind of ['swings', 'sr_levels', 'fib_levels'] as const) {
          expect((await store.getSnapshot(kind, key, 150 * 86_400_000))?.payload).toMatchObject({ i: 150 });
        }
      } finally {
        await store.close();
      }
      const types = await c.query(`SELECT table_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'payload' ORDER BY 1`, [schema]);
      // Migration 7 then makes them text (the JSON as written, read back parsed).
      expect(Object.fromEntries(types.rows.map((r: { table_name: string; data_type: string }) => [r.table_name, r.data_type]))).toEqual({
        fib_levels: 'text', signals: 'jsonb', sr_levels: 'text', swings: 'text',
      });
      // ... compressed with lz4 from then on where the server was built with it.
      const lz4 = (await c.query(`SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)`)).rows.length > 0;
      const methods = await c.query(
        `SELECT c.relname, a.attcompression FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         WHERE c.relnamespace = $1::regnamespace AND a.attname = 'payload' AND c.relname <> 'signals' ORDER BY 1`,
        [schema],
      );
      expect(methods.rows.map((r: { attcompression: string }) => r.attcompression)).toEqual(lz4 ? ['l', 'l', 'l'] : ['', '', '']);
      const counts = await c.query(`SELECT (SELECT count(*) FROM swings) + (SELECT count(*) FROM sr_levels) + (SELECT count(*) FROM fib_levels) AS n`);
      expect(Number(counts.rows[0].n)).toBe(600);
    } finally {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await c.end();
    }
  });
});
