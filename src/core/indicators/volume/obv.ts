/** OBV: on-balance volume, cumulative from volume[0] (no warm-up; only changes compare across series). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { VOLUME } from './ad.js';

/**
 * On-balance volume: volume added on up closes, subtracted on down closes, from volume[0].
 * Branch-free in blocks of eight bars (V8 reloads each typed array's pointers and checks its
 * map per access; eight bars share one set, and the per-access work, not the sum's dependency,
 * bounds this loop). A block whose eight changes are all nonzero and not NaN (their product is
 * then nonzero and not NaN; an underflow to 0 only sends a block to the slow path) signs each
 * volume by s = 2 * +(d > 0) - 1, exactly +1 or -1: TurboFan compiles a comparison used as a
 * number to a flag set, not a jump (a test or a ternary is a jump, which mispredicts on about
 * half the bars here), v * s is v or -v exactly, and acc + (-v) is acc - v bit for bit, so
 * `acc += v * s` is the branchy form's result. A block holding a flat or NaN change, and the
 * last bars, take the branchy form one bar at a time, in bar order.
 */
export function obv(close: Float64Array, volume: Float64Array, into?: Float64Array): Float64Array {
  const n = close.length | 0;
  const out = into ?? new Float64Array(n);
  if (n === 0) return out;
  let acc = volume[0]!;
  out[0] = acc; // the first change is c - c: 0, or NaN for an infinite or NaN close
  let prev = close[0]!;
  let i = 1;
  while (i < n) {
    if (i + 7 < n) {
      const c1 = close[i]!, c2 = close[i + 1]!, c3 = close[i + 2]!, c4 = close[i + 3]!;
      const c5 = close[i + 4]!, c6 = close[i + 5]!, c7 = close[i + 6]!, c8 = close[i + 7]!;
      const d1 = c1 - prev, d2 = c2 - c1, d3 = c3 - c2, d4 = c4 - c3;
      const d5 = c5 - c4, d6 = c6 - c5, d7 = c7 - c6, d8 = c8 - c7;
      const all = ((d1 * d2) * (d3 * d4)) * ((d5 * d6) * (d7 * d8));
      if (all !== 0 && all === all) {
        acc += volume[i]! * (2 * +(d1 > 0) - 1);
        out[i] = acc;
        acc += volume[i + 1]! * (2 * +(d2 > 0) - 1);
        out[i + 1] = acc;
        acc += volume[i + 2]! * (2 * +(d3 > 0) - 1);
        out[i + 2] = acc;
        acc += volume[i + 3]! * (2 * +(d4 > 0) - 1);
        out[i + 3] = acc;
        acc += volume[i + 4]! * (2 * +(d5 > 0) - 1);
        out[i + 4] = acc;
        acc += volume[i + 5]! * (2 * +(d6 > 0) - 1);
        out[i + 5] = acc;
        acc += volume[i + 6]! * (2 * +(d7 > 0) - 1);
        out[i + 6] = acc;
        acc += volume[i + 7]! * (2 * +(d8 > 0) - 1);
        out[i + 7] = acc;
        prev = c8;
        i += 8;
        continue;
      }
    }
    const c = close[i]!;
    if (c > prev) acc += volume[i]!;
    else if (c < prev) acc -= volume[i]!;
    prev = c;
    out[i] = acc;
    i++;
  }
  return out;
}

export const OBV: IndicatorDef = {
  name: 'OBV', group: VOLUME, description: 'On-balance volume: cumulative volume signed by the close-to-close direction; its trend confirms price.',
  interpretation: 'Volume units, cumulative: rising OBV confirms a rising price, divergence warns the move lacks volume. Only changes matter, not the level.',
  inputs: ['close', 'volume'], params: [], outputs: real(),
  lookback: () => 0,
  compute: ([c, v]) => [obv(c!, v!)],
  computeInto: ([c, v], _ps, [out]) => { obv(c!, v!, out); },
  bind: () => (inputs, outputs) => { obv(inputs[0]!, inputs[1]!, outputs[0]); },
};
