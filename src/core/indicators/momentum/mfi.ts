/** MFI: money flow index, a volume-weighted RSI of typical price (warm-up period). */
import { outArray, scratch, type Arena } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { ip, periodParam, SEL, SEL_WORDS, SIGN_WORD } from '../defkit.js';
import { single } from './shared.js';

/**
 * Money Flow Index. A bar whose typical price equals the previous one contributes to neither
 * flow; TA-Lib writes 0 when the total flow in the window is below 1.0 (not only when zero).
 */
export function mfi(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period = 14, into?: Float64Array, arena: Arena = scratch): Float64Array {
  const n = high.length;
  const out = outArray(n, period, into);
  if (n <= period) return out;
  const mark = arena.mark();
  // Circular buffers of the window's flows; every slot is written before it is read.
  const pos = arena.take(period);
  const neg = arena.take(period);
  let idx = 0;
  let prevValue = (high[0]! + low[0]! + close[0]!) / 3.0;
  let posSum = 0;
  let negSum = 0;
  for (let today = 1; today <= period; today++) {
    let tp = (high[today]! + low[today]! + close[today]!) / 3.0;
    const d = tp - prevValue;
    prevValue = tp;
    tp *= volume[today]!;
    if (d < 0) { neg[idx] = tp; negSum += tp; pos[idx] = 0; }
    else if (d > 0) { pos[idx] = tp; posSum += tp; neg[idx] = 0; }
    else { pos[idx] = 0; neg[idx] = 0; }
    if (++idx === period) idx = 0;
  }
  let total = posSum + negSum;
  out[period] = total < 1.0 ? 0 : 100.0 * (posSum / total);
  // After the first window: which flow takes the bar is a sign-bit table read (defkit SEL), not a
  // jump. f[2 + neg] goes to the positive flow, f[4 + neg] to the negative one; the flow that
  // does not take the bar stores +0 and adds +0, as the branchy form, since a flow sum is never
  // -0 (it starts at +0; x + y and x - y give -0 only from -0). A flat or NaN change (neither
  // flow) stays on a rarely taken branch.
  const f = SEL;
  const w = SEL_WORDS;
  const hw = SIGN_WORD;
  f[3] = 0;
  f[4] = 0;
  for (let today = period + 1; today < n; today++) {
    posSum -= pos[idx]!;
    negSum -= neg[idx]!;
    let tp = (high[today]! + low[today]! + close[today]!) / 3.0;
    const d = tp - prevValue;
    prevValue = tp;
    tp *= volume[today]!;
    if (d === 0 || d !== d) {
      pos[idx] = 0;
      neg[idx] = 0;
    } else {
      f[0] = d;
      f[2] = tp;
      f[5] = tp;
      const sn = w[hw]! >>> 31;
      const pf = f[2 + sn]!;
      const nf = f[4 + sn]!;
      pos[idx] = pf;
      neg[idx] = nf;
      posSum += pf;
      negSum += nf;
    }
    if (++idx === period) idx = 0;
    total = posSum + negSum;
    out[today] = total < 1.0 ? 0 : 100.0 * (posSum / total);
  }
  arena.release(mark);
  return out;
}

export const MFI: IndicatorDef = {
  ...single('MFI', 'Money Flow Index, 0-100: volume-weighted RSI of typical price; above 80 overbought, below 20 oversold.', '0..100: above 80 overbought, below 20 oversold; divergence from price warns of a reversal.',
    ['high', 'low', 'close', 'volume'], periodParam(14), (p) => p, (i, p, out, arena) => mfi(i[0]!, i[1]!, i[2]!, i[3]!, p, out, arena)),
  bind: (params) => {
    const period = ip(params, 'timePeriod');
    return (inputs, outputs, arena) => { mfi(inputs[0]!, inputs[1]!, inputs[2]!, inputs[3]!, period, outputs[0], arena); };
  },
};
