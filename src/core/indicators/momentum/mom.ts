/** MOM: value minus the value `period` bars ago (warm-up period). */
import { outArray } from '../arena.js';
import { periodParam } from '../defkit.js';
import { C, single } from './shared.js';
import { heapMom } from '../wasm/elementwise.js';

export function mom(real: Float64Array, timePeriod = 10, into?: Float64Array): Float64Array {
  const period = timePeriod | 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = real.length;
  const out = outArray(n, period, into);
  let i = period;
  // Unrolled by 16: see math/operators.ts (same subtraction per element, same results).
  for (; i < n - 15; i += 16) {
    const j = i - period;
    out[i] = real[i]! - real[j]!; out[i + 1] = real[i + 1]! - real[j + 1]!; out[i + 2] = real[i + 2]! - real[j + 2]!; out[i + 3] = real[i + 3]! - real[j + 3]!;
    out[i + 4] = real[i + 4]! - real[j + 4]!; out[i + 5] = real[i + 5]! - real[j + 5]!; out[i + 6] = real[i + 6]! - real[j + 6]!; out[i + 7] = real[i + 7]! - real[j + 7]!;
    out[i + 8] = real[i + 8]! - real[j + 8]!; out[i + 9] = real[i + 9]! - real[j + 9]!; out[i + 10] = real[i + 10]! - real[j + 10]!; out[i + 11] = real[i + 11]! - real[j + 11]!;
    out[i + 12] = real[i + 12]! - real[j + 12]!; out[i + 13] = real[i + 13]! - real[j + 13]!; out[i + 14] = real[i + 14]! - real[j + 14]!; out[i + 15] = real[i + 15]! - real[j + 15]!;
  }
  for (; i < n; i++) out[i] = real[i]! - real[i - period]!;
  return out;
}

export const MOM = single('MOM', 'Momentum, price units: value minus the value period bars ago.', 'Price units: above 0 price rose over the window, below 0 it fell; the slope shows acceleration.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p, out) => (out !== undefined && heapMom(i[0]!, p, out) ? out : mom(i[0]!, p, out)));
