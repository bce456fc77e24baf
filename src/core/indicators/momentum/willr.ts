/** WILLR: Williams %R, the close's place in the window's high-low range, -100..0 (warm-up period - 1). */
import { outArray } from '../arena.js';
import { rescanHigh, rescanLow } from '../math/minmax.js';
import { periodParam } from '../defkit.js';
import { HLC, single } from './shared.js';

/** Williams %R in [-100, 0]; 0 when the window's range is exactly 0. */
export function willr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = high.length;
  const out = outArray(n, period - 1, into);
  const lb = period - 1;
  let lowestIdx = -1;
  let highestIdx = -1;
  let lowest = 0;
  let highest = 0;
  for (let today = lb; today < n; today++) {
    const trailing = today - lb;
    let tmp = low[today]!;
    if (lowestIdx < trailing) {
      lowestIdx = rescanLow(low, trailing, today);
      lowest = low[lowestIdx]!;
    } else if (tmp <= lowest) {
      lowestIdx = today;
      lowest = tmp;
    }
    tmp = high[today]!;
    if (highestIdx < trailing) {
      highestIdx = rescanHigh(high, trailing, today);
      highest = high[highestIdx]!;
    } else if (tmp >= highest) {
      highestIdx = today;
      highest = tmp;
    }
    const diff = (highest - lowest) / -100.0;
    out[today] = diff !== 0 ? (highest - close[today]!) / diff : 0;
  }
  return out;
}

export const WILLR = single('WILLR', 'Williams %R, -100..0: close\'s position in the period\'s high-low range; above -20 overbought, below -80 oversold.', '-100..0: above -20 overbought (close near the range high), below -80 oversold (close near the range low).',
  HLC, periodParam(14), (p) => p - 1, (i, p, out) => willr(i[0]!, i[1]!, i[2]!, p, out));
