/** ROC, ROCP, ROCR, ROCR100: the change against `period` bars ago as percent, fraction, ratio, ratio x100 (warm-up period). */
import { outArray } from '../arena.js';
import { periodParam } from '../defkit.js';
import { C, single } from './shared.js';
import { heapRoc } from '../wasm/elementwise.js';

/**
 * Rate-of-change variants; TA-Lib writes 0 when the reference price is exactly 0. One loop-only
 * function per variant, so each is optimized on its own and no variant test sits in front of the
 * loop; each keeps TA-Lib's expression. Unrolled by 16: see math/operators.ts (same expression per
 * element, same results).
 */
function rocPercentLoop(real: Float64Array, period: number, out: Float64Array): void {
  const n = real.length;
  let i = period;
  for (; i < n - 15; i += 16) {
    const j = i - period;
    const p0 = real[j]!; out[i] = p0 !== 0 ? (real[i]! / p0 - 1.0) * 100.0 : 0;
    const p1 = real[j + 1]!; out[i + 1] = p1 !== 0 ? (real[i + 1]! / p1 - 1.0) * 100.0 : 0;
    const p2 = real[j + 2]!; out[i + 2] = p2 !== 0 ? (real[i + 2]! / p2 - 1.0) * 100.0 : 0;
    const p3 = real[j + 3]!; out[i + 3] = p3 !== 0 ? (real[i + 3]! / p3 - 1.0) * 100.0 : 0;
    const p4 = real[j + 4]!; out[i + 4] = p4 !== 0 ? (real[i + 4]! / p4 - 1.0) * 100.0 : 0;
    const p5 = real[j + 5]!; out[i + 5] = p5 !== 0 ? (real[i + 5]! / p5 - 1.0) * 100.0 : 0;
    const p6 = real[j + 6]!; out[i + 6] = p6 !== 0 ? (real[i + 6]! / p6 - 1.0) * 100.0 : 0;
    const p7 = real[j + 7]!; out[i + 7] = p7 !== 0 ? (real[i + 7]! / p7 - 1.0) * 100.0 : 0;
    const p8 = real[j + 8]!; out[i + 8] = p8 !== 0 ? (real[i + 8]! / p8 - 1.0) * 100.0 : 0;
    const p9 = real[j + 9]!; out[i + 9] = p9 !== 0 ? (real[i + 9]! / p9 - 1.0) * 100.0 : 0;
    const p10 = real[j + 10]!; out[i + 10] = p10 !== 0 ? (real[i + 10]! / p10 - 1.0) * 100.0 : 0;
    const p11 = real[j + 11]!; out[i + 11] = p11 !== 0 ? (real[i + 11]! / p11 - 1.0) * 100.0 : 0;
    const p12 = real[j + 12]!; out[i + 12] = p12 !== 0 ? (real[i + 12]! / p12 - 1.0) * 100.0 : 0;
    const p13 = real[j + 13]!; out[i + 13] = p13 !== 0 ? (real[i + 13]! / p13 - 1.0) * 100.0 : 0;
    const p14 = real[j + 14]!; out[i + 14] = p14 !== 0 ? (real[i + 14]! / p14 - 1.0) * 100.0 : 0;
    const p15 = real[j + 15]!; out[i + 15] = p15 !== 0 ? (real[i + 15]! / p15 - 1.0) * 100.0 : 0;
  }
  for (; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? (real[i]! / prev - 1.0) * 100.0 : 0; }
}

