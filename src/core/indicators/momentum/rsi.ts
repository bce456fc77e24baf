/** RSI: Wilder-smoothed gains over gains + losses, 0..100 (warm-up period); cmo.ts has the same smoothing with CMO's ratio. */
import { outArray, type Arena } from '../arena.js';
import { ip, isZero, periodParam } from '../defkit.js';
import type { IndicatorDef } from '../types.js';
import { C, single } from './shared.js';

/**
 * Seeded with the simple mean of the first `period` changes, as TA-Lib (the first value lands
 * at index `period`).
 * Only the running loss or gain takes each change, as TA-Lib; which one is chosen without a
 * jump (a jump mispredicts on about half the bars): the other adds -0 or subtracts +0, which
 * leaves it unchanged bit for bit. A change that is not finite (whose product with 0 is NaN)
 * takes the branchy form (a NaN goes to the gain as there).
 */
export function rsi(real: Float64Array, period = 14, into?: Float64Array): Float64Array {
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
  out[period] = isZero(s) ? 0 : 100.0 * (gain / s);
  const pm1 = period - 1;
  let today = (period + 1) | 0;
  // Finite changes only; the first change that is not finite leaves for the loop below, which
  // runs the rest branchy. Without that test inside it, this loop is ~3-5% faster (200 bars).
  for (; today < n; today = (today + 1) | 0) {
    const v = real[today]!;
    const d = v - prevValue;
    const finite = d - d;
    if (finite !== finite) break;
    prevValue = v;
    // The comparison used as a number is a flag set, not a jump: the gain adds d * 1 and the
    // loss subtracts d * 0 (+0) on a rise, the gain adds d * 0 (-0) and the loss subtracts
    // d * 1 on a fall; adding -0 or subtracting +0 leaves a sum unchanged (neither is ever -0).
    const down = +(d < 0);
    gain = (gain * pm1 + d * (1 - down)) / period;
    loss = (loss * pm1 - d * down) / period;
    s = gain + loss;
    out[today] = isZero(s) ? 0 : 100.0 * (gain / s);
  }
  for (; today < n; today++) {
    const v = real[today]!;
    const d = v - prevValue;
    prevValue = v;
    loss *= pm1;
    gain *= pm1;
    if (d < 0) loss -= d;
    else gain += d;
    loss /= period;
    gain /= period;
    s = gain + loss;
    out[today] = isZero(s) ? 0 : 100.0 * (gain / s);
  }
  return out;
}

export const RSI: IndicatorDef = {
  ...single('RSI', 'Relative Strength Index, 0-100: Wilder-smoothed gains vs losses; above 70 overbought, below 30 oversold.', '0..100: above 70 overbought, below 30 oversold; 50 is neutral, and divergence from price warns of a reversal.',
    C, periodParam(14), (p) => p, (i, p, out?: Float64Array, _arena?: Arena) => rsi(i[0]!, p, out)),
  bind: (params) => {
    const period = ip(params, 'timePeriod');
    return (inputs, outputs) => { rsi(inputs[0]!, period, outputs[0]); };
  },
};
