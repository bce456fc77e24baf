/** MAVP: a moving average whose period is read per bar (warm-up of the MA at maxPeriod). */
import { IndicatorError, nanArray, type IndicatorDef } from '../types.js';
import { intParam, maTypeParam, p, real } from '../defkit.js';
import { maInto, maLookback } from './ma.js';
import { OVERLAP } from './shared.js';

/**
 * MA with a per-bar period (truncated, clamped to [minPeriod, maxPeriod]). Like TA-Lib,
 * each distinct period's MA is computed once over the range that starts at the
 * maxPeriod lookback, so EMA-family seeds depend on that start, not on bar 0.
 */
export function mavp(real: Float64Array, periods: Float64Array, minPeriod: number, maxPeriod: number, maType: number): Float64Array {
  if (minPeriod > maxPeriod) throw new IndicatorError(`MAVP: minPeriod ${minPeriod} exceeds maxPeriod ${maxPeriod}`, 'minPeriod');
  const n = real.length;
  const out = nanArray(n);
  const start = maLookback(maxPeriod, maType);
  if (start >= n) return out;
  const per = new Int32Array(n);
  for (let i = start; i < n; i++) {
    const q = Math.trunc(periods[i]!);
    per[i] = !(q >= minPeriod) ? minPeriod : q > maxPeriod ? maxPeriod : q;
  }
  const tmp = new Float64Array(n);
  for (let i = start; i < n; i++) {
    const cur = per[i]!;
    if (cur === 0) continue;
    maInto(real, start - maLookback(cur, maType), cur, maType, tmp);
    out[i] = tmp[i]!;
    for (let j = i + 1; j < n; j++) {
      if (per[j] === cur) { per[j] = 0; out[j] = tmp[j]!; }
    }
  }
  return out;
}

export const MAVP: IndicatorDef = {
  name: 'MAVP', group: OVERLAP, description: 'Moving average whose period is read per bar from `periods` (clamped to [minPeriod, maxPeriod]).',
  interpretation: 'Price units; read like the chosen MA at each bar\'s own period.',
  inputs: ['real', 'periods'],
  params: [
    intParam('minPeriod', 2, 2, 100000, 'Smallest period allowed'),
    intParam('maxPeriod', 30, 2, 100000, 'Largest period allowed'),
    maTypeParam(),
  ],
  outputs: real(),
  lookback: (params) => maLookback(p(params, 'maxPeriod'), p(params, 'maType')),
  compute: ([x, per], params) => [mavp(x!, per!, p(params, 'minPeriod'), p(params, 'maxPeriod'), p(params, 'maType'))],
};
