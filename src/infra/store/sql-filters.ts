import type { SignalQuery } from './types.js';

/** Placeholder generator: SQLite uses `?`, PostgreSQL numbered `$n`. */
export type Placeholder = () => string;

export const sqlitePlaceholder: Placeholder = () => '?';
export function postgresPlaceholders(start = 1): Placeholder {
  let i = start - 1;
  return () => `$${++i}`;
}

export interface Filter {
  sql: string;
  params: unknown[];
}

/** WHERE clause over the signal columns a query names; values are always bound, never spliced. */
export function signalFilter(q: SignalQuery, ph: Placeholder): Filter {
  const conds: string[] = [];
  const params: unknown[] = [];
  const eq = (col: string, v: unknown) => {
    conds.push(`${col} = ${ph()}`);
    params.push(v);
  };
  if (q.source !== undefined) eq('source', q.source);
  if (q.symbol !== undefined) eq('symbol', q.symbol);
  if (q.timeframe !== undefined) eq('timeframe', q.timeframe);
  if (q.direction !== undefined) eq('direction', q.direction);
  if (q.since !== undefined) {
    conds.push(`time >= ${ph()}`);
    params.push(q.since);
  }
  if (q.until !== undefined) {
    conds.push(`time <= ${ph()}`);
    params.push(q.until);
  }
  return { sql: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params };
}

export function limitOf(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  return limit;
}

/** Bounds for "all of time" so every candle query has the same shape (and one prepared statement). */
export const MIN_TIME = -Number.MAX_SAFE_INTEGER;
export const MAX_TIME = Number.MAX_SAFE_INTEGER;
