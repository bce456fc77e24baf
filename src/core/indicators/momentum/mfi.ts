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
  const n = high.length | 0;
  period |= 0;
  const out = outArray(n, period, into);
  if (n <= period) return out;
  const mark = arena.mark();
  // The flows of every bar, positive at 2 * bar and negative at 2 * bar + 1 (one array: one set
  // of V8's per-access checks for both; no circular index to wrap): every slot is written before
  // it is read.
  const fl = arena.take(2 * n);
  let prevValue = (high[0]! + low[0]! + close[0]!) / 3.0;
  let posSum = 0;
  let negSum = 0;
  for (let today = 1; today <= period; today++) {
    let tp = (high[today]! + low[today]! + close[today]!) / 3.0;
    const d = tp - prevValue;
    prevValue = tp;
    tp *= volume[today]!;
    const j = 2 * today;
    if (d < 0) { fl[j + 1] = tp; negSum += tp; fl[j] = 0; }
    else if (d > 0) { fl[j] = tp; posSum += tp; fl[j + 1] = 0; }
    else { fl[j] = 0; fl[j + 1] = 0; }
  }
  let total = posSum + negSum;
  out[period] = total < 1.0 ? 0 : 100.0 * (posSum / total);
  // After the first window, two bars per turn (V8 reloads each typed array's pointers per
  // access; two bars share them), in bar order, branch-free: a comparison used as a number
  // (`+(d > 0)`) compiles to a flag set, not a jump (a test or a ternary is a jump, which
  // mispredicts on about half the bars), so the flow is multiplied by 1 for the side that takes
  // the bar and by 0 for the other (both 0 on a flat or NaN change). That zero is -0 for a
  // negative flow; adding or subtracting it leaves a flow sum unchanged, as the branchy form's +0
  // does (a sum is never -0: it starts at +0, and x + y or x - y gives -0 only from -0). A pair
  // holding a flow that is not finite (whose product with 0 would be NaN), and the last bar of
  // an odd count, take the branchy form one bar at a time.
  let today = period + 1;
  while (today < n) {
    if (today + 1 < n) {
      const a1 = (high[today]! + low[today]! + close[today]!) / 3.0;
      const a2 = (high[today + 1]! + low[today + 1]! + close[today + 1]!) / 3.0;
      const t1 = a1 * volume[today]!;
      const t2 = a2 * volume[today + 1]!;
      const finite = (t1 - t1) + (t2 - t2);
      if (finite === finite) {
        const d1 = a1 - prevValue;
        const d2 = a2 - a1;
        prevValue = a2;
        const o = 2 * (today - period);
        const j = 2 * today;
        const p1 = t1 * +(d1 > 0), n1 = t1 * +(d1 < 0);
        const p2 = t2 * +(d2 > 0), n2 = t2 * +(d2 < 0);
        posSum -= fl[o]!;
        negSum -= fl[o + 1]!;
        fl[j] = p1;
        fl[j + 1] = n1;
        posSum += p1;
        negSum += n1;
        total = posSum + negSum;
        out[today] = total < 1.0 ? 0 : 100.0 * (posSum / total);
        posSum -= fl[o + 2]!;
        negSum -= fl[o + 3]!;
        fl[j + 2] = p2;
        fl[j + 3] = n2;
        posSum += p2;
        negSum += n2;
        total = posSum + negSum;
        out[today + 1] = total < 1.0 ? 0 : 100.0 * (posSum / total);
        today += 2;
        continue;
      }
    }
    const o = 2 * (today - period);
    posSum -= fl[o]!;
    negSum -= fl[o + 1]!;
    let tp = (high[today]! + low[today]! + close[today]!) / 3.0;
    const d = tp - prevValue;
    prevValue = tp;
    tp *= volume[today]!;
    const j = 2 * today;
    if (d < 0) { fl[j + 1] = tp; negSum += tp; fl[j] = 0; }
    else if (d > 0) { fl[j] = tp; posSum += tp; fl[j + 1] = 0; }
    else { fl[j] = 0; fl[j + 1] = 0; }
    total = posSum + negSum;
    out[today] = total < 1.0 ? 0 : 100.0 * (posSum / total);
    today++;
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