function rocFractionLoop(real: Float64Array, period: number, out: Float64Array): void {
  const n = real.length;
  let i = period;
  for (; i < n - 15; i += 16) {
    const j = i - period;
    const p0 = real[j]!; out[i] = p0 !== 0 ? (real[i]! - p0) / p0 : 0;
    const p1 = real[j + 1]!; out[i + 1] = p1 !== 0 ? (real[i + 1]! - p1) / p1 : 0;
    const p2 = real[j + 2]!; out[i + 2] = p2 !== 0 ? (real[i + 2]! - p2) / p2 : 0;
    const p3 = real[j + 3]!; out[i + 3] = p3 !== 0 ? (real[i + 3]! - p3) / p3 : 0;
    const p4 = real[j + 4]!; out[i + 4] = p4 !== 0 ? (real[i + 4]! - p4) / p4 : 0;
    const p5 = real[j + 5]!; out[i + 5] = p5 !== 0 ? (real[i + 5]! - p5) / p5 : 0;
    const p6 = real[j + 6]!; out[i + 6] = p6 !== 0 ? (real[i + 6]! - p6) / p6 : 0;
    const p7 = real[j + 7]!; out[i + 7] = p7 !== 0 ? (real[i + 7]! - p7) / p7 : 0;
    const p8 = real[j + 8]!; out[i + 8] = p8 !== 0 ? (real[i + 8]! - p8) / p8 : 0;
    const p9 = real[j + 9]!; out[i + 9] = p9 !== 0 ? (real[i + 9]! - p9) / p9 : 0;
    const p10 = real[j + 10]!; out[i + 10] = p10 !== 0 ? (real[i + 10]! - p10) / p10 : 0;
    const p11 = real[j + 11]!; out[i + 11] = p11 !== 0 ? (real[i + 11]! - p11) / p11 : 0;
    const p12 = real[j + 12]!; out[i + 12] = p12 !== 0 ? (real[i + 12]! - p12) / p12 : 0;
    const p13 = real[j + 13]!; out[i + 13] = p13 !== 0 ? (real[i + 13]! - p13) / p13 : 0;
    const p14 = real[j + 14]!; out[i + 14] = p14 !== 0 ? (real[i + 14]! - p14) / p14 : 0;
    const p15 = real[j + 15]!; out[i + 15] = p15 !== 0 ? (real[i + 15]! - p15) / p15 : 0;
  }
  for (; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? (real[i]! - prev) / prev : 0; }
}

function rocRatioLoop(real: Float64Array, period: number, out: Float64Array): void {
  const n = real.length;
  let i = period;
  for (; i < n - 15; i += 16) {
    const j = i - period;
    const p0 = real[j]!; out[i] = p0 !== 0 ? real[i]! / p0 : 0;
    const p1 = real[j + 1]!; out[i + 1] = p1 !== 0 ? real[i + 1]! / p1 : 0;
    const p2 = real[j + 2]!; out[i + 2] = p2 !== 0 ? real[i + 2]! / p2 : 0;
    const p3 = real[j + 3]!; out[i + 3] = p3 !== 0 ? real[i + 3]! / p3 : 0;
    const p4 = real[j + 4]!; out[i + 4] = p4 !== 0 ? real[i + 4]! / p4 : 0;
    const p5 = real[j + 5]!; out[i + 5] = p5 !== 0 ? real[i + 5]! / p5 : 0;
    const p6 = real[j + 6]!; out[i + 6] = p6 !== 0 ? real[i + 6]! / p6 : 0;
    const p7 = real[j + 7]!; out[i + 7] = p7 !== 0 ? real[i + 7]! / p7 : 0;
    const p8 = real[j + 8]!; out[i + 8] = p8 !== 0 ? real[i + 8]! / p8 : 0;
    const p9 = real[j + 9]!; out[i + 9] = p9 !== 0 ? real[i + 9]! / p9 : 0;
    const p10 = real[j + 10]!; out[i + 10] = p10 !== 0 ? real[i + 10]! / p10 : 0;
    const p11 = real[j + 11]!; out[i + 11] = p11 !== 0 ? real[i + 11]! / p11 : 0;
    const p12 = real[j + 12]!; out[i + 12] = p12 !== 0 ? real[i + 12]! / p12 : 0;
    const p13 = real[j + 13]!; out[i + 13] = p13 !== 0 ? real[i + 13]! / p13 : 0;
    const p14 = real[j + 14]!; out[i + 14] = p14 !== 0 ? real[i + 14]! / p14 : 0;
    const p15 = real[j + 15]!; out[i + 15] = p15 !== 0 ? real[i + 15]! / p15 : 0;
  }
  for (; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? real[i]! / prev : 0; }
}

