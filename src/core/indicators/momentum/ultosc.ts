/** ULTOSC: Williams' ultimate oscillator, 4:2:1 weighted buying pressure over three windows (warm-up longest period). */
import type { IndicatorDef } from '../types.js';
import { type Arena, outArray, scratch } from '../arena.js';
import { isZero, p, periodParam, real, trueRange } from '../defkit.js';
import { HLC, MOMENTUM } from './shared.js';
import { ultoscWasm } from '../wasm/stats.js';

export function ultoscLookback(p1: number, p2: number, p3: number): number {
  return Math.max(p1, p2, p3);
}

/**
 * Ultimate Oscillator 100 * (4*A1/B1 + 2*A2/B2 + A3/B3) / 7 with A = sum(close - trueLow),
 * B = sum(trueRange). TA-Lib sorts the periods so the weight 4 always goes to the shortest, and
 * keeps running sums updated add-then-subtract (order reproduced for bit parity).
 *
 * TA-Lib recomputes a bar's A and B terms when it leaves each window (3 reads of 4 arrays per
 * window per bar); here each bar's terms are computed once, when it enters, and kept in a ring
 * of the last `longest` bars (from `arena`; interleaved A, B), so leaving subtracts the same
 * doubles. The previous close is carried in a local. The weighted sum is built with selects:
 * `o = 0 + (zero(b1) ? 0 : 4*(a1/b1))`, then `+ (zero(b2) ? 0 : ...)`: o is never -0, so adding
 * +0 where TA-Lib skips the addition changes nothing, and no loop-carried double is updated
 * under a branch (see volume/ad.ts).
 */
export function ultosc(
  high: Float64Array, low: Float64Array, close: Float64Array, period1 = 7, period2 = 14, period3 = 28, into?: Float64Array,
  arena: Arena = scratch,
): Float64Array {
  const n = high.length;
  // every cell from the longest period on is written below
  const out = outArray(n, ultoscLookback(period1, period2, period3), into);
  const sorted = [period1, period2, period3].sort((a, b) => a - b);
  const s = sorted[0]! | 0;
  const m = sorted[1]! | 0;
  const l = sorted[2]! | 0;
  const start = l;
  if (n <= start || ultoscWasm(high, low, close, s, m, l, out)) return out;
  let size = 1;
  while (size < l + 1) size <<= 1;
  const mask = size - 1;
  const mk = arena.mark();
  const ring = arena.take(2 * size);
  let a1 = 0, b1 = 0, a2 = 0, b2 = 0, a3 = 0, b3 = 0;
  let prevC = close[start - l]!;
  for (let i = start - l + 1; i < start; i++) {
    const lo = low[i]!, c = close[i]!;
    const a = c - (lo < prevC ? lo : prevC);
    const b = trueRange(high[i]!, lo, prevC);
    const k = (i & mask) << 1;
    ring[k] = a;
    ring[k + 1] = b;
    a3 += a; b3 += b;
    prevC = c;
  }
  for (let i = start - m + 1; i < start; i++) { const k = (i & mask) << 1; a2 += ring[k]!; b2 += ring[k + 1]!; }
  for (let i = start - s + 1; i < start; i++) { const k = (i & mask) << 1; a1 += ring[k]!; b1 += ring[k + 1]!; }
  for (let today = start, t1 = start - s + 1, t2 = start - m + 1, t3 = start - l + 1; today < n; today++, t1++, t2++, t3++) {
    const lo = low[today]!, c = close[today]!;
    const a = c - (lo < prevC ? lo : prevC);
    const b = trueRange(high[today]!, lo, prevC);
    prevC = c;
    const k = (today & mask) << 1;
    ring[k] = a;
    ring[k + 1] = b;
    a1 += a; a2 += a; a3 += a;
    b1 += b; b2 += b; b3 += b;
    let o = 0 + (isZero(b1) ? 0 : 4.0 * (a1 / b1));
    o += isZero(b2) ? 0 : 2.0 * (a2 / b2);
    o += isZero(b3) ? 0 : a3 / b3;
    const k1 = (t1 & mask) << 1, k2 = (t2 & mask) << 1, k3 = (t3 & mask) << 1;
    a1 -= ring[k1]!; b1 -= ring[k1 + 1]!;
    a2 -= ring[k2]!; b2 -= ring[k2 + 1]!;
    a3 -= ring[k3]!; b3 -= ring[k3 + 1]!;
    out[today] = 100.0 * (o / 7.0);
  }
  arena.release(mk);
  return out;
}

export const ULTOSC: IndicatorDef = {
  name: 'ULTOSC', group: MOMENTUM,
  description: 'Ultimate Oscillator, 0-100: 4:2:1 weighted buying pressure over three windows; above 70 overbought, below 30 oversold.',
  interpretation: '0..100: above 70 overbought, below 30 oversold; a bullish divergence below 30 is its classic buy signal.',
  inputs: HLC,
  params: [
    periodParam(7, 'timePeriod1', 1, 'Number of bars for the 1st (shortest) period'),
    periodParam(14, 'timePeriod2', 1, 'Number of bars for the 2nd period'),
    periodParam(28, 'timePeriod3', 1, 'Number of bars for the 3rd (longest) period'),
  ],
  outputs: real(),
  lookback: (ps) => ultoscLookback(p(ps, 'timePeriod1'), p(ps, 'timePeriod2'), p(ps, 'timePeriod3')),
  compute: (i, ps) => [ultosc(i[0]!, i[1]!, i[2]!, p(ps, 'timePeriod1'), p(ps, 'timePeriod2'), p(ps, 'timePeriod3'))],
  computeInto: (i, ps, [out], arena) => { ultosc(i[0]!, i[1]!, i[2]!, p(ps, 'timePeriod1'), p(ps, 'timePeriod2'), p(ps, 'timePeriod3'), out, arena); },
};
