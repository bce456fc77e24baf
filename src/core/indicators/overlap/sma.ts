/** SMA: the mean of the last `period` values, as a running sum (warm-up period - 1). */
import { nanPrefix } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { ip } from '../defkit.js';
import { maDef } from './shared.js';

export function smaLookback(period: number): number { return period - 1; }

export function smaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  const start = from + period - 1;
  if (from < 0 || start >= n) return;
  let sum = 0;
  for (let i = from; i < start; i++) sum += src[i]!;
  // Add the newest before dividing, drop the oldest after: TA-Lib's order, which the
  // last bits of the running sum depend on.
  for (let i = start, t = from; i < n; i++, t++) {
    sum += src[i]!;
    out[i] = sum / period;
    sum -= src[t]!;
  }
}

export function sma(real: Float64Array, period: number, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(real.length);
  smaInto(real, 0, period, o);
  nanPrefix(o, smaLookback(period));
  return o;
}

export const SMA: IndicatorDef = {
  ...maDef('SMA', 'Simple moving average: the mean of the last timePeriod values.', 'Price units; price above a rising SMA suggests an uptrend, below a falling one a downtrend; crossings of two SMAs mark trend changes late but robustly.', smaLookback, sma),
  bind: (params) => {
    const period = ip(params, 'timePeriod');
    return (inputs, outputs) => { sma(inputs[0]!, period, outputs[0]); };
  },
};
