/** VROC: volume rate of change in percent, (v[i] - v[i-p]) / v[i-p] * 100, 0 if v[i-p] == 0 (warm-up period). */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { EXTRAS } from './shared.js';

export function vroc(volume: Float64Array, period = 14): Float64Array {
  const n = volume.length;
  const out = nanArray(n);
  for (let i = period; i < n; i++) {
    const prev = volume[i - period]!;
    out[i] = prev === 0 ? 0 : ((volume[i]! - prev) / prev) * 100;
  }
  return out;
}

export const VROC: IndicatorDef = {
  name: 'VROC', group: EXTRAS,
  description: 'Volume rate of change in percent vs timePeriod bars ago; large positive values flag volume surges.',
  interpretation: 'Percent: e.g. 100 = twice the volume of timePeriod bars ago; large positive values flag volume surges that confirm breakouts.',
  inputs: ['volume'], params: [periodParam(14, 'timePeriod', 1)], outputs: real(),
  lookback: (ps) => p(ps, 'timePeriod'),
  compute: (i, ps) => [vroc(i[0]!, p(ps, 'timePeriod'))],
};
