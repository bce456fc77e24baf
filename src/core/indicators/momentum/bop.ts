/** BOP: balance of power, (close - open) / (high - low) per bar (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { MOMENTUM } from './shared.js';
import { heapBop } from '../wasm/elementwise.js';

/** Balance of power; 0 when the bar's range is below TA-Lib's 1e-14 epsilon. */
export function bop(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, into?: Float64Array): Float64Array {
  const n = open.length;
  const out = into ?? new Float64Array(n);
  let i = 0;
  // Eight bars per iteration (see math/operators.ts for why unrolled loops), written as all eight
  // ranges, then all eight numerators, then the eight quotients. Grouped this way the loop ran 1M
  // bars in 2.0-2.1 ms against 2.7-3.0 with each bar in one statement (same process, alternating):
  // the eight divisions, the loop's long-latency work, then issue together instead of each one
  // behind its own bar's loads and bounds checks. Same operations on the same operands, so the same
  // results.
  for (; i < n - 7; i += 8) {
    const r0 = high[i]! - low[i]!; const r1 = high[i + 1]! - low[i + 1]!; const r2 = high[i + 2]! - low[i + 2]!; const r3 = high[i + 3]! - low[i + 3]!;
    const r4 = high[i + 4]! - low[i + 4]!; const r5 = high[i + 5]! - low[i + 5]!; const r6 = high[i + 6]! - low[i + 6]!; const r7 = high[i + 7]! - low[i + 7]!;
    const q0 = close[i]! - open[i]!; const q1 = close[i + 1]! - open[i + 1]!; const q2 = close[i + 2]! - open[i + 2]!; const q3 = close[i + 3]! - open[i + 3]!;
    const q4 = close[i + 4]! - open[i + 4]!; const q5 = close[i + 5]! - open[i + 5]!; const q6 = close[i + 6]! - open[i + 6]!; const q7 = close[i + 7]! - open[i + 7]!;
    out[i] = r0 < 1e-14 ? 0 : q0 / r0;
    out[i + 1] = r1 < 1e-14 ? 0 : q1 / r1;
    out[i + 2] = r2 < 1e-14 ? 0 : q2 / r2;
    out[i + 3] = r3 < 1e-14 ? 0 : q3 / r3;
    out[i + 4] = r4 < 1e-14 ? 0 : q4 / r4;
    out[i + 5] = r5 < 1e-14 ? 0 : q5 / r5;
    out[i + 6] = r6 < 1e-14 ? 0 : q6 / r6;
    out[i + 7] = r7 < 1e-14 ? 0 : q7 / r7;
  }
  for (; i < n; i++) {
    const range = high[i]! - low[i]!;
    out[i] = range < 1e-14 ? 0 : (close[i]! - open[i]!) / range;
  }
  return out;
}

export const BOP: IndicatorDef = {
  name: 'BOP', group: MOMENTUM,
  description: 'Balance Of Power, -1..1: (close - open) / (high - low); buyers (+) or sellers (-) controlled the bar.',
  interpretation: '-1..1: positive = buyers controlled the bar, negative = sellers; usually smoothed with an MA before use.',
  inputs: ['open', 'high', 'low', 'close'], params: [], outputs: real(),
  lookback: () => 0,
  compute: (i) => [bop(i[0]!, i[1]!, i[2]!, i[3]!)],
  computeInto: (i, _params, [out]) => { if (!heapBop(i[0]!, i[1]!, i[2]!, i[3]!, out!)) bop(i[0]!, i[1]!, i[2]!, i[3]!, out); },
};
