/** T3: Tillson's six chained EMAs blended by vFactor (warm-up 6*(period-1)). */
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real, realParam, withWarmup } from '../defkit.js';
import { OVERLAP } from './shared.js';
import { t3Wasm } from '../wasm/t3.js';

export function t3Lookback(period: number): number { return 6 * (period - 1); }

/**
 * Tillson T3: six chained EMAs, each seeded with the mean of its first `period` inputs
 * while the earlier ones keep running (TA-Lib's warm-up), combined with vFactor weights.
 * Note TA-Lib writes these EMAs as k*x + (1-k)*e, not (x-e)*k + e like TA_EMA.
 */
export function t3Into(src: Float64Array, from: number, period: number, vFactor: number, out: Float64Array): void {
  from |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  period |= 0;
  const n = src.length;
  const lb = 6 * (period - 1);
  if (from < 0 || from + lb >= n) return;
  if (period === 1) {
    for (let i = from; i < n; i++) out[i] = src[i]!;
    return;
  }
  const k = 2 / (period + 1);
  const k1 = 1 - k;
  let today = from;
  let acc = src[today++]!;
  for (let i = period - 1; i > 0; i--) acc += src[today++]!;
  let e1 = acc / period;
  acc = e1;
  for (let i = period - 1; i > 0; i--) {
    e1 = k * src[today++]! + k1 * e1;
    acc += e1;
  }
  let e2 = acc / period;
  acc = e2;
  for (let i = period - 1; i > 0; i--) {
    e1 = k * src[today++]! + k1 * e1;
    e2 = k * e1 + k1 * e2;
    acc += e2;
  }
  let e3 = acc / period;
  acc = e3;
  for (let i = period - 1; i > 0; i--) {
    e1 = k * src[today++]! + k1 * e1;
    e2 = k * e1 + k1 * e2;
    e3 = k * e2 + k1 * e3;
    acc += e3;
  }
  let e4 = acc / period;
  acc = e4;
  for (let i = period - 1; i > 0; i--) {
    e1 = k * src[today++]! + k1 * e1;
    e2 = k * e1 + k1 * e2;
    e3 = k * e2 + k1 * e3;
    e4 = k * e3 + k1 * e4;
    acc += e4;
  }
  let e5 = acc / period;
  acc = e5;
  for (let i = period - 1; i > 0; i--) {
    e1 = k * src[today++]! + k1 * e1;
    e2 = k * e1 + k1 * e2;
    e3 = k * e2 + k1 * e3;
    e4 = k * e3 + k1 * e4;
    e5 = k * e4 + k1 * e5;
    acc += e5;
  }
  let e6 = acc / period;
  const v2 = vFactor * vFactor;
  const c1 = 0 - v2 * vFactor;
  const c2 = 3 * (v2 - c1);
  const c3 = -6 * v2 - 3 * (vFactor - c1);
  const c4 = 1 + 3 * vFactor - c1 + 3 * v2;
  out[today - 1] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
  // Two bars per turn, each EMA's two steps side by side (bar a's, then bar b's): the same
  // operations on the same values as one bar at a time, reordered only across independent
  // chains. One bar per turn has more values live than V8 keeps in registers (six EMAs, k, k1
  // and four weights), and it spills e1 and e2, so their recurrences went through a store and
  // a reload on every bar; in pairs that round trip is paid once per two bars.
  for (; today + 1 < n; today += 2) {
    const a1 = k * src[today]! + k1 * e1;
    e1 = k * src[today + 1]! + k1 * a1;
    const a2 = k * a1 + k1 * e2;
    e2 = k * e1 + k1 * a2;
    const a3 = k * a2 + k1 * e3;
    e3 = k * e2 + k1 * a3;
    const a4 = k * a3 + k1 * e4;
    e4 = k * e3 + k1 * a4;
    const a5 = k * a4 + k1 * e5;
    e5 = k * e4 + k1 * a5;
    const a6 = k * a5 + k1 * e6;
    e6 = k * e5 + k1 * a6;
    out[today] = c1 * a6 + c2 * a5 + c3 * a4 + c4 * a3;
    out[today + 1] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
  }
  while (today < n) {
    e1 = k * src[today]! + k1 * e1;
    e2 = k * e1 + k1 * e2;
    e3 = k * e2 + k1 * e3;
    e4 = k * e3 + k1 * e4;
    e5 = k * e4 + k1 * e5;
    e6 = k * e5 + k1 * e6;
    out[today++] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
  }
}

export function t3(real: Float64Array, period: number, vFactor = 0.7, into?: Float64Array): Float64Array {
  // series-heap arrays: wasm/t3.ts (false: the JavaScript kernel)
  return withWarmup(real.length, t3Lookback(period), (o) => { if (!t3Wasm(real, period | 0, vFactor, o)) t3Into(real, 0, period, vFactor, o); }, into);
}

export const T3: IndicatorDef = {
  name: 'T3', group: OVERLAP, description: 'Tillson T3: six chained EMAs blended by vFactor; a smooth, low-lag trend line.',
  interpretation: 'Price units; smooth and low-lag: its slope is the trend direction, price crossings mark changes.',
  inputs: ['real'],
  params: [periodParam(5), realParam('vFactor', 0.7, 0, 1, 'Volume factor: 0 = triple EMA-like, 1 = more smoothing')],
  outputs: real(),
  lookback: (params) => t3Lookback(p(params, 'timePeriod')),
  compute: ([x], params) => [t3(x!, p(params, 'timePeriod'), p(params, 'vFactor'))],
  computeInto: ([x], params, [out]) => { t3(x!, p(params, 'timePeriod'), p(params, 'vFactor'), out); },
};
