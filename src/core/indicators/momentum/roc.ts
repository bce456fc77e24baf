/** ROC, ROCP, ROCR, ROCR100: the change against `period` bars ago as percent, fraction, ratio, ratio x100 (warm-up period). */
import { outArray } from '../arena.js';
import { periodParam } from '../defkit.js';
import { C, single } from './shared.js';

const ROC_PERCENT = 0;
const ROCP_FRACTION = 1;
const ROCR_RATIO = 2;

/**
 * Rate-of-change variants; TA-Lib writes 0 when the reference price is exactly 0. One loop per
 * variant (the variant is not re-tested per value); each keeps TA-Lib's expression. Unrolled by 8:
 * see math/operators.ts (same expression per element, same results).
 */
function rocCore(real: Float64Array, timePeriod: number, kind: number, into?: Float64Array): Float64Array {
  const period = timePeriod | 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = real.length;
  const out = outArray(n, period, into);
  if (kind === ROC_PERCENT) {
    let i = period;
    for (; i < n - 7; i += 8) {
      const j = i - period;
      const p0 = real[j]!; out[i] = p0 !== 0 ? (real[i]! / p0 - 1.0) * 100.0 : 0;
      const p1 = real[j + 1]!; out[i + 1] = p1 !== 0 ? (real[i + 1]! / p1 - 1.0) * 100.0 : 0;
      const p2 = real[j + 2]!; out[i + 2] = p2 !== 0 ? (real[i + 2]! / p2 - 1.0) * 100.0 : 0;
      const p3 = real[j + 3]!; out[i + 3] = p3 !== 0 ? (real[i + 3]! / p3 - 1.0) * 100.0 : 0;
      const p4 = real[j + 4]!; out[i + 4] = p4 !== 0 ? (real[i + 4]! / p4 - 1.0) * 100.0 : 0;
      const p5 = real[j + 5]!; out[i + 5] = p5 !== 0 ? (real[i + 5]! / p5 - 1.0) * 100.0 : 0;
      const p6 = real[j + 6]!; out[i + 6] = p6 !== 0 ? (real[i + 6]! / p6 - 1.0) * 100.0 : 0;
      const p7 = real[j + 7]!; out[i + 7] = p7 !== 0 ? (real[i + 7]! / p7 - 1.0) * 100.0 : 0;
    }
    for (; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? (real[i]! / prev - 1.0) * 100.0 : 0; }
  } else if (kind === ROCP_FRACTION) {
    let i = period;
    for (; i < n - 7; i += 8) {
      const j = i - period;
      const p0 = real[j]!; out[i] = p0 !== 0 ? (real[i]! - p0) / p0 : 0;
      const p1 = real[j + 1]!; out[i + 1] = p1 !== 0 ? (real[i + 1]! - p1) / p1 : 0;
      const p2 = real[j + 2]!; out[i + 2] = p2 !== 0 ? (real[i + 2]! - p2) / p2 : 0;
      const p3 = real[j + 3]!; out[i + 3] = p3 !== 0 ? (real[i + 3]! - p3) / p3 : 0;
      const p4 = real[j + 4]!; out[i + 4] = p4 !== 0 ? (real[i + 4]! - p4) / p4 : 0;
      const p5 = real[j + 5]!; out[i + 5] = p5 !== 0 ? (real[i + 5]! - p5) / p5 : 0;
      const p6 = real[j + 6]!; out[i + 6] = p6 !== 0 ? (real[i + 6]! - p6) / p6 : 0;
      const p7 = real[j + 7]!; out[i + 7] = p7 !== 0 ? (real[i + 7]! - p7) / p7 : 0;
    }
    for (; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? (real[i]! - prev) / prev : 0; }
  } else if (kind === ROCR_RATIO) {
    let i = period;
    for (; i < n - 7; i += 8) {
      const j = i - period;
      const p0 = real[j]!; out[i] = p0 !== 0 ? real[i]! / p0 : 0;
      const p1 = real[j + 1]!; out[i + 1] = p1 !== 0 ? real[i + 1]! / p1 : 0;
      const p2 = real[j + 2]!; out[i + 2] = p2 !== 0 ? real[i + 2]! / p2 : 0;
      const p3 = real[j + 3]!; out[i + 3] = p3 !== 0 ? real[i + 3]! / p3 : 0;
      const p4 = real[j + 4]!; out[i + 4] = p4 !== 0 ? real[i + 4]! / p4 : 0;
      const p5 = real[j + 5]!; out[i + 5] = p5 !== 0 ? real[i + 5]! / p5 : 0;
      const p6 = real[j + 6]!; out[i + 6] = p6 !== 0 ? real[i + 6]! / p6 : 0;
      const p7 = real[j + 7]!; out[i + 7] = p7 !== 0 ? real[i + 7]! / p7 : 0;
    }
    for (; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? real[i]! / prev : 0; }
  } else {
    let i = period;
    for (; i < n - 7; i += 8) {
      const j = i - period;
      const p0 = real[j]!; out[i] = p0 !== 0 ? (real[i]! / p0) * 100.0 : 0;
      const p1 = real[j + 1]!; out[i + 1] = p1 !== 0 ? (real[i + 1]! / p1) * 100.0 : 0;
      const p2 = real[j + 2]!; out[i + 2] = p2 !== 0 ? (real[i + 2]! / p2) * 100.0 : 0;
      const p3 = real[j + 3]!; out[i + 3] = p3 !== 0 ? (real[i + 3]! / p3) * 100.0 : 0;
      const p4 = real[j + 4]!; out[i + 4] = p4 !== 0 ? (real[i + 4]! / p4) * 100.0 : 0;
      const p5 = real[j + 5]!; out[i + 5] = p5 !== 0 ? (real[i + 5]! / p5) * 100.0 : 0;
      const p6 = real[j + 6]!; out[i + 6] = p6 !== 0 ? (real[i + 6]! / p6) * 100.0 : 0;
      const p7 = real[j + 7]!; out[i + 7] = p7 !== 0 ? (real[i + 7]! / p7) * 100.0 : 0;
    }
    for (; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? (real[i]! / prev) * 100.0 : 0; }
  }
  return out;
}

