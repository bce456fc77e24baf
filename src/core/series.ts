/**
 * Columnar candles: one Float64Array per field so indicators read contiguous memory
 * and a million candles cost 48 MB, not a million objects.
 * `time` is the candle's open time in epoch milliseconds (UTC).
 */
export interface Candles {
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export type CandleField = keyof Candles;
export const CANDLE_FIELDS: readonly CandleField[] = ['time', 'open', 'high', 'low', 'close', 'volume'];

/** One candle as a row: [timeMs, open, high, low, close, volume] (ccxt's OHLCV layout). */
export type CandleRow = [number, number, number, number, number, number];

export function emptyCandles(length = 0): Candles {
  return {
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

export function candleCount(c: Candles): number {
  return c.time.length;
}

export function fromRows(rows: readonly (readonly number[])[]): Candles {
  const c = emptyCandles(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    c.time[i] = r[0]!;
    c.open[i] = r[1]!;
    c.high[i] = r[2]!;
    c.low[i] = r[3]!;
    c.close[i] = r[4]!;
    c.volume[i] = r[5]!;
  }
  return c;
}

export function toRows(c: Candles): CandleRow[] {
  const n = candleCount(c);
  const rows: CandleRow[] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = [c.time[i]!, c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!, c.volume[i]!];
  return rows;
}

/** Zero-copy view of candles [start, end). */
export function sliceCandles(c: Candles, start: number, end = candleCount(c)): Candles {
  return {
    time: c.time.subarray(start, end),
    open: c.open.subarray(start, end),
    high: c.high.subarray(start, end),
    low: c.low.subarray(start, end),
    close: c.close.subarray(start, end),
    volume: c.volume.subarray(start, end),
  };
}

/** The last `limit` candles (zero-copy). */
export function tailCandles(c: Candles, limit: number): Candles {
  const n = candleCount(c);
  return sliceCandles(c, Math.max(0, n - limit), n);
}

/** Index of the first candle with time >= t (binary search; times are increasing). */
export function lowerBound(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function concatCandles(parts: readonly Candles[]): Candles {
  const total = parts.reduce((s, p) => s + candleCount(p), 0);
  const out = emptyCandles(total);
  let at = 0;
  for (const p of parts) {
    for (const f of CANDLE_FIELDS) out[f].set(p[f], at);
    at += candleCount(p);
  }
  return out;
}
