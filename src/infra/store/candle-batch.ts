import { candleCount, type Candles } from '../../core/series.js';

/**
 * Makes a batch safe for one multi-row upsert: PostgreSQL refuses a statement that touches
 * the same key twice ("ON CONFLICT DO UPDATE command cannot affect row a second time"),
 * so duplicate times collapse to their last occurrence, as if sent one after another.
 * The common case (strictly increasing times) is returned untouched, without copying.
 */
export function normalizeBatch(c: Candles): Candles {
  const n = candleCount(c);
  for (const f of ['open', 'high', 'low', 'close', 'volume'] as const) {
    if (c[f].length !== n) throw new RangeError(`candles.${f} has ${c[f].length} values, time has ${n}`);
  }
  let increasing = true;
  for (let i = 0; i < n; i++) {
    const t = c.time[i]!;
    if (!Number.isSafeInteger(t)) throw new RangeError(`candle time at index ${i} is not an integer epoch ms: ${t}`);
    if (i > 0 && t <= c.time[i - 1]!) increasing = false;
  }
  if (increasing) return c;

  const lastIndex = new Map<number, number>();
  for (let i = 0; i < n; i++) lastIndex.set(c.time[i]!, i);
  const order = [...lastIndex.values()].sort((a, b) => c.time[a]! - c.time[b]!);
  const pick = (a: Float64Array) => Float64Array.from(order, (i) => a[i]!);
  return { time: pick(c.time), open: pick(c.open), high: pick(c.high), low: pick(c.low), close: pick(c.close), volume: pick(c.volume) };
}

/** NULL (how SQLite stores NaN, or a missing value) reads back as NaN in a Float64Array. */
export function toFloat(v: unknown): number {
  return v === null || v === undefined ? NaN : Number(v);
}
