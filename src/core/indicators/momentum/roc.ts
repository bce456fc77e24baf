/** ROC, ROCP, ROCR, ROCR100: the change against `period` bars ago as percent, fraction, ratio, ratio x100 (warm-up period). */
import { nanArray } from '../types.js';
import { periodParam } from '../defkit.js';
import { C, single } from './shared.js';

const ROC_PERCENT = 0;
const ROCP_FRACTION = 1;
const ROCR_RATIO = 2;

/** Rate-of-change variants; TA-Lib writes 0 when the reference price is exactly 0. */
function rocCore(real: Float64Array, period: number, kind: number): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  for (let i = period; i < n; i++) {
    const prev = real[i - period]!;
    const v = real[i]!;
    if (prev === 0) { out[i] = 0; continue; }
    out[i] = kind === ROC_PERCENT ? (v / prev - 1.0) * 100.0
      : kind === ROCP_FRACTION ? (v - prev) / prev
        : kind === ROCR_RATIO ? v / prev
          : (v / prev) * 100.0;
  }
  return out;
}

export function roc(real: Float64Array, period = 10): Float64Array { return rocCore(real, period, ROC_PERCENT); }
export function rocp(real: Float64Array, period = 10): Float64Array { return rocCore(real, period, ROCP_FRACTION); }
export function rocr(real: Float64Array, period = 10): Float64Array { return rocCore(real, period, ROCR_RATIO); }
export function rocr100(real: Float64Array, period = 10): Float64Array { return rocCore(real, period, 3); }

export const ROC = single('ROC', 'Rate of change in percent: (value / value period bars ago - 1) * 100.', 'Percent: above 0 price rose over the window, below 0 it fell; e.g. 5 = 5% higher than timePeriod bars ago.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p) => roc(i[0]!, p));
export const ROCP = single('ROCP', 'Rate of change as a fraction: (value - prev) / prev, where prev is period bars ago.', 'Fraction: above 0 price rose over the window, below 0 it fell; e.g. 0.05 = 5% higher than timePeriod bars ago.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p) => rocp(i[0]!, p));
export const ROCR = single('ROCR', 'Rate of change ratio: value / value period bars ago (1 = unchanged).', 'Ratio: above 1 price rose over the window, below 1 it fell; e.g. 1.05 = 5% higher.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p) => rocr(i[0]!, p));
export const ROCR100 = single('ROCR100', 'Rate of change ratio x100: value / value period bars ago * 100 (100 = unchanged).', 'Ratio x100: above 100 price rose over the window, below 100 it fell; e.g. 105 = 5% higher.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p) => rocr100(i[0]!, p));
