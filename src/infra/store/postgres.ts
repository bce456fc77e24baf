import pg from 'pg';
import { postgresTrackerStore } from './tracker-events-postgres.js';
import type { TrackerStore } from './tracker-events.js';
import { postgresApiKeyStore, type ApiKeyStore } from './api-keys.js';
import { candleCount, emptyCandles, type Candles } from '../../core/series.js';
import { normalizeBatch, toFloat } from './candle-batch.js';
import { assertKnownMigrations, pendingMigrations, SCHEMA_MIGRATIONS_DDL } from './migrations.js';
import { limitOf, MAX_TIME, MIN_TIME, postgresPlaceholders, signalFilter } from './sql-filters.js';
import { rowToSignal, SIGNAL_COLUMNS, SIGNAL_UPDATE_COLUMNS, signalToRow } from './signal-row.js';
import { buildSummary, type SummaryRow } from './summary.js';
import { connectionError, redactUrl } from './pg-errors.js';
import { snapshotPayload } from './snapshot-text.js';
import { binaryArray, type ArrayElement } from './pg-arrays.js';
import {
  SNAPSHOT_KINDS,
  type CandleQuery,
  type CandleResult,
  type KvEntry,
  type SeriesInfo,
  type SeriesKey,
  type SignalQuery,
  type StoredSignal,
  type SignalSummary,
  type Snapshot,
  type SnapshotKind,
  type SnapshotQuery,
  type Store,
  type UpsertResult,
} from './types.js';

export interface PostgresStoreOptions {
  /** e.g. `postgres://user:pass@host:5432/db` (DATABASE_URL). */
  connectionString: string;
  /**
   * Keep every table in this schema (created if missing) instead of `public`: lets test runs
   * and several deployments share one database without seeing each other's rows.
   */
  schema?: string;
  /** Pool size; default 10. */
  max?: number;
  connectionTimeoutMs?: number;
}

const INT8_OID = 20;

/**
 * Epoch-ms times and counts are BIGINT; pg hands those back as strings to protect values
 * beyond 2^53. Ours never get near that, so this pool (and only this pool, not pg's global
 * parser table shared with other code) reads them as numbers.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** Rows per INSERT: arrays travel as one parameter each, so this only bounds statement size. */
const CHUNK = 10_000;

const CANDLE_UPSERT = `
  WITH up AS (
    INSERT INTO candles (source, symbol, timeframe, time, open, high, low, close, volume)
    SELECT $1::text, $2::text, $3::text, t.*
    FROM unnest($4::bigint[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[]) AS t
    ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET
      open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume
    WHERE (candles.open, candles.high, candles.low, candles.close, candles.volume)
      IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume)
    RETURNING (xmax = 0) AS fresh
  )
  SELECT count(*) FILTER (WHERE fresh) AS inserted, count(*) FILTER (WHERE NOT fresh) AS updated FROM up`;

