import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSqlitePath, openStore, PostgresStore, SqliteStore } from '../../../src/infra/store/index.js';
import { DATABASE_URL as DB_URL, requires } from '../../helpers/requires.js';
import { readDailyYear } from './real-data.js';

const dir = mkdtempSync(join(tmpdir(), 'sextant-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const eth = readDailyYear(2021).get('ETH/USDT')!;

const hasPg = await requires('postgres');

describe('openStore', () => {
  it('defaults to SQLite under the XDG data dir', () => {
    expect(defaultSqlitePath({ XDG_DATA_HOME: '/data/x' })).toBe('/data/x/sextant/sextant.db');
    expect(defaultSqlitePath({ HOME: 'fake-home' })).toMatch(/\.local\/share\/sextant\/sextant\.db$/);
  });

  it('opens and migrates a SQLite file (creating its directory) when no databaseUrl is set', async () => {
    const path = join(dir, 'nested', 'a.db');
    const store = await openStore({ sqlitePath: path, databaseUrl: '  ' });
    try {
      expect(store).toBeInstanceOf(SqliteStore);
      expect(existsSync(path)).toBe(true);
      expect((await store.upsertCandles('binance', 'ETH/USDT', '1d', eth)).inserted).toBe(365);
    } finally {
      await store.close();
    }
    // Data survives reopening.
    const again = await openStore({ sqlitePath: path });
    expect((await again.listSeries())[0]?.count).toBe(365);
    await again.close();
  });

  it('says which URL failed and why, without the password', async () => {
    const bad = 'postgres://postgres:hunter2@127.0.0.1:1/test';
    const err = await openStore({ databaseUrl: bad }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toContain('postgres://postgres:***@127.0.0.1:1/test');
    expect(msg).toMatch(/ECONNREFUSED/);
    expect(msg).not.toContain('hunter2');
  });

  it.skipIf(!hasPg)('picks PostgreSQL when databaseUrl is set', async () => {
    const schema = `sx_open_${process.pid}`;
    const store = await openStore({ databaseUrl: DB_URL, schema });
    try {
      expect(store).toBeInstanceOf(PostgresStore);
      expect((await store.upsertCandles('binance', 'ETH/USDT', '1d', eth)).inserted).toBe(365);
    } finally {
      await (store as PostgresStore).dropSchema();
      await store.close();
    }
  });

  it.skipIf(!hasPg)('names the database when PostgreSQL refuses it', async () => {
    const u = new URL(DB_URL);
    u.pathname = '/sextant_no_such_db';
    const err = await openStore({ databaseUrl: u.toString() }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/sextant_no_such_db.*does not exist/);
  });
});
