import { fromRows, type Candles } from '../../../core/series.js';
import { MarketError } from '../errors.js';
import type { CandleQuery } from '../types.js';

/** One exchange request: candles with open time >= since (or the latest when undefined). */
export type FetchPage = (since: number | undefined, limit: number | undefined) => Promise<number[][]>;

export interface PaginateOptions {
  pageSize: number;
  timeframeMs: number;
  /** Safety stop for exchanges that ignore `since` in unexpected ways. */
  maxPages?: number;
  source: string;
}

/**
 * Candles for a query, page by page. Pages are chained on the last open time seen plus
 * one millisecond (not plus one timeframe: months vary in length), rows are deduplicated
 * by open time, and the loop ends when the range or limit is covered or a page brings
 * nothing new.
 */
export async function paginateCandles(fetchPage: FetchPage, q: CandleQuery, o: PaginateOptions): Promise<Candles> {
  const { limit } = q;
  let { since, until } = q;
  if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) {
    throw new MarketError('not_supported', `candle limit must be a positive integer, got ${limit}`, o.source);
  }
  let latest = false;
  if (since === undefined && until !== undefined && limit !== undefined) since = until - limit * o.timeframeMs;
  if (since === undefined) {
    const first = clean(await fetchPage(undefined, Math.min(limit ?? o.pageSize, o.pageSize)), o.source);
    const inRange = until === undefined ? first : first.filter((r) => r[0]! < until!);
    if (limit === undefined || inRange.length >= limit || inRange.length === 0) return fromRows(tail(inRange, limit));
    // More than one page of the latest candles: anchor on the exchange's newest candle,
    // not on the local clock, then walk forward.
    const newest = inRange[inRange.length - 1]![0]!;
    since = newest - (limit - 1) * o.timeframeMs;
    until = newest + 1;
    latest = true;
  }
  const byTime = new Map<number, number[]>();
  const maxPages = o.maxPages ?? 10_000;
  let cursor = since;
  for (let page = 0; page < maxPages; page++) {
    const want = limit === undefined ? o.pageSize : Math.min(o.pageSize, limit - byTime.size);
    const rows = clean(await fetchPage(cursor, want), o.source);
    let added = 0;
    let maxTime = -Infinity;
    for (const r of rows) {
      const t = r[0]!;
      if (t > maxTime) maxTime = t;
      if (t < since || (until !== undefined && t >= until) || byTime.has(t)) continue;
      byTime.set(t, r);
      added++;
    }
    if (added === 0) break;
    if (limit !== undefined && byTime.size >= limit) break;
    if (until !== undefined && maxTime + o.timeframeMs >= until) break;
    if (maxTime + 1 <= cursor) break;
    cursor = maxTime + 1;
  }
  const rows = [...byTime.values()].sort((a, b) => a[0]! - b[0]!);
  if (limit === undefined) return fromRows(rows);
  return fromRows(latest ? tail(rows, limit) : rows.slice(0, limit));
}

function tail<T>(rows: T[], limit: number | undefined): T[] {
  return limit === undefined ? rows : rows.slice(Math.max(0, rows.length - limit));
}

/** Rows must be [time, o, h, l, c, v] numbers; anything else means the parser got garbage. */
function clean(rows: unknown, source: string): number[][] {
  if (!Array.isArray(rows)) throw new MarketError('bad_response', `${source} returned candles that are not a list`, source);
  for (const r of rows as unknown[]) {
    if (!Array.isArray(r) || r.length < 6 || !Number.isFinite(r[0]) || !Number.isFinite(r[4])) {
      throw new MarketError('bad_response', `${source} returned a malformed candle ${JSON.stringify(r)?.slice(0, 80)}`, source);
    }
  }
  return (rows as number[][]).map((r) => r.map((x) => (typeof x === 'number' ? x : Number.NaN))).sort((a, b) => a[0]! - b[0]!);
}
