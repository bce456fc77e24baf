/** OBV: on-balance volume, cumulative from volume[0] (no warm-up; only changes compare across series). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { VOLUME } from './ad.js';

/**
 * On-balance volume: volume added on up closes, subtracted on down closes, from volume[0].
 * Branch-free: TurboFan compiles a comparison used as a number (`+(d > 0)`) to a flag set, not a
 * jump (a comparison in a test or a ternary is a jump, which mispredicts on about half the bars
 * here). For a nonzero, non-NaN change d, s = +(d > 0) - +(d < 0) is exactly +1 or -1, v * s is
 * v or -v exactly, and acc + (-v) is acc - v bit for bit, so `acc += v * s` is the branchy form's
 * result. A block of four holding a flat or NaN change (s = 0) takes the branchy form. Unrolled
 * by four (V8 reloads each typed array's pointers per access; four bars share them), in bar order.
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
    if (i + 3 < n) {
      const c1 = close[i]!;
      const c2 = close[i + 1]!;
      const c3 = close[i + 2]!;
      const c4 = close[i + 3]!;
      const d1 = c1 - prev;
      const d2 = c2 - c1;
      const d3 = c3 - c2;
      const d4 = c4 - c3;
      const u1 = +(d1 > 0), m1 = +(d1 < 0);
      const u2 = +(d2 > 0), m2 = +(d2 < 0);
      const u3 = +(d3 > 0), m3 = +(d3 < 0);
      const u4 = +(d4 > 0), m4 = +(d4 < 0);
      if (((u1 | m1) & (u2 | m2) & (u3 | m3) & (u4 | m4)) !== 0) {
        const v1 = volume[i]! * (u1 - m1);
        const v2 = volume[i + 1]! * (u2 - m2);
        const v3 = volume[i + 2]! * (u3 - m3);
        const v4 = volume[i + 3]! * (u4 - m4);
        acc += v1;
        out[i] = acc;
        acc += v2;
        out[i + 1] = acc;
        acc += v3;
        out[i + 2] = acc;
        acc += v4;
        out[i + 3] = acc;
        prev = c4;
        i += 4;
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
