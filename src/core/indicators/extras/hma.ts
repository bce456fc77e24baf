/** HMA: Hull MA, WMA(2*WMA(n/2) - WMA(n), floor(sqrt(n))) with n/2 floored (warm-up n - 1 + floor(sqrt(n)) - 1). */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { EXTRAS, wmaFrom } from './shared.js';

export function hmaLookback(period: number): number {
  return period - 1 + Math.floor(Math.sqrt(period)) - 1;
}

export function hma(real: Float64Array, period = 9): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  const half = Math.floor(period / 2);
  const sq = Math.floor(Math.sqrt(period));
  if (n <= hmaLookback(period)) return out;
  const wHalf = nanArray(n);
  const wFull = nanArray(n);
  wmaFrom(real, 0, half, wHalf);
  wmaFrom(real, 0, period, wFull);
  const diff = wHalf; // reused in place: wHalf[i] is read once, before being overwritten
  for (let i = period - 1; i < n; i++) diff[i] = 2 * wHalf[i]! - wFull[i]!;
  wmaFrom(diff, period - 1, sq, out);
  return out;
}

export const HMA: IndicatorDef = {
  name: 'HMA', group: EXTRAS,
  description: 'Hull Moving Average, price units: a low-lag WMA blend; its slope turning flags trend changes early.',
  interpretation: 'Price units: low-lag trend line; its slope turning up is an early buy signal, turning down an early sell signal.',
  inputs: ['real'], params: [periodParam(9)], outputs: real(),
  lookback: (ps) => hmaLookback(p(ps, 'timePeriod')),
  compute: (i, ps) => [hma(i[0]!, p(ps, 'timePeriod'))],
};
