/** ROC, ROCP, ROCR, ROCR100: the change against `period` bars ago as percent, fraction, ratio, ratio x100 (warm-up period). */
import { outArray } from '../arena.js';
import { periodParam } from '../defkit.js';
import { C, single } from './shared.js';

const ROC_PERCENT = 0;
const ROCP_FRACTION = 1;
const ROCR_RATIO = 2;

/**
 * Rate-of-change variants; TA-Lib writes 0 when the reference price is exactly 0. One loop per
 * variant (the variant is not re-tested per value); each keeps TA-Lib's expression.
 */
function rocCore(real: Float64Array, period: number, kind: number, into?: Float64Array): Float64Array {
  const n = real.length;
  const out = outArray(n, period, into);
  if (kind === ROC_PERCENT) {
    for (let i = period; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? (real[i]! / prev - 1.0) * 100.0 : 0; }
  } else if (kind === ROCP_FRACTION) {
    for (let i = period; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? (real[i]! - prev) / prev : 0; }
  } else if (kind === ROCR_RATIO) {
    for (let i = period; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? real[i]! / prev : 0; }
  } else {
    for (let i = period; i < n; i++) { const prev = real[i - period]!; out[i] = prev !== 0 ? (real[i]! / prev) * 100.0 : 0; }
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
