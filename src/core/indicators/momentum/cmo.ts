/** CMO: Chande momentum oscillator, Wilder-smoothed (gains - losses) / (gains + losses) x 100 (warm-up period). */
import { outArray } from '../arena.js';
import { isZero, periodParam } from '../defkit.js';
import { C, single } from './shared.js';

/**
 * RSI's Wilder smoothing (rsi.ts) with CMO's ratio, in TA-Lib's order, seeded with the simple
 * mean of the first `period` changes. Its own loop: the choice
 * between gain and loss is made without a jump, as in `rsi` (a jump mispredicts on about half
 * the bars): the other sum adds -0 or subtracts +0, which leaves it unchanged bit for bit; a
 * change that is not finite (whose product with 0 is NaN) takes the branchy form.
 */
export function cmo(real: Float64Array, period = 14, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = real.length;
  const out = outArray(n, period, into);
  if (n <= period) return out;
  let prevValue = real[0]!;
  let gain = 0;
  let loss = 0;
  for (let today = 1; today <= period; today++) {
    const v = real[today]!;
    const d = v - prevValue;
    prevValue = v;
    if (d < 0) loss -= d;
    else gain += d;
  }
  loss /= period;
  gain /= period;
  let s = gain + loss;
  out[period] = isZero(s) ? 0 : 100.0 * ((gain - loss) / s);
  const pm1 = period - 1;
  for (let today = period + 1; today < n; today++) {
    const v = real[today]!;
    const d = v - prevValue;
    prevValue = v;
    loss *= pm1;
    gain *= pm1;
    const finite = d - d;
    if (finite === finite) {
      const down = +(d < 0);
      gain += d * (1 - down);
      loss -= d * down;
    } else if (d < 0) {
      loss -= d;
    } else {
      gain += d;
    }
    loss /= period;
    gain /= period;
    s = gain + loss;
    out[today] = isZero(s) ? 0 : 100.0 * ((gain - loss) / s);
  }
  return out;
}

export const CMO = single('CMO', 'Chande Momentum Oscillator, -100..100: Wilder-smoothed (gains - losses) / (gains + losses).', '-100..100: above +50 overbought, below -50 oversold; crossings of 0 mark momentum shifts.',
  C, periodParam(14), (p) => p, (i, p, out) => cmo(i[0]!, p, out));
