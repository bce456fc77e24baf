/** IMI: intraday momentum index, the up share of open-to-close moves over the window (warm-up period - 1). */
import { outArray } from '../arena.js';
import { periodParam } from '../defkit.js';
import { single } from './shared.js';

/**
 * Intraday Momentum Index. Summed afresh per window like TA-Lib (no zero guard: a window of
 * doji-only bars yields NaN from 0/0, exactly as TA-Lib does).
 */
export function imi(open: Float64Array, close: Float64Array, period = 14, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = open.length;
  const out = outArray(n, period - 1, into);
  const lb = period - 1;
  for (let t = lb; t < n; t++) {
    // Branch-free: TA-Lib's `if (c > o) up += c - o; else down += o - c` picks at random on
    // real data (a mispredicted branch per bar of the window). d * 1 is d, d * 0 is +-0, and
    // adding +-0 leaves up/down unchanged (they start at +0 and are never -0); o - c is -(c - o)
    // exactly. A NaN bar makes one of the two sums NaN there and the other here, and the
    // output NaN either way.
    let up = 0;
    let down = 0;
    for (let i = t - lb; i <= t; i++) {
      const d = close[i]! - open[i]!;
      const pos = +(d > 0);
      up += d * pos;
      down += -d * (1 - pos);
    }
    out[t] = 100.0 * (up / (up + down));
  }
  return out;
}

export const IMI = single('IMI', 'Intraday Momentum Index, 0-100: share of the window\'s open-to-close moves that were up (RSI on bodies).', '0..100: above 70 overbought, below 30 oversold (intraday bodies instead of closes).',
  ['open', 'close'], periodParam(14), (p) => p - 1, (i, p, out) => imi(i[0]!, i[1]!, p, out));