/**
 * PostgreSQL store for several processes/workers and for volume. TimescaleDB is used when
 * installed (see migration 1), never required.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly schema: string | undefined;
  private readonly pool: pg.Pool;
  private readonly url: string;

  private constructor(options: PostgresStoreOptions) {
    this.url = options.connectionString;
    this.schema = options.schema;
    if (this.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) {
      throw new RangeError(`schema name must match [a-z_][a-z0-9_]* (max 63 chars), got "${this.schema}"`);
    }
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
      types,
      // Set at connection start-up, so no query on any pooled connection can run before it.
      ...(this.schema ? { options: `-c search_path=${this.schema}` } : {}),
    });
    // An idle connection dropped by the server (restart, failover) is discarded by the pool and
    // the next query opens a fresh one; without a listener the error would crash the process.
    this.pool.on('error', () => {});
  }

  /** Opens the pool and proves the server is reachable, creating `schema` if asked for. */
  static async connect(options: PostgresStoreOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      await store.pool.query('SELECT 1');
      if (store.schema) {
        await store.pool.query(`CREATE SCHEMA IF NOT EXISTS ${store.schema}`).catch((err: { code?: string }) => {
          // Two processes creating the same schema at once: the loser's error is harmless.
          if (err.code !== '23505' && err.code !== '42P06') throw err;
        });
      }
    } catch (err) {
      await store.pool.end().catch(() => {});
      throw connectionError(options.connectionString, err);
    }
    return store;
  }

  /** Where this store points, password hidden. */
  get location(): string {
    return redactUrl(this.url) + (this.schema ? ` (schema ${this.schema})` : '');
  }

  private async tx<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await work(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async migrate(): Promise<void> {
    await this.tx(async (c) => {
      // Transaction-scoped advisory lock per schema: concurrent migrators (several workers
      // starting together) queue here, and the later ones find nothing left to apply.
      await c.query(`SELECT pg_advisory_xact_lock(hashtext('sextant:migrate:' || coalesce(current_schema(), '')))`);
      await c.query(SCHEMA_MIGRATIONS_DDL.postgres);
      const applied = (await c.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id);
      assertKnownMigrations(applied);
      for (const m of pendingMigrations(applied)) {
        for (const sql of m.statements('postgres')) await c.query(sql);
        await c.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [m.id, m.name, Date.now()]);
      }
    });
  }

  async upsertCandles(source: string, symbol: string, timeframe: string, candles: Candles): Promise<UpsertResult> {
    const c = normalizeBatch(candles);
    const n = candleCount(c);
    const result = { inserted: 0, updated: 0 };
    if (n === 0) return result;
    const upsert = async (client: pg.Pool | pg.PoolClient, i: number) => {
      const end = Math.min(n, i + CHUNK);
      const col = (a: Float64Array) => binaryArray('float8', a.subarray(i, end));
      const r = await client.query<{ inserted: number; updated: number }>({
        name: 'sx_candles_upsert',
        text: CANDLE_UPSERT,
        values: [source, symbol, timeframe, binaryArray('int8', c.time.subarray(i, end)), col(c.open), col(c.high), col(c.low), col(c.close), col(c.volume)],
      });
      result.inserted += r.rows[0]!.inserted;
      result.updated += r.rows[0]!.updated;
    };
    // One statement is a transaction of its own: no BEGIN/COMMIT round trips for a batch
    // that fits in one (a replay's ticks send ~250 candles per series).
    if (n <= CHUNK) await upsert(this.pool, 0);
    else await this.tx(async (client) => {
      for (let i = 0; i < n; i += CHUNK) await upsert(client, i);
    });
    return result;
  }

  async getCandles(source: string, symbol: string, timeframe: string, q: CandleQuery = {}): Promise<Candles> {
    const limit = limitOf(q.limit, -1);
    const latest = q.since === undefined && limit >= 0;
    const r = await this.pool.query<unknown[]>({
      name: latest ? 'sx_candles_latest' : 'sx_candles_range',
      text: `SELECT time, open, high, low, close, volume FROM candles
             WHERE source = $1 AND symbol = $2 AND timeframe = $3 AND time >= $4 AND time <= $5
             ORDER BY time ${latest ? 'DESC' : 'ASC'} LIMIT $6`,
      values: [source, symbol, timeframe, q.since ?? MIN_TIME, q.until ?? MAX_TIME, limit < 0 ? null : limit],
      rowMode: 'array',
    });
    const rows = latest ? r.rows.reverse() : r.rows;
    const c = emptyCandles(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      c.time[i] = row[0] as number;
      c.open[i] = toFloat(row[1]);
      c.high[i] = toFloat(row[2]);
      c.low[i] = toFloat(row[3]);
      c.close[i] = toFloat(row[4]);
      c.volume[i] = toFloat(row[5]);
    }
    return c;
  }

  async listSeries(): Promise<SeriesInfo[]> {
    const r = await this.pool.query<SeriesInfo>(
      `SELECT source, symbol, timeframe, COUNT(*) AS count, MIN(time) AS first, MAX(time) AS last
       FROM candles GROUP BY source, symbol, timeframe ORDER BY source, symbol, timeframe`,
    );
    return r.rows;
  }

  async deleteSeries(source: string, symbol: string, timeframe: string): Promise<number> {
    const r = await this.pool.query('DELETE FROM candles WHERE source = $1 AND symbol = $2 AND timeframe = $3', [source, symbol, timeframe]);
    return r.rowCount ?? 0;
  }

  async upsertSignal(signal: StoredSignal): Promise<void> {
    const values = SIGNAL_COLUMNS.map((col, i) => (col === 'payload' ? `$${i + 1}::jsonb` : `$${i + 1}`)).join(', ');
    const set = SIGNAL_UPDATE_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ');
    await this.pool.query(
      `INSERT INTO signals (${SIGNAL_COLUMNS.join(', ')}) VALUES (${values})
       ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET ${set}`,
      signalToRow(signal, Date.now()),
    );
  }

  async querySignals(q: SignalQuery = {}): Promise<StoredSignal[]> {
    const ph = postgresPlaceholders();
    const f = signalFilter(q, ph);
    const r = await this.pool.query(`SELECT * FROM signals ${f.sql} ORDER BY time DESC, symbol, timeframe, source LIMIT ${ph()}`, [
      ...f.params,
      limitOf(q.limit, 100),
    ]);
    return r.rows.map((row) => rowToSignal(row, identity));
  }

  async latestSignals(filter: Partial<SeriesKey> = {}): Promise<StoredSignal[]> {
    const f = signalFilter(filter, postgresPlaceholders());
    const r = await this.pool.query(
      `SELECT * FROM (
         SELECT s.*, ROW_NUMBER() OVER (PARTITION BY source, symbol, timeframe ORDER BY time DESC) AS rn
         FROM signals s ${f.sql}
       ) AS x WHERE rn = 1 ORDER BY time DESC, symbol, timeframe, source`,
      f.params,
    );
    return r.rows.map((row) => rowToSignal(row, identity));
  }

  async signalSummary(filter: { source?: string; since?: number } = {}): Promise<SignalSummary> {
    const f = signalFilter(filter, postgresPlaceholders());
    const r = await this.pool.query<SummaryRow>(
      `SELECT symbol, direction, COUNT(*) AS n, MIN(time) AS first, MAX(time) AS last
       FROM signals ${f.sql} GROUP BY symbol, direction`,
      f.params,
    );
    return buildSummary(r.rows);
  }

  async putSnapshot(kind: SnapshotKind, key: SeriesKey, time: number, payload: unknown): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${table(kind)} (source, symbol, timeframe, time, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET payload = EXCLUDED.payload, created_at = EXCLUDED.created_at`,
      [key.source, key.symbol, key.timeframe, time, encode(payload), Date.now()],
    );
  }

  async getSnapshot<T = unknown>(kind: SnapshotKind, key: SeriesKey, at = MAX_TIME): Promise<Snapshot<T> | undefined> {
    const r = await this.pool.query<unknown[]>({
      text: `SELECT time, payload FROM ${table(kind)}
             WHERE source = $1 AND symbol = $2 AND timeframe = $3 AND time <= $4 ORDER BY time DESC LIMIT 1`,
      values: [key.source, key.symbol, key.timeframe, at],
      rowMode: 'array',
    });
    return r.rows.length ? snapshotRow<T>(r.rows[0]!) : undefined;
  }

  async listSnapshots<T = unknown>(kind: SnapshotKind, key: SeriesKey, q: SnapshotQuery = {}): Promise<Snapshot<T>[]> {
    const r = await this.pool.query<unknown[]>({
      text: `SELECT time, payload FROM ${table(kind)}
             WHERE source = $1 AND symbol = $2 AND timeframe = $3 AND time >= $4 AND time <= $5 ORDER BY time DESC LIMIT $6`,
      values: [key.source, key.symbol, key.timeframe, q.since ?? MIN_TIME, q.until ?? MAX_TIME, limitOf(q.limit, 100)],
      rowMode: 'array',
    });
    return r.rows.map((row) => snapshotRow<T>(row));
  }

  async markProcessed(source: string, symbol: string, timeframe: string, time: number): Promise<boolean> {
    // ON CONFLICT DO NOTHING is atomic under concurrency: of any number of racing workers,
    // exactly one sees a row inserted.
    const r = await this.pool.query(
      `INSERT INTO processed_candles (source, symbol, timeframe, time, processed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [source, symbol, timeframe, time, Date.now()],
    );
    return r.rowCount === 1;
  }

  async isProcessed(source: string, symbol: string, timeframe: string, time: number): Promise<boolean> {
    const r = await this.pool.query(
      'SELECT 1 FROM processed_candles WHERE source = $1 AND symbol = $2 AND timeframe = $3 AND time = $4',
      [source, symbol, timeframe, time],
    );
    return r.rows.length > 0;
  }

  async unmarkProcessed(source: string, symbol: string, timeframe: string, time: number): Promise<boolean> {
    const r = await this.pool.query(
      'DELETE FROM processed_candles WHERE source = $1 AND symbol = $2 AND timeframe = $3 AND time = $4',
      [source, symbol, timeframe, time],
    );
    return r.rowCount === 1;
  }

  async lastProcessed(source: string, symbol: string, timeframe: string): Promise<number | undefined> {
    const r = await this.pool.query<{ t: number | null }>(
      'SELECT MAX(time) AS t FROM processed_candles WHERE source = $1 AND symbol = $2 AND timeframe = $3',
      [source, symbol, timeframe],
    );
    return r.rows[0]?.t ?? undefined;
  }

  async processedTimes(source: string, symbol: string, timeframe: string, q: { since?: number; until?: number } = {}): Promise<number[]> {
    const r = await this.pool.query<unknown[]>({
      name: 'sx_processed_times',
      text: 'SELECT time FROM processed_candles WHERE source = $1 AND symbol = $2 AND timeframe = $3 AND time >= $4 AND time <= $5 ORDER BY time',
      values: [source, symbol, timeframe, q.since ?? MIN_TIME, q.until ?? MAX_TIME],
      rowMode: 'array',
    });
    return r.rows.map((row) => row[0] as number);
  }

  async commitResults(results: readonly CandleResult[]): Promise<boolean[]> {
    if (!results.length) return [];
    const now = Date.now();
    // An upsert may touch a key once per statement: a candle sent twice keeps its last result.
    const last = new Map<string, CandleResult>();
    for (const r of results) last.set(resultKey(r), r);
    // Rows in key order: two batches that share candles (two workers, a retry beside a live
    // run) then take their row locks in the same order and wait for each other instead of
    // deadlocking, which PostgreSQL would break by aborting one of them.
    const unique = [...last.values()].sort(compareKeys);
    const claimed = new Set<string>();
    const write = async (q: pg.Pool | pg.PoolClient) => {
      for (let from = 0; from < unique.length; from += RESULT_ROWS_PER_STATEMENT) {
        const r = await q.query<{ source: string; symbol: string; timeframe: string; time: number }>({
          name: 'sx_results',
          text: RESULTS_UPSERT,
          values: resultParams(unique.slice(from, from + RESULT_ROWS_PER_STATEMENT), now),
        });
        for (const row of r.rows) claimed.add(`${row.source}|${row.symbol}|${row.timeframe}|${row.time}`);
      }
    };
    // A batch of up to RESULT_ROWS_PER_STATEMENT candles (the pipeline's are 250) is one
    // statement, a transaction of its own: one round trip instead of seven. Larger ones are
    // several statements in one transaction.
    if (unique.length <= RESULT_ROWS_PER_STATEMENT) await write(this.pool);
    else await this.tx(write);
    // Of repeated candles in one call, only the first occurrence counts as the claim.
    return results.map((r) => claimed.delete(resultKey(r)));
  }

  async kvSet(namespace: string, key: string, value: unknown): Promise<void> {
    await this.pool.query(
      `INSERT INTO kv (namespace, key, value, updated_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (namespace, key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
      [namespace, key, encode(value), Date.now()],
    );
  }

  async kvGet<T = unknown>(namespace: string, key: string): Promise<KvEntry<T> | undefined> {
    const r = await this.pool.query<KvEntry<T>>(
      'SELECT key, value, updated_at AS "updatedAt" FROM kv WHERE namespace = $1 AND key = $2',
      [namespace, key],
    );
    return r.rows[0];
  }

  async kvList<T = unknown>(namespace: string): Promise<KvEntry<T>[]> {
    const r = await this.pool.query<KvEntry<T>>(
      'SELECT key, value, updated_at AS "updatedAt" FROM kv WHERE namespace = $1 ORDER BY key',
      [namespace],
    );
    return r.rows;
  }

  async kvDelete(namespace: string, key: string): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM kv WHERE namespace = $1 AND key = $2', [namespace, key]);
    return r.rowCount === 1;
  }

  /** Removes this store's schema and everything in it (tests; never `public`). */
  async dropSchema(): Promise<void> {
    if (!this.schema || this.schema === 'public') throw new Error('dropSchema needs a dedicated schema, not public');
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  /** Tracker events and volume windows (tracker-events-postgres.ts), on this pool. */
  trackerStore(): TrackerStore {
    return (this.tracker ??= postgresTrackerStore(this.pool));
  }
  private tracker: TrackerStore | undefined;

  /** API keys (api-keys.ts), on this pool. */
  apiKeyStore(): ApiKeyStore {
    return (this.apiKeys ??= postgresApiKeyStore(this.pool));
  }
  private apiKeys: ApiKeyStore | undefined;

  async close(): Promise<void> {
    // pg throws if a pool is ended twice; closing is idempotent here.
    if (this.pool.ended || this.pool.ending) return;
    await this.pool.end();
  }
}

const identity = (v: unknown): unknown => v;

/** Snapshot payloads are stored as the JSON text that was written (migration 7). */
function snapshotRow<T>(row: unknown[]): Snapshot<T> {
  return { time: row[0] as number, payload: JSON.parse(row[1] as string) as T };
}

/** Array type of each signal column, for a multi-row upsert over unnest (one array per column). */
const SIGNAL_ARRAY_TYPE: Record<(typeof SIGNAL_COLUMNS)[number], string> = {
  source: 'text', symbol: 'text', timeframe: 'text', time: 'bigint', direction: 'text',
  market_score: 'float8', price: 'float8', entry1: 'float8', entry2: 'float8', sl: 'float8',
  tp1: 'float8', tp2: 'float8', tp3: 'float8', swing_high: 'float8', swing_low: 'float8',
  support_level: 'float8', resistance_level: 'float8', confluence: 'text', risk_reward_ratio: 'float8',
  confidence_score: 'float8', confidence_sample: 'integer', payload: 'text', created_at: 'bigint', updated_at: 'bigint',
};

const SIGNAL_ARRAY_ELEMENT: Record<string, ArrayElement> = { text: 'text', bigint: 'int8', float8: 'float8', integer: 'int4' };

/** Candles per results statement: bounds one statement's message (~10 MB at 10 KB of JSON per candle). */
const RESULT_ROWS_PER_STATEMENT = 1000;

/**
 * The parameters of RESULTS_UPSERT for `rows` (unique keys, in key order). The snapshots'
 * JSON travels as one binary bytea parameter (their UTF-8 bytes end to end) cut by offset
 * and length arrays: no parameter per value, and no escaping of JSON into a text[] literal,
 * which cost pg more client CPU than the rest of the write. Arrays go in binary form.
 */
function resultParams(rows: readonly CandleResult[], now: number): unknown[] {
  const kinds = SNAPSHOT_KINDS.map(() => ({ rows: [] as CandleResult[], texts: [] as (string | Uint8Array)[] }));
  let bytes = 0;
  for (const r of rows) {
    SNAPSHOT_KINDS.forEach((kind, k) => {
      const text = snapshotPayload(r, kind);
      if (text === undefined) return;
      kinds[k]!.rows.push(r);
      kinds[k]!.texts.push(text);
      bytes += typeof text === 'string' ? Buffer.byteLength(text) : text.byteLength;
    });
  }
  const buf = Buffer.allocUnsafe(bytes);
  let at = 0;
  const keyArrays = (rs: readonly CandleResult[]) => [
    binaryArray('text', rs.map((r) => r.key.source)), binaryArray('text', rs.map((r) => r.key.symbol)),
    binaryArray('text', rs.map((r) => r.key.timeframe)), binaryArray('int8', rs.map((r) => r.time)),
  ];
  const snapshotParams = kinds.flatMap(({ rows: rs, texts }) => {
    const offsets = new Array<number>(texts.length);
    const lengths = new Array<number>(texts.length);
    texts.forEach((text, j) => {
      let len: number;
      if (typeof text === 'string') len = buf.write(text, at);
      else {
        buf.set(text, at);
        len = text.byteLength;
      }
      offsets[j] = at + 1; // substring() counts from 1
      lengths[j] = len;
      at += len;
    });
    return [...keyArrays(rs), binaryArray('int4', offsets), binaryArray('int4', lengths)];
  });
  const signalRows = rows.flatMap((r) => (r.signal ? [signalToRow(r.signal, now)] : []));
  const signalParams = SIGNAL_COLUMNS.map((col, i) => binaryArray(SIGNAL_ARRAY_ELEMENT[SIGNAL_ARRAY_TYPE[col]], signalRows.map((row) => row[i])));
  return [now, buf, ...keyArrays(rows), ...snapshotParams, ...signalParams];
}

/**
 * One statement for a batch of results: the snapshot, signal and processed-mark upserts as
 * data-modifying CTEs, all or nothing. Named: each connection parses and plans it once (a
 * 250-row VALUES statement's parse, analysis and plan were ~15 % of the server's time).
 * The marks' RETURNING tells which candles this call claimed. $1 now, $2 the snapshots'
 * bytes, $3-$6 the batch's keys, then six arrays per snapshot kind, then one per signal column.
 */
const RESULTS_UPSERT = (() => {
  let p = 7;
  const snapshots = SNAPSHOT_KINDS.map((kind) => {
    const [src, sym, tf, time, off, len] = [p, p + 1, p + 2, p + 3, p + 4, p + 5];
    p += 6;
    return `${table(kind)}_up AS (
      INSERT INTO ${table(kind)} (source, symbol, timeframe, time, payload, created_at)
      SELECT t.source, t.symbol, t.timeframe, t.time, convert_from(substring($2::bytea FROM t.off FOR t.len), 'UTF8'), $1::bigint
      FROM unnest($${src}::text[], $${sym}::text[], $${tf}::text[], $${time}::bigint[], $${off}::int[], $${len}::int[]) AS t(source, symbol, timeframe, time, off, len)
      ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET payload = EXCLUDED.payload, created_at = EXCLUDED.created_at)`;
  });
  const signals = `signals_up AS (
      INSERT INTO signals (${SIGNAL_COLUMNS.join(', ')})
      SELECT ${SIGNAL_COLUMNS.map((c) => (c === 'payload' ? 't.payload::jsonb' : `t.${c}`)).join(', ')}
      FROM unnest(${SIGNAL_COLUMNS.map((c, i) => `$${p + i}::${SIGNAL_ARRAY_TYPE[c]}[]`).join(', ')}) AS t(${SIGNAL_COLUMNS.join(', ')})
      ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET ${SIGNAL_UPDATE_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')})`;
  return `WITH ${[...snapshots, signals].join(',\n    ')}
    INSERT INTO processed_candles (source, symbol, timeframe, time, processed_at)
    SELECT t.*, $1::bigint FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[]) AS t
    ON CONFLICT DO NOTHING RETURNING source, symbol, timeframe, time`;
})();

const resultKey = (r: CandleResult) => `${r.key.source}|${r.key.symbol}|${r.key.timeframe}|${r.time}`;

// Table names cannot be bound; only the three known kinds ever reach the SQL text.
function table(kind: SnapshotKind): string {
  if (!SNAPSHOT_KINDS.includes(kind)) throw new RangeError(`unknown snapshot kind "${kind}"`);
  return kind;
}

// pg would turn a JS array into a PostgreSQL array literal, not JSON; send text and cast.
function encode(value: unknown): string {
  const s = JSON.stringify(value);
  if (s === undefined) throw new TypeError('cannot store undefined (or a function) as JSON');
  return s;
}

function compareKeys(a: CandleResult, b: CandleResult): number {
  return a.key.source < b.key.source ? -1 : a.key.source > b.key.source ? 1
    : a.key.symbol < b.key.symbol ? -1 : a.key.symbol > b.key.symbol ? 1
      : a.key.timeframe < b.key.timeframe ? -1 : a.key.timeframe > b.key.timeframe ? 1
        : a.time - b.time;
}
