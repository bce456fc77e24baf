/**
 * Tracker persistence: detector events (queryable by key as a time series) and closed
 * volume windows. Kept beside the Store rather than inside it: the two tables are
 * created by `ensure()` with CREATE TABLE IF NOT EXISTS, not by a numbered migration,
 * because migration ids are appended by another module in parallel and two appends
 * with one id would collide. Both writes are idempotent (a replay run twice stores
 * each event and window once).
 */
export interface StoredEvent {
  key: string;
  kind: string;
  symbol: string;
  /** Exchange time of the data that triggered it (the series' time axis). */
  time: number;
  /** When the detector concluded it (clock time). */
  at: number;
  value: number;
  detail: Record<string, unknown>;
}

export interface StoredWindow {
  symbol: string;
  window: number;
  start: number;
  buyVolume: number;
  sellVolume: number;
  buyQuote: number;
  sellQuote: number;
  buyTrades: number;
  sellTrades: number;
  open: number;
  high: number;
  low: number;
  close: number;
  complete: boolean;
}

export interface EventQuery {
  key?: string;
  symbol?: string;
  kind?: string;
  /** Inclusive bounds on `time`. */
  start?: number;
  end?: number;
  limit?: number;
}

export interface WindowQuery {
  symbol?: string;
  window?: number;
  start?: number;
  end?: number;
  limit?: number;
}

export interface TrackerStore {
  ensure(): Promise<void>;
  putEvents(events: readonly StoredEvent[]): Promise<number>;
  queryEvents(q: EventQuery): Promise<StoredEvent[]>;
  putWindows(rows: readonly StoredWindow[]): Promise<number>;
  queryWindows(q: WindowQuery): Promise<StoredWindow[]>;
}

export const MAX_ROWS = 100_000;
export const numOrNaN = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));
export { finiteOrNull as nullIfNaN } from '../../core/numbers.js';
