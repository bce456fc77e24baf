import type { Candles } from '../../core/series.js';
import type { Direction, Signal } from '../../core/signals/types.js';

/**
 * Persistence for candles and everything the signal pipeline derives from them.
 * Methods are async so that the embedded SQLite store and the PostgreSQL store are
 * interchangeable; SQLite simply resolves immediately.
 *
 * Times are epoch milliseconds (UTC). A candle's time is its open time.
 */

/** A series is one candle stream: where it came from, the pair, the timeframe. */
export interface SeriesKey {
  /** Data origin, e.g. an exchange id (`binance`) or `replay`. */
  readonly source: string;
  readonly symbol: string;
  readonly timeframe: string;
}

export interface UpsertResult {
  /** Rows that did not exist before. */
  inserted: number;
  /** Existing rows whose values changed (a re-sent identical candle counts as neither). */
  updated: number;
}

export interface CandleQuery {
  /** Inclusive lower bound on open time. With `limit`, the first `limit` candles from here. */
  since?: number;
  /** Inclusive upper bound on open time. */
  until?: number;
  /** Without `since`: the latest `limit` candles. Results are always in ascending time. */
  limit?: number;
}

export interface SeriesInfo extends SeriesKey {
  count: number;
  /** Open time of the first and last stored candle. */
  first: number;
  last: number;
}

/**
 * A signal as the store keeps it: core's Signal, keyed by series + candle time (`time`),
 * plus detail the pipeline wants to keep (factor details, RSI, ATR).
 */
export interface StoredSignal extends Signal, SeriesKey {
  readonly symbol: string;
  readonly timeframe: string;
  payload?: Record<string, unknown>;
}

export interface SignalQuery {
  source?: string;
  symbol?: string;
  timeframe?: string;
  direction?: Direction;
  /** Inclusive bounds on signal time. */
  since?: number;
  until?: number;
  /** Newest first; default 100. */
  limit?: number;
}

export interface SignalSummary {
  total: number;
  byDirection: Record<Direction, number>;
  bySymbol: { symbol: string; total: number; long: number; short: number; neutral: number; last: number }[];
  /** Time of the oldest/newest signal counted, null when there are none. */
  first: number | null;
  last: number | null;
}

/** Market-structure snapshots the pipeline computes per closed candle. */
export type SnapshotKind = 'swings' | 'sr_levels' | 'fib_levels';
export const SNAPSHOT_KINDS: readonly SnapshotKind[] = ['swings', 'sr_levels', 'fib_levels'];

export interface Snapshot<T = unknown> {
  time: number;
  payload: T;
}

export interface SnapshotQuery {
  since?: number;
  until?: number;
  /** Newest first; default 100. */
  limit?: number;
}

/** Everything the pipeline derived from one closed candle. */
export interface CandleResult {
  key: SeriesKey;
  /** Open time of the candle. */
  time: number;
  snapshots: Partial<Record<SnapshotKind, unknown>>;
  /** Snapshots already encoded as JSON text (a compute thread did it); used instead of `snapshots[kind]`. */
  snapshotJson?: Partial<Record<SnapshotKind, string>>;
  /**
   * Snapshots as the UTF-8 bytes of their JSON text (a compute thread encoded them into a
   * buffer it transferred); used before `snapshotJson` and `snapshots[kind]`, stored as text.
   */
  snapshotUtf8?: Partial<Record<SnapshotKind, Uint8Array>>;
  /** Only valid trade plans are signals; most candles have none. */
  signal: StoredSignal | null;
}

export interface KvEntry<T = unknown> {
  key: string;
  value: T;
  updatedAt: number;
}

export interface Store {
  /** Which backend this is, for logs and health checks. */
  readonly kind: 'sqlite' | 'postgres';

  /** Brings the schema up to date. Safe to call repeatedly and, on PostgreSQL, concurrently. */
  migrate(): Promise<void>;

  /**
   * Inserts or updates candles of one series in a single transaction. Keyed by
   * (source, symbol, timeframe, time): re-ingesting never duplicates, a re-sent candle with
   * new values (the forming candle) replaces the stored one. Duplicate times within one call:
   * the last occurrence wins.
   */
  upsertCandles(source: string, symbol: string, timeframe: string, candles: Candles): Promise<UpsertResult>;
  getCandles(source: string, symbol: string, timeframe: string, query?: CandleQuery): Promise<Candles>;
  listSeries(): Promise<SeriesInfo[]>;
  /** Deletes the candles of a series (not its signals or snapshots); returns rows removed. */
  deleteSeries(source: string, symbol: string, timeframe: string): Promise<number>;

  /** Inserts or replaces the signal of (source, symbol, timeframe, time). */
  upsertSignal(signal: StoredSignal): Promise<void>;
  querySignals(query?: SignalQuery): Promise<StoredSignal[]>;
  /** The newest signal of every (source, symbol, timeframe) that matches, newest first. */
  latestSignals(filter?: Partial<SeriesKey>): Promise<StoredSignal[]>;
  signalSummary(filter?: { source?: string; since?: number }): Promise<SignalSummary>;

  putSnapshot(kind: SnapshotKind, key: SeriesKey, time: number, payload: unknown): Promise<void>;
  /** The snapshot at or before `at` (default: the newest). */
  getSnapshot<T = unknown>(kind: SnapshotKind, key: SeriesKey, at?: number): Promise<Snapshot<T> | undefined>;
  listSnapshots<T = unknown>(kind: SnapshotKind, key: SeriesKey, query?: SnapshotQuery): Promise<Snapshot<T>[]>;

  /**
   * Claims a candle for processing. True for exactly one caller per key, ever — across
   * restarts and concurrent workers — so a candle is never processed twice.
   */
  markProcessed(source: string, symbol: string, timeframe: string, time: number): Promise<boolean>;
  isProcessed(source: string, symbol: string, timeframe: string, time: number): Promise<boolean>;
  /** Releases a claim whose processing failed so that it can be retried. */
  unmarkProcessed(source: string, symbol: string, timeframe: string, time: number): Promise<boolean>;
  /** Newest processed candle time of a series, to resume after a restart. */
  lastProcessed(source: string, symbol: string, timeframe: string): Promise<number | undefined>;
  /** Processed candle times of a series within [since, until], ascending: one query per batch of candidates. */
  processedTimes(source: string, symbol: string, timeframe: string, query?: { since?: number; until?: number }): Promise<number[]>;
  /**
   * Writes the results of many processed candles (multi-row upserts) and claims the candles,
   * in ONE transaction: a crash leaves either all of a batch or none of it, never a mark
   * without its results. Element i is true when this call claimed candle i first
   * (markProcessed's rule), so only first writers publish.
   */
  commitResults(results: readonly CandleResult[]): Promise<boolean[]>;

  kvSet(namespace: string, key: string, value: unknown): Promise<void>;
  kvGet<T = unknown>(namespace: string, key: string): Promise<KvEntry<T> | undefined>;
  kvList<T = unknown>(namespace: string): Promise<KvEntry<T>[]>;
  kvDelete(namespace: string, key: string): Promise<boolean>;

  close(): Promise<void>;
}
