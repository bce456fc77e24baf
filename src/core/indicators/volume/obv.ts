/** OBV: on-balance volume, cumulative from volume[0] (no warm-up; only changes compare across series). */
import type { IndicatorDef } from '../types.js';
import { real, SEL, SEL_WORDS, SIGN_WORD } from '../defkit.js';
import { VOLUME } from './ad.js';

/**
 * On-balance volume: volume added on up closes, subtracted on down closes, from volume[0].
 * The up/down test is a sign-bit table read (defkit SEL): acc + (-v) is acc - v bit for bit,
 * and a flat or NaN change (the branchy form's "neither") keeps acc on a rarely taken branch.
 */
export function obv(close: Float64Array, volume: Float64Array, into?: Float64Array): Float64Array {
  const n = close.length;
  const out = into ?? new Float64Array(n);
  if (n === 0) return out;
  const f = SEL;
  const w = SEL_WORDS;
  const hw = SIGN_WORD;
  let acc = volume[0]!;
  let prev = close[0]!;
  for (let i = 0; i < n; i++) {
    const c = close[i]!;
    const d = c - prev;
    prev = c;
    // c > prev  <=>  c - prev > 0 (exact subtraction: a nonzero difference never rounds to 0);
    // inf - inf is NaN, which neither comparison accepts either.
    if (d === 0 || d !== d) { out[i] = acc; continue; }
    const v = volume[i]!;
    f[0] = d;
    f[2] = v;
    f[3] = -v;
    acc += f[2 + (w[hw]! >>> 31)]!;
    out[i] = acc;
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
