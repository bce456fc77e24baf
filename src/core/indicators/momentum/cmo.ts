/** CMO: Chande momentum oscillator, Wilder-smoothed (gains - losses) / (gains + losses) x 100 (warm-up period). */
import { periodParam } from '../defkit.js';
import { wilderGainLoss } from './rsi.js';
import { C, single } from './shared.js';

export function cmo(real: Float64Array, period = 14, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  return wilderGainLoss(real, period, true, into);
}

export const CMO = single('CMO', 'Chande Momentum Oscillator, -100..100: Wilder-smoothed (gains - losses) / (gains + losses).', '-100..100: above +50 overbought, below -50 oversold; crossings of 0 mark momentum shifts.',
  C, periodParam(14), (p) => p, (i, p, out) => cmo(i[0]!, p, out));