export function roc(real: Float64Array, period = 10, out?: Float64Array): Float64Array { return rocCore(real, period, ROC_PERCENT, out); }
export function rocp(real: Float64Array, period = 10, out?: Float64Array): Float64Array { return rocCore(real, period, ROCP_FRACTION, out); }
export function rocr(real: Float64Array, period = 10, out?: Float64Array): Float64Array { return rocCore(real, period, ROCR_RATIO, out); }
export function rocr100(real: Float64Array, period = 10, out?: Float64Array): Float64Array { return rocCore(real, period, 3, out); }

export const ROC = single('ROC', 'Rate of change in percent: (value / value period bars ago - 1) * 100.', 'Percent: above 0 price rose over the window, below 0 it fell; e.g. 5 = 5% higher than timePeriod bars ago.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p, out) => roc(i[0]!, p, out));
export const ROCP = single('ROCP', 'Rate of change as a fraction: (value - prev) / prev, where prev is period bars ago.', 'Fraction: above 0 price rose over the window, below 0 it fell; e.g. 0.05 = 5% higher than timePeriod bars ago.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p, out) => rocp(i[0]!, p, out));
export const ROCR = single('ROCR', 'Rate of change ratio: value / value period bars ago (1 = unchanged).', 'Ratio: above 1 price rose over the window, below 1 it fell; e.g. 1.05 = 5% higher.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p, out) => rocr(i[0]!, p, out));
export const ROCR100 = single('ROCR100', 'Rate of change ratio x100: value / value period bars ago * 100 (100 = unchanged).', 'Ratio x100: above 100 price rose over the window, below 100 it fell; e.g. 105 = 5% higher.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p, out) => rocr100(i[0]!, p, out));
