/**
 * Schema history shared by both backends. Each migration is written once against a few
 * type tokens so SQLite and PostgreSQL get the same tables with their natural types:
 * times are BIGINT epoch ms (SQLite INTEGER is 64-bit), prices double precision, JSON is
 * JSONB on PostgreSQL and TEXT on SQLite.
 *
 * Append only: never edit a migration that has shipped; add a new one.
 */

export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  readonly id: number;
  readonly name: string;
  /** Set when the change concerns one backend only; the other gets no statements. */
  readonly only?: Dialect;
  readonly statements: (d: Dialect) => string[];
}

interface Types {
  time: string;
  real: string;
  json: string;
  /** Clusters rows by primary key on SQLite, so a series' candles sit together on disk. */
  clustered: string;
}

const TYPES: Record<Dialect, Types> = {
  sqlite: { time: 'INTEGER', real: 'REAL', json: 'TEXT', clustered: ' WITHOUT ROWID' },
  postgres: { time: 'BIGINT', real: 'DOUBLE PRECISION', json: 'JSONB', clustered: '' },
};

const SNAPSHOT_TABLES = ['swings', 'sr_levels', 'fib_levels'];

const seriesKey = `source TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL`;

function snapshotTable(name: string, t: Types): string {
  return `CREATE TABLE ${name} (
    ${seriesKey},
    time ${t.time} NOT NULL,
    payload ${t.json} NOT NULL,
    created_at ${t.time} NOT NULL,
    PRIMARY KEY (source, symbol, timeframe, time)
  )${t.clustered}`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'candles',
    statements: (d) => {
      const t = TYPES[d];
      const stmts = [
        // Prices are nullable because a source may report NaN (SQLite stores NaN as NULL);
        // readers map NULL back to NaN.
        `CREATE TABLE candles (
          ${seriesKey},
          time ${t.time} NOT NULL,
          open ${t.real}, high ${t.real}, low ${t.real}, close ${t.real}, volume ${t.real},
          PRIMARY KEY (source, symbol, timeframe, time)
        )${t.clustered}`,
      ];
      if (d === 'postgres') {
        // TimescaleDB is optional: partition by time when the extension is installed in this
        // database, otherwise a plain table (the primary key already orders by time per series).
        // The extension may live in any schema; look it up rather than rely on search_path.
        stmts.push(`DO $$ DECLARE nsp text; BEGIN
          SELECT n.nspname INTO nsp FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
          WHERE e.extname = 'timescaledb';
          IF nsp IS NOT NULL THEN
            EXECUTE format('SELECT %I.create_hypertable(%L::regclass, %L, chunk_time_interval => 2592000000::bigint,'
                           ' if_not_exists => TRUE, migrate_data => TRUE)', nsp, 'candles', 'time');
          END IF;
        END $$`);
      }
      return stmts;
    },
  },
  {
    id: 2,
    name: 'signal pipeline: signals, structure snapshots, processed marker',
    statements: (d) => {
      const t = TYPES[d];
      return [
        `CREATE TABLE signals (
          ${seriesKey},
          time ${t.time} NOT NULL,
          direction TEXT NOT NULL,
          market_score ${t.real} NOT NULL,
          price ${t.real} NOT NULL,
          entry1 ${t.real}, entry2 ${t.real}, sl ${t.real},
          tp1 ${t.real}, tp2 ${t.real}, tp3 ${t.real},
          swing_high ${t.real}, swing_low ${t.real},
          support_level ${t.real}, resistance_level ${t.real},
          confluence TEXT NOT NULL,
          risk_reward_ratio ${t.real},
          confidence_score ${t.real},
          confidence_sample INTEGER,
          payload ${t.json},
          created_at ${t.time} NOT NULL,
          updated_at ${t.time} NOT NULL,
          PRIMARY KEY (source, symbol, timeframe, time)
        )${t.clustered}`,
        // `GET /signals?symbol=&direction=` and the newest-first listings.
        `CREATE INDEX signals_symbol_time ON signals (symbol, time)`,
        `CREATE INDEX signals_time ON signals (time)`,
        snapshotTable('swings', t),
        snapshotTable('sr_levels', t),
        snapshotTable('fib_levels', t),
        `CREATE TABLE processed_candles (
          ${seriesKey},
          time ${t.time} NOT NULL,
          processed_at ${t.time} NOT NULL,
          PRIMARY KEY (source, symbol, timeframe, time)
        )${t.clustered}`,
      ];
    },
  },
  {
    id: 3,
    name: 'kv',
    statements: (d) => {
      const t = TYPES[d];
      return [
        `CREATE TABLE kv (
          namespace TEXT NOT NULL,
          key TEXT NOT NULL,
          value ${t.json} NOT NULL,
          updated_at ${t.time} NOT NULL,
          PRIMARY KEY (namespace, key)
        )${t.clustered}`,
      ];
    },
  },
  {
    id: 4,
    name: 'api keys (hashed at rest)',
    statements: (d) => {
      const t = TYPES[d];
      return [
        // Only the SHA-256 of the secret part is kept: a stolen table grants nothing.
        `CREATE TABLE api_keys (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          role TEXT NOT NULL,
          hash TEXT NOT NULL,
          created_at ${t.time} NOT NULL,
          revoked_at ${t.time}
        )`,
      ];
    },
  },
  {
    id: 5,
    name: 'sqlite: structure snapshots in rowid tables',
    only: 'sqlite',
    // A snapshot row is 1-6 KB of JSON. In a WITHOUT ROWID table the whole row lives in the
    // primary-key b-tree, which SQLite advises against for rows over ~1/20 of a page: each
    // insert split and copied those pages (the replay's snapshot writes took ~1.5x longer).
    // A rowid table keeps the payload in its own pages and the key in a small unique index.
    // PostgreSQL tables are heap tables already.
    statements: (d) =>
      d === 'postgres'
        ? []
        : ['swings', 'sr_levels', 'fib_levels'].flatMap((name) => [
          snapshotTable(`${name}_rowid`, { ...TYPES.sqlite, clustered: '' }),
          `INSERT INTO ${name}_rowid (source, symbol, timeframe, time, payload, created_at)
           SELECT source, symbol, timeframe, time, payload, created_at FROM ${name}`,
          `DROP TABLE ${name}`,
          `ALTER TABLE ${name}_rowid RENAME TO ${name}`,
        ]),
  },
  {
    id: 6,
    name: 'postgres: structure snapshots as json text',
    only: 'postgres',
    // Snapshots are written whole and read whole, never queried inside: JSONB's parse into
    // its binary form was most of the server's time per replay (~45 MB per 8,000 candles),
    // for operators no query uses. json keeps the text as written, as SQLite does.
    statements: (d) =>
      d === 'sqlite' ? [] : ['swings', 'sr_levels', 'fib_levels'].map((name) => `ALTER TABLE ${name} ALTER COLUMN payload TYPE json USING payload::json`),
  },
  {
    id: 7,
    name: 'postgres: structure snapshots as text, lz4-compressed where the server has lz4',
    only: 'postgres',
    // Still written whole and read whole: json's input check (a full parse of ~47 MB per
    // 8,000 candles) was a fifth of the server's time per replay, for text that our own
    // encoder wrote (SQLite stores the same text unchecked). pglz compression of the 2-6 KB
    // S/R snapshots was about a third more; lz4 does the same job for a fraction of the CPU
    // (the table ends up ~5 % larger). Rows already stored keep their pglz form; only the
    // type change rewrites them. Servers built without lz4 keep pglz.
    statements: (d) =>
      d === 'sqlite'
        ? []
        : [
          ...SNAPSHOT_TABLES.map((name) => `ALTER TABLE ${name} ALTER COLUMN payload TYPE text USING payload::text`),
          `DO $$ BEGIN
            IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
              ${SNAPSHOT_TABLES.map((name) => `EXECUTE 'ALTER TABLE ${name} ALTER COLUMN payload SET COMPRESSION lz4';`).join('\n              ')}
            END IF;
          END $$`,
        ],
  },
];

export const SCHEMA_MIGRATIONS_DDL: Record<Dialect, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
};

export function pendingMigrations(applied: Iterable<number>): Migration[] {
  const done = new Set(applied);
  return MIGRATIONS.filter((m) => !done.has(m.id));
}

/** The schema is newer than this code: refuse rather than write rows an old shape can't hold. */
export function assertKnownMigrations(applied: Iterable<number>): void {
  const known = new Set(MIGRATIONS.map((m) => m.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`store schema has migrations this version does not know (${unknown.join(', ')}); upgrade Sextant`);
  }
}
