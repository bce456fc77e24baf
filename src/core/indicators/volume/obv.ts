/** OBV: on-balance volume, cumulative from volume[0] (no warm-up; only changes compare across series). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { VOLUME } from './ad.js';

/** On-balance volume: volume added on up closes, subtracted on down closes, from volume[0]. */
export function obv(close: Float64Array, volume: Float64Array, into?: Float64Array): Float64Array {
  const n = close.length;
  const out = into ?? new Float64Array(n);
  if (n === 0) return out;
  let acc = volume[0]!;
  let prev = close[0]!;
  for (let i = 0; i < n; i++) {
    const c = close[i]!;
    if (c > prev) acc += volume[i]!;
    else if (c < prev) acc -= volume[i]!;
    out[i] = acc;
    prev = c;
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
