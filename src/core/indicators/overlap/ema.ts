/** EMA: k = 2/(period+1), seeded with the SMA of the first `period` values (warm-up period - 1). */
import { nanPrefix } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { ip } from '../defkit.js';
import { maDef } from './shared.js';

export function emaLookback(period: number): number { return period - 1; }

/** EMA with an explicit smoothing factor (MACDFIX uses fixed 0.15/0.075), SMA-seeded. */
export function emaKInto(src: Float64Array, from: number, period: number, k: number, out: Float64Array): void {
  const n = src.length;
  const start = from + period - 1;
  if (from < 0 || start >= n) return;
  let prev = 0;
  for (let i = from; i <= start; i++) prev += src[i]!;
  prev /= period;
  out[start] = prev;
  // Four bars per turn (V8 reloads each typed array's pointers per access; four bars share
  // them), in bar order, then the rest.
  let i = (start + 1) | 0;
  for (; i + 3 < n; i += 4) {
    prev = (src[i]! - prev) * k + prev;
    out[i] = prev;
    prev = (src[i + 1]! - prev) * k + prev;
    out[i + 1] = prev;
    prev = (src[i + 2]! - prev) * k + prev;
    out[i + 2] = prev;
    prev = (src[i + 3]! - prev) * k + prev;
    out[i + 3] = prev;
  }
  for (; i < n; i++) {
    prev = (src[i]! - prev) * k + prev;
    out[i] = prev;
  }
}

export function emaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  emaKInto(src, from, period, 2 / (period + 1), out);
}

export function ema(real: Float64Array, period: number, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(real.length);
  emaKInto(real, 0, period, 2 / (period + 1), o);
  nanPrefix(o, emaLookback(period));
  return o;
}

export const EMA: IndicatorDef = {
  ...maDef('EMA', 'Exponential moving average (k = 2/(timePeriod+1)), seeded with the SMA of the first timePeriod values.', 'Price units; reacts faster than an SMA of the same period; price above a rising EMA suggests an uptrend, and the slope shows its direction.', emaLookback, ema),
  bind: (params) => {
    const period = ip(params, 'timePeriod');
    return (inputs, outputs) => { ema(inputs[0]!, period, outputs[0]); };
  },
};
