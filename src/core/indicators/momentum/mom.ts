/** MOM: value minus the value `period` bars ago (warm-up period). */
import { nanArray } from '../types.js';
import { periodParam } from '../defkit.js';
import { C, single } from './shared.js';

export function mom(real: Float64Array, period = 10): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  for (let i = period; i < n; i++) out[i] = real[i]! - real[i - period]!;
  return out;
}

export const MOM = single('MOM', 'Momentum, price units: value minus the value period bars ago.', 'Price units: above 0 price rose over the window, below 0 it fell; the slope shows acceleration.',
  C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p) => mom(i[0]!, p));
