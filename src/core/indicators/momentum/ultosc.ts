/** ULTOSC: Williams' ultimate oscillator, 4:2:1 weighted buying pressure over three windows (warm-up longest period). */
import type { IndicatorDef } from '../types.js';
import { outArray } from '../arena.js';
import { isZero, p, periodParam, real, trueRange } from '../defkit.js';
import { HLC, MOMENTUM } from './shared.js';

export function ultoscLookback(p1: number, p2: number, p3: number): number {
  return Math.max(p1, p2, p3);
}

/** Close minus true low of `day` (TA-Lib recomputes it on entry and exit of each window). */
function ultA(low: Float64Array, close: Float64Array, day: number): number {
  const lo = low[day]!;
  const cy = close[day - 1]!;
  return close[day]! - (lo < cy ? lo : cy);
}

/** True range of `day` (TA-Lib recomputes it on entry and exit of each window). */
function ultB(high: Float64Array, low: Float64Array, close: Float64Array, day: number): number {
  return trueRange(high[day]!, low[day]!, close[day - 1]!);
}

/**
 * Ultimate Oscillator 100 * (4*A1/B1 + 2*A2/B2 + A3/B3) / 7 with A = sum(close - trueLow),
 * B = sum(trueRange). TA-Lib sorts the periods so the weight 4 always goes to the shortest, and
 * keeps running sums updated add-then-subtract (order reproduced for bit parity).
 */
export function ultosc(
  high: Float64Array, low: Float64Array, close: Float64Array, period1 = 7, period2 = 14, period3 = 28, into?: Float64Array,
): Float64Array {
  const n = high.length;
  // every cell from the longest period on is written below
  const out = outArray(n, ultoscLookback(period1, period2, period3), into);
  const sorted = [period1, period2, period3].sort((a, b) => a - b);
  const s = sorted[0]!;
  const m = sorted[1]!;
  const l = sorted[2]!;
  const start = l;
  if (n <= start) return out;
  let a1 = 0, b1 = 0, a2 = 0, b2 = 0, a3 = 0, b3 = 0;
  for (let i = start - s + 1; i < start; i++) { a1 += ultA(low, close, i); b1 += ultB(high, low, close, i); }
  for (let i = start - m + 1; i < start; i++) { a2 += ultA(low, close, i); b2 += ultB(high, low, close, i); }
  for (let i = start - l + 1; i < start; i++) { a3 += ultA(low, close, i); b3 += ultB(high, low, close, i); }
  let t1 = start - s + 1;
  let t2 = start - m + 1;
  let t3 = start - l + 1;
  for (let today = start; today < n; today++) {
    const a = ultA(low, close, today);
    const b = ultB(high, low, close, today);
    a1 += a; a2 += a; a3 += a;
    b1 += b; b2 += b; b3 += b;
    let o = 0;
    if (!isZero(b1)) o += 4.0 * (a1 / b1);
    if (!isZero(b2)) o += 2.0 * (a2 / b2);
    if (!isZero(b3)) o += a3 / b3;
    a1 -= ultA(low, close, t1); b1 -= ultB(high, low, close, t1);
    a2 -= ultA(low, close, t2); b2 -= ultB(high, low, close, t2);
    a3 -= ultA(low, close, t3); b3 -= ultB(high, low, close, t3);
    out[today] = 100.0 * (o / 7.0);
    t1++; t2++; t3++;
  }
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
  computeInto: (i, ps, [out]) => { ultosc(i[0]!, i[1]!, i[2]!, p(ps, 'timePeriod1'), p(ps, 'timePeriod2'), p(ps, 'timePeriod3'), out); },
};