function rocRatio100Loop(real: Float64Array, period: number, out: Float64Array): void {
  const n = real.length;
  let i = period;
  for (; i < n - 15; i += 16) {
    const j = i - period;
    const p0 = real[j]!; out[i] = p0 !== 0 ? (real[i]! / p0) * 100.0 : 0;
    const p1 = real[j + 1]!; out[i + 1] = p1 !== 0 ? (real[i + 1]! / p1) * 100.0 : 0;
    const p2 = real[j + 2]!; out[i + 2] = p2 !== 0 ? (real[i + 2]! / p2) * 100.0 : 0;
    const p3 = real[j + 3]!; out[i + 3] = p3 !== 0 ? (real[i + 3]! / p3) * 100.0 : 0;
    const p4 = real[j + 4]!; out[i + 4] = p4 !== 0 ? (real[i + 4]! / p4) * 100.0 : 0;
    const p5 = real[j + 5]!; out[i + 5] = p5 !== 0 ? (real[i + 5]! / p5) * 100.0 : 0;
    const p6 = real[j + 6]!; out[i + 6] = p6 !== 0 ? (real[i + 6]! / p6) * 100.0 : 0;
    const p7 = real[j + 7]!; out[i + 7] = p7 !== 0 ? (real[i + 7]! / p7) * 100.0 : 0;
    const p8 = real[j + 8]!; out[i + 8] = p8 !== 0 ? (real[i + 8]! / p8) * 100.0 : 0;
    const p9 = real[j + 9]!; out[i + 9] = p9 !== 0 ? (real[i + 9]! / p9) * 100.0 : 0;
    const p10 = real[j + 10]!; out[i + 10] = p10 !== 0 ? (real[i + 10]! / p10) * 100.0 : 0;
    const p11 = real[j + 11]!; out[i + 11] = p11 !== 0 ? (real[i + 11]! / p11) * 100.0 : 0;
    const p12 = real[j + 12]!; out[i + 12] = p12 !== 0 ? (real[i + 12]! / p12) * 100.0 : 0;
    const p13 = real[j + 13]!; out[i + 13] = p13 !== 0 ? (real[i + 13]! / p13) * 100.0 : 0;
    const p14 = real[j + 14]!; out[i + 14] = p14 !== 0 ? (real[i + 14]! / p14) * 100.0 : 0;
    const p15 = real[j + 15]!; out[i + 15] = p15 !== 0 ? (real[i + 15]! / p15) * 100.0 : 0;
  }
  for (; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? (real[i]! / prev) * 100.0 : 0; }
}

type RocLoop = (real: Float64Array, period: number, out: Float64Array) => void;

function rocCore(real: Float64Array, timePeriod: number, loop: RocLoop, into?: Float64Array): Float64Array {
  const period = timePeriod | 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const out = outArray(real.length, period, into);
  loop(real, period, out);
  return out;
}

export function roc(real: Float64Array, period = 10, out?: Float64Array): Float64Array { return rocCore(real, period, rocPercentLoop, out); }
export function rocp(real: Float64Array, period = 10, out?: Float64Array): Float64Array { return rocCore(real, period, rocFractionLoop, out); }
export function rocr(real: Float64Array, period = 10, out?: Float64Array): Float64Array { return rocCore(real, period, rocRatioLoop, out); }
export function rocr100(real: Float64Array, period = 10, out?: Float64Array): Float64Array { return rocCore(real, period, rocRatio100Loop, out); }

export const ROC = single('ROC', 'Rate of change in percent: (value / value period bars ago - 1) * 100.', 'Percent: above 0 price rose over the window, below 0 it fell; e.g. 5 = 5% higher than timePeriod bars ago.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p, out) => (out !== undefined && heapRoc('roc', i[0]!, p, out) ? out : roc(i[0]!, p, out)));
export const ROCP = single('ROCP', 'Rate of change as a fraction: (value - prev) / prev, where prev is period bars ago.', 'Fraction: above 0 price rose over the window, below 0 it fell; e.g. 0.05 = 5% higher than timePeriod bars ago.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p, out) => (out !== undefined && heapRoc('rocp', i[0]!, p, out) ? out : rocp(i[0]!, p, out)));
export const ROCR = single('ROCR', 'Rate of change ratio: value / value period bars ago (1 = unchanged).', 'Ratio: above 1 price rose over the window, below 1 it fell; e.g. 1.05 = 5% higher.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p, out) => (out !== undefined && heapRoc('rocr', i[0]!, p, out) ? out : rocr(i[0]!, p, out)));
export const ROCR100 = single('ROCR100', 'Rate of change ratio x100: value / value period bars ago * 100 (100 = unchanged).', 'Ratio x100: above 100 price rose over the window, below 100 it fell; e.g. 105 = 5% higher.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p, out) => (out !== undefined && heapRoc('rocr100', i[0]!, p, out) ? out : rocr100(i[0]!, p, out)));
