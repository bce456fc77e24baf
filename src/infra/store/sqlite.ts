import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { candleCount, emptyCandles, type Candles } from '../../core/series.js';
import { normalizeBatch, toFloat } from './candle-batch.js';
import { sqliteTrackerStore } from './tracker-events-sqlite.js';
import type { TrackerStore } from './tracker-events.js';
import { sqliteApiKeyStore, type ApiKeyStore } from './api-keys.js';
import { assertKnownMigrations, pendingMigrations, SCHEMA_MIGRATIONS_DDL } from './migrations.js';
import { limitOf, MAX_TIME, MIN_TIME, signalFilter, sqlitePlaceholder } from './sql-filters.js';
import { rowToSignal, SIGNAL_COLUMNS, SIGNAL_UPDATE_COLUMNS, signalToRow } from './signal-row.js';
import { buildSummary, type SummaryRow } from './summary.js';
import { snapshotPayload } from './snapshot-text.js';
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

/** `$XDG_DATA_HOME/sextant/sextant.db`, else `~/.local/share/sextant/sextant.db`. */
export function defaultSqlitePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.trim() !== '' ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'sextant', 'sextant.db');
}

export interface SqliteStoreOptions {
  /** File path or `:memory:`; default {@link defaultSqlitePath}. */
  path?: string;
  /** How long a writer waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
  /** Page cache per connection in KiB (better-sqlite3's default is 16 MiB); smaller bounds memory. */
  cacheSizeKiB?: number;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * Embedded store. Crash safety comes from SQLite itself: in WAL mode a transaction is
 * appended to the write-ahead log and only becomes visible once its commit frame is
 * written, so a process killed mid-transaction leaves frames that recovery ignores and
 * the database opens with exactly the committed transactions. synchronous=NORMAL keeps
 * that guarantee for process crashes; after an OS crash or power loss the last few commits
 * may be lost, but the file is never corrupted. Every write below runs in one transaction.
 *
 * better-sqlite3 is synchronous; the async methods just resolve after the work is done.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly path: string;
  private readonly db: Database.Database;
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(options: SqliteStoreOptions = {}) {
    this.path = options.path ?? defaultSqlitePath();
    if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
    try {
      this.db = new Database(this.path);
    } catch (err) {
      throw new Error(`cannot open SQLite store at ${this.path}: ${(err as Error).message}`, { cause: err });
    }
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // Fixed when the file is created, so only before its first write (and before WAL mode):
    // an existing store keeps its page size (no-op then). Snapshot rows are 1-6 KB of JSON:
    // at 4 KB most of them spill onto overflow pages; 16 KB pages need ~4x fewer page
    // writes per replay (58k -> 16k pwrite calls) and, as wal_autocheckpoint counts pages,
    // ~4x fewer checkpoints: ~0.15 s less CPU per bundled replay's commits.
    this.db.pragma(`page_size = ${PAGE_SIZE}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    if (options.cacheSizeKiB !== undefined) this.db.pragma(`cache_size = ${-Math.max(64, Math.floor(options.cacheSizeKiB))}`);
  }

  /** Statements are prepared once, on first use (tables must exist, so not before migrate). */
  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  async migrate(): Promise<void> {
    // IMMEDIATE takes the write lock up front, so two processes migrating the same file
    // serialise instead of both reading "not applied" and colliding.
    this.db
      .transaction(() => {
        this.db.exec(SCHEMA_MIGRATIONS_DDL.sqlite);
        const applied = (this.db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map((r) => r.id);
        assertKnownMigrations(applied);
        for (const m of pendingMigrations(applied)) {
          for (const sql of m.statements('sqlite')) this.db.exec(sql);
          this.db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(m.id, m.name, Date.now());
        }
      })
      .immediate();
  }

  async upsertCandles(source: string, symbol: string, timeframe: string, candles: Candles): Promise<UpsertResult> {
    const c = normalizeBatch(candles);
    const n = candleCount(c);
    if (n === 0) return { inserted: 0, updated: 0 };
    // Multi-row statements are several times faster than one statement per candle. The
    // update's WHERE skips identical re-sends, so `changes` counts only real writes; rows
    // new to the series are the growth of its count over the batch's time range.
    const count = this.stmt(
      'SELECT COUNT(*) AS n FROM candles WHERE source = ? AND symbol = ? AND timeframe = ? AND time >= ? AND time <= ?',
    );
    const range = [source, symbol, timeframe, c.time[0]!, c.time[n - 1]!];
    const full = this.stmt(upsertCandlesSql(BATCH));
    const one = this.stmt(upsertCandlesSql(1));
    const params: unknown[] = new Array(BATCH * 9);
    let changes = 0;
    let inserted = 0;
    // IMMEDIATE takes the write lock before the first read. A deferred transaction that reads
    // and then writes fails at once with "database is locked" when another process writes in
    // between (busy_timeout cannot help it); the multi-process test caught exactly that.
    this.db.transaction(() => {
      const before = (count.get(...range) as { n: number }).n;
      let i = 0;
      for (; i + BATCH <= n; i += BATCH) {
        for (let j = 0; j < BATCH; j++) putRow(params, j * 9, source, symbol, timeframe, c, i + j);
        changes += full.run(params).changes;
      }
      const single: unknown[] = new Array(9);
      for (; i < n; i++) {
        putRow(single, 0, source, symbol, timeframe, c, i);
        changes += one.run(single).changes;
      }
      inserted = (count.get(...range) as { n: number }).n - before;
    }).immediate();
    return { inserted, updated: changes - inserted };
  }

  async getCandles(source: string, symbol: string, timeframe: string, q: CandleQuery = {}): Promise<Candles> {
    const since = q.since ?? MIN_TIME;
    const until = q.until ?? MAX_TIME;
    const limit = limitOf(q.limit, -1);
    const key = 'source = ? AND symbol = ? AND timeframe = ? AND time >= ? AND time <= ?';
    const cols = 'time, open, high, low, close, volume';
    if (q.since === undefined && limit >= 0) {
      const rows = this.stmt(`SELECT ${cols} FROM candles WHERE ${key} ORDER BY time DESC LIMIT ?`)
        .raw(true)
        .all(source, symbol, timeframe, since, until, limit) as unknown[][];
      return fill(rows.reverse());
    }
    const rows = this.stmt(`SELECT ${cols} FROM candles WHERE ${key} ORDER BY time ASC LIMIT ?`)
      .raw(true)
      .all(source, symbol, timeframe, since, until, limit) as unknown[][];
    return fill(rows);
  }

  async listSeries(): Promise<SeriesInfo[]> {
    return this.stmt(
      `SELECT source, symbol, timeframe, COUNT(*) AS count, MIN(time) AS first, MAX(time) AS last
       FROM candles GROUP BY source, symbol, timeframe ORDER BY source, symbol, timeframe`,
    ).all() as SeriesInfo[];
  }

  async deleteSeries(source: string, symbol: string, timeframe: string): Promise<number> {
    return this.stmt('DELETE FROM candles WHERE source = ? AND symbol = ? AND timeframe = ?').run(source, symbol, timeframe).changes;
  }

  async upsertSignal(signal: StoredSignal): Promise<void> {
    const cols = SIGNAL_COLUMNS.join(', ');
    const set = SIGNAL_UPDATE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ');
    this.stmt(
      `INSERT INTO signals (${cols}) VALUES (${SIGNAL_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET ${set}`,
    ).run(signalToRow(signal, Date.now()));
  }

  async querySignals(q: SignalQuery = {}): Promise<StoredSignal[]> {
    const f = signalFilter(q, sqlitePlaceholder);
    const rows = this.stmt(`SELECT * FROM signals ${f.sql} ORDER BY time DESC, symbol, timeframe, source LIMIT ?`).all(
      ...f.params,
      limitOf(q.limit, 100),
    ) as Record<string, unknown>[];
    return rows.map((r) => rowToSignal(r, json));
  }

  async latestSignals(filter: Partial<SeriesKey> = {}): Promise<StoredSignal[]> {
    const f = signalFilter(filter, sqlitePlaceholder);
    const rows = this.stmt(
      `SELECT * FROM (
         SELECT s.*, ROW_NUMBER() OVER (PARTITION BY source, symbol, timeframe ORDER BY time DESC) AS rn
         FROM signals s ${f.sql}
       ) AS x WHERE rn = 1 ORDER BY time DESC, symbol, timeframe, source`,
    ).all(...f.params) as Record<string, unknown>[];
    return rows.map((r) => rowToSignal(r, json));
  }

  async signalSummary(filter: { source?: string; since?: number } = {}): Promise<SignalSummary> {
    const f = signalFilter(filter, sqlitePlaceholder);
    const rows = this.stmt(
      `SELECT symbol, direction, COUNT(*) AS n, MIN(time) AS first, MAX(time) AS last
       FROM signals ${f.sql} GROUP BY symbol, direction`,
    ).all(...f.params) as SummaryRow[];
    return buildSummary(rows);
  }

  async putSnapshot(kind: SnapshotKind, key: SeriesKey, time: number, payload: unknown): Promise<void> {
    this.stmt(
      `INSERT INTO ${table(kind)} (source, symbol, timeframe, time, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET payload = excluded.payload, created_at = excluded.created_at`,
    ).run(key.source, key.symbol, key.timeframe, time, encode(payload), Date.now());
  }

  async getSnapshot<T = unknown>(kind: SnapshotKind, key: SeriesKey, at = MAX_TIME): Promise<Snapshot<T> | undefined> {
    const row = this.stmt(
      `SELECT time, payload FROM ${table(kind)}
       WHERE source = ? AND symbol = ? AND timeframe = ? AND time <= ? ORDER BY time DESC LIMIT 1`,
    ).get(key.source, key.symbol, key.timeframe, at) as { time: number; payload: string } | undefined;
    return row && { time: row.time, payload: JSON.parse(row.payload) as T };
  }

  async listSnapshots<T = unknown>(kind: SnapshotKind, key: SeriesKey, q: SnapshotQuery = {}): Promise<Snapshot<T>[]> {
    const rows = this.stmt(
      `SELECT time, payload FROM ${table(kind)}
       WHERE source = ? AND symbol = ? AND timeframe = ? AND time >= ? AND time <= ? ORDER BY time DESC LIMIT ?`,
    ).all(key.source, key.symbol, key.timeframe, q.since ?? MIN_TIME, q.until ?? MAX_TIME, limitOf(q.limit, 100)) as {
      time: number;
      payload: string;
    }[];
    return rows.map((r) => ({ time: r.time, payload: JSON.parse(r.payload) as T }));
  }

  async markProcessed(source: string, symbol: string, timeframe: string, time: number): Promise<boolean> {
    const r = this.stmt(
      `INSERT INTO processed_candles (source, symbol, timeframe, time, processed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ).run(source, symbol, timeframe, time, Date.now());
    return r.changes === 1;
  }

  async isProcessed(source: string, symbol: string, timeframe: string, time: number): Promise<boolean> {
    return (
      this.stmt('SELECT 1 FROM processed_candles WHERE source = ? AND symbol = ? AND timeframe = ? AND time = ?').get(
        source,
        symbol,
        timeframe,
        time,
      ) !== undefined
    );
  }

  async unmarkProcessed(source: string, symbol: string, timeframe: string, time: number): Promise<boolean> {
    return (
      this.stmt('DELETE FROM processed_candles WHERE source = ? AND symbol = ? AND timeframe = ? AND time = ?').run(
        source,
        symbol,
        timeframe,
        time,
      ).changes === 1
    );
  }

  async lastProcessed(source: string, symbol: string, timeframe: string): Promise<number | undefined> {
    const row = this.stmt(
      'SELECT MAX(time) AS t FROM processed_candles WHERE source = ? AND symbol = ? AND timeframe = ?',
    ).get(source, symbol, timeframe) as { t: number | null };
    return row.t ?? undefined;
  }

  async processedTimes(source: string, symbol: string, timeframe: string, q: { since?: number; until?: number } = {}): Promise<number[]> {
    return this.stmt('SELECT time FROM processed_candles WHERE source = ? AND symbol = ? AND timeframe = ? AND time >= ? AND time <= ? ORDER BY time')
      .pluck(true)
      .all(source, symbol, timeframe, q.since ?? MIN_TIME, q.until ?? MAX_TIME) as number[];
  }

  async commitResults(results: readonly CandleResult[]): Promise<boolean[]> {
    if (!results.length) return [];
    const now = Date.now();
    // Encode before taking the write lock: a payload that cannot be stored fails the batch
    // without holding up other writers.
    // A payload handed over as UTF-8 bytes is bound as a blob and stored as text by the CAST
    // (the same bytes, typeof text: the row a string would have made); text stays text.
    const snaps = SNAPSHOT_KINDS.map((kind) => ({
      stmt: this.stmt(
        `INSERT INTO ${table(kind)} (source, symbol, timeframe, time, payload, created_at) VALUES (?, ?, ?, ?, CAST(? AS TEXT), ?)
         ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET payload = excluded.payload, created_at = excluded.created_at`,
      ),
      rows: results.flatMap((r) => {
        const payload = snapshotPayload(r, kind);
        return payload === undefined ? [] : [[r.key.source, r.key.symbol, r.key.timeframe, r.time, payload, now]];
      }),
    }));
    const signals = results.flatMap((r) => (r.signal ? [signalToRow(r.signal, now)] : []));
    const signalStmt = this.stmt(
      `INSERT INTO signals (${SIGNAL_COLUMNS.join(', ')}) VALUES (${SIGNAL_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET ${SIGNAL_UPDATE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`,
    );
    const mark = this.stmt(
      `INSERT INTO processed_candles (source, symbol, timeframe, time, processed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    // One transaction: the WAL commit, not the row count, is what each round trip used to cost.
    // Results go in before the marks, so even a reader inside this connection never sees a
    // mark without its rows.
    return this.db.transaction(() => {
      for (const s of snaps) for (const row of s.rows) s.stmt.run(row);
      for (const row of signals) signalStmt.run(row);
      return results.map((r) => mark.run(r.key.source, r.key.symbol, r.key.timeframe, r.time, now).changes === 1);
    }).immediate();
  }

  async kvSet(namespace: string, key: string, value: unknown): Promise<void> {
    this.stmt(
      `INSERT INTO kv (namespace, key, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(namespace, key, encode(value), Date.now());
  }

  async kvGet<T = unknown>(namespace: string, key: string): Promise<KvEntry<T> | undefined> {
    const row = this.stmt('SELECT key, value, updated_at FROM kv WHERE namespace = ? AND key = ?').get(namespace, key) as
      | KvRow
      | undefined;
    return row && kvEntry<T>(row);
  }

  async kvList<T = unknown>(namespace: string): Promise<KvEntry<T>[]> {
    const rows = this.stmt('SELECT key, value, updated_at FROM kv WHERE namespace = ? ORDER BY key').all(namespace) as KvRow[];
    return rows.map((r) => kvEntry<T>(r));
  }

  async kvDelete(namespace: string, key: string): Promise<boolean> {
    return this.stmt('DELETE FROM kv WHERE namespace = ? AND key = ?').run(namespace, key).changes === 1;
  }

  /** For tests and diagnostics: `PRAGMA integrity_check` ("ok" when healthy). */
  integrityCheck(): string {
    return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  }

  /** Tracker events and volume windows (tracker-events-sqlite.ts), on this connection. */
  trackerStore(): TrackerStore {
    return (this.tracker ??= sqliteTrackerStore(this.db));
  }
  private tracker: TrackerStore | undefined;

  /** API keys (api-keys.ts), on this connection. */
  apiKeyStore(): ApiKeyStore {
    return (this.apiKeys ??= sqliteApiKeyStore(this.db));
  }
  private apiKeys: ApiKeyStore | undefined;

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Page size of a store created here (an existing file keeps its own). */
export const PAGE_SIZE = 16384;

/** Rows per statement: 9 parameters each, far below SQLite's 32766-variable limit. */
const BATCH = 200;

function upsertCandlesSql(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  return `INSERT INTO candles (source, symbol, timeframe, time, open, high, low, close, volume) VALUES ${values}
    ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET
      open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume
    WHERE open IS NOT excluded.open OR high IS NOT excluded.high OR low IS NOT excluded.low
       OR close IS NOT excluded.close OR volume IS NOT excluded.volume`;
}

function putRow(p: unknown[], o: number, source: string, symbol: string, timeframe: string, c: Candles, i: number): void {
  p[o] = source;
  p[o + 1] = symbol;
  p[o + 2] = timeframe;
  p[o + 3] = c.time[i]!;
  p[o + 4] = nan(c.open[i]!);
  p[o + 5] = nan(c.high[i]!);
  p[o + 6] = nan(c.low[i]!);
  p[o + 7] = nan(c.close[i]!);
  p[o + 8] = nan(c.volume[i]!);
}

interface KvRow {
  key: string;
  value: string;
  updated_at: number;
}

function kvEntry<T>(r: KvRow): KvEntry<T> {
  return { key: r.key, value: JSON.parse(r.value) as T, updatedAt: r.updated_at };
}

// Table names cannot be bound; only the three known kinds ever reach the SQL text.
function table(kind: SnapshotKind): string {
  if (!SNAPSHOT_KINDS.includes(kind)) throw new RangeError(`unknown snapshot kind "${kind}"`);
  return kind;
}

function encode(value: unknown): string {
  const s = JSON.stringify(value);
  if (s === undefined) throw new TypeError('cannot store undefined (or a function) as JSON');
  return s;
}

// SQLite would store NaN as NULL anyway; being explicit keeps the IS NOT comparison exact.
function nan(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

function fill(rows: readonly unknown[][]): Candles {
  const c = emptyCandles(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    c.time[i] = r[0] as number;
    c.open[i] = toFloat(r[1]);
    c.high[i] = toFloat(r[2]);
    c.low[i] = toFloat(r[3]);
    c.close[i] = toFloat(r[4]);
    c.volume[i] = toFloat(r[5]);
  }
  return c;
}
