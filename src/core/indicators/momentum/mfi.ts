/** MFI: money flow index, a volume-weighted RSI of typical price (warm-up period). */
import { outArray, scratch, type Arena } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { ip, periodParam } from '../defkit.js';
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
  // After the first window, branch-free: a comparison used as a number (`+(d > 0)`) compiles to
  // a flag set, not a jump (a test or a ternary is a jump, which mispredicts on about half the
  // bars), so the flow is multiplied by 1 for the side that takes the bar and by 0 for the other
  // (both 0 on a flat or NaN change). That zero is -0 for a negative flow; adding or subtracting
  // it leaves a flow sum unchanged, as the branchy form's +0 does (a sum is never -0: it starts
  // at +0, and x + y or x - y gives -0 only from -0). A flow that is not finite (whose product
  // with 0 would be NaN) takes the branchy form on a rarely taken branch.
  for (let today = period + 1; today < n; today++) {
    posSum -= pos[idx]!;
    negSum -= neg[idx]!;
    let tp = (high[today]! + low[today]! + close[today]!) / 3.0;
    const d = tp - prevValue;
    prevValue = tp;
    tp *= volume[today]!;
    const finite = tp - tp;
    if (finite === finite) {
      const pf = tp * +(d > 0);
      const nf = tp * +(d < 0);
      pos[idx] = pf;
      neg[idx] = nf;
      posSum += pf;
      negSum += nf;
    } else if (d < 0) {
      neg[idx] = tp; negSum += tp; pos[idx] = 0;
    } else if (d > 0) {
      pos[idx] = tp; posSum += tp; neg[idx] = 0;
    } else {
      pos[idx] = 0;
      neg[idx] = 0;
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
