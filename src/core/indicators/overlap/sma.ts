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
  // last bits of the running sum depend on. Four bars per turn (V8 reloads each typed array's
  // pointers per access; four bars share them), in bar order, then the rest.
  let i = start | 0;
  let t = from | 0;
  for (; i + 3 < n; i += 4, t += 4) {
    sum += src[i]!;
    out[i] = sum / period;
    sum -= src[t]!;
    sum += src[i + 1]!;
    out[i + 1] = sum / period;
    sum -= src[t + 1]!;
    sum += src[i + 2]!;
    out[i + 2] = sum / period;
    sum -= src[t + 2]!;
    sum += src[i + 3]!;
    out[i + 3] = sum / period;
    sum -= src[t + 3]!;
  }
  for (; i < n; i++, t++) {
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
