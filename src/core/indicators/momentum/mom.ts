/** MOM: value minus the value `period` bars ago (warm-up period). */
import { outArray } from '../arena.js';
import { periodParam } from '../defkit.js';
import { C, single } from './shared.js';

export function mom(real: Float64Array, period = 10, into?: Float64Array): Float64Array {
  const n = real.length;
  const out = outArray(n, period, into);
  for (let i = period; i < n; i++) out[i] = real[i]! - real[i - period]!;
  return out;
}

export const MOM = single('MOM', 'Momentum, price units: value minus the value period bars ago.', 'Price units: above 0 price rose over the window, below 0 it fell; the slope shows acceleration.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p, out) => mom(i[0]!, p, out));
