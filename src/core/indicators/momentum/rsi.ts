/** RSI: Wilder-smoothed gains over gains + losses, 0..100 (warm-up period). CMO shares the kernel. */
import { outArray, type Arena } from '../arena.js';
import { ip, isZero, periodParam, SEL, SEL_WORDS, SIGN_WORD } from '../defkit.js';
import type { IndicatorDef } from '../types.js';
import { C, single } from './shared.js';

/**
 * Wilder-smoothed gains/losses; `cmo` switches the final ratio. Seeded with the simple mean of
 * the first `period` changes, as TA-Lib (the first value lands at index `period`).
 */
export function wilderGainLoss(real: Float64Array, period: number, cmo: boolean, into?: Float64Array): Float64Array {
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
  out[period] = isZero(s) ? 0 : cmo ? 100.0 * ((gain - loss) / s) : 100.0 * (gain / s);
  const pm1 = period - 1;
  for (let today = period + 1; today < n; today++) {
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
    out[today] = isZero(s) ? 0 : cmo ? 100.0 * ((gain - loss) / s) : 100.0 * (gain / s);
  }
  return out;
}

/**
 * RSI alone: wilderGainLoss's arithmetic in the same order, without the CMO switch in the loop.
 * Only the running loss or gain takes each change, as TA-Lib; which one is a sign-bit table read
 * (defkit SEL) rather than a jump: the other adds -0 or subtracts +0, which leaves it unchanged
 * bit for bit. A NaN change (its sign bit says nothing) goes to the gain as in the branchy form.
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
  const f = SEL;
  const w = SEL_WORDS;
  const hw = SIGN_WORD;
  // f[2 + neg] is what the gain adds, f[4 + neg] what the loss subtracts.
  f[3] = -0;
  f[4] = 0;
  for (let today = period + 1; today < n; today++) {
    const v = real[today]!;
    const d = v - prevValue;
    prevValue = v;
    loss *= pm1;
    gain *= pm1;
    if (d !== d) {
      gain += d;
    } else {
      f[0] = d;
      f[2] = d;
      f[5] = d;
      // d < 0 <=> sign bit set, but for -0, which the branchy form adds to the gain (no change):
      // here it is subtracted from the loss, which is never -0 (it starts at +0 and only
      // grows), so that changes nothing either.
      const neg = w[hw]! >>> 31;
      gain += f[2 + neg]!;
      loss -= f[4 + neg]!;
    }
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
