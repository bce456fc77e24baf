/** CCI: commodity channel index of typical price (warm-up period - 1). */
import { outArray } from '../arena.js';
import { periodParam } from '../defkit.js';
import { HLC, single } from './shared.js';

/**
 * Commodity Channel Index: (TP - SMA(TP)) / (0.015 * mean |TP - SMA(TP)|), recomputed over the
 * window each bar (no running sum) and summed in TA-Lib's circular-buffer slot order so the
 * cancellation in the numerator matches bit for bit. 0 when numerator or deviation is 0.
 */
export function cci(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = high.length;
  const out = outArray(n, period - 1, into);
  const lb = period - 1;
  if (n <= lb) return out;
  const buf = new Float64Array(period);
  const rem = period & 3;
  let idx = 0;
  for (let i = 0; i < lb; i++) {
    buf[idx] = (high[i]! + low[i]! + close[i]!) / 3;
    if (++idx === period) idx = 0;
  }
  for (let i = lb; i < n; i++) {
    const last = (high[i]! + low[i]! + close[i]!) / 3;
    buf[idx] = last;
    // Both window sums in slot order 0..period-1 as TA-Lib, the period % 4 first slots first,
    // then 4 slots per iteration (fewer loop-back checks and buffer reloads, same additions).
    let avg = 0;
    let j = 0;
    for (; j < rem; j++) avg += buf[j]!;
    for (; j < period; j += 4) { avg += buf[j]!; avg += buf[j + 1]!; avg += buf[j + 2]!; avg += buf[j + 3]!; }
    avg /= period;
    let dev = 0;
    for (j = 0; j < rem; j++) dev += Math.abs(buf[j]! - avg);
    for (; j < period; j += 4) {
      dev += Math.abs(buf[j]! - avg); dev += Math.abs(buf[j + 1]! - avg);
      dev += Math.abs(buf[j + 2]! - avg); dev += Math.abs(buf[j + 3]! - avg);
    }
    const num = last - avg;
    out[i] = num !== 0 && dev !== 0 ? num / (0.015 * (dev / period)) : 0;
    if (++idx === period) idx = 0;
  }
  return out;
}

export const CCI = single('CCI', 'Commodity Channel Index: typical price\'s distance from its mean in units of 0.015 mean deviation; beyond +/-100 is unusual.', 'Unbounded around 0: above +100 unusually strong (overbought or a breakout), below -100 unusually weak; crossings of 0 mark momentum shifts.',
  HLC, periodParam(14), (p) => p - 1, (i, p, out) => cci(i[0]!, i[1]!, i[2]!, p, out));
