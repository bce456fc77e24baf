/** APO: absolute price oscillator, fast MA - slow MA in price units (warm-up of the slow MA). PPO shares the kernel. */
import { nanArray, type IndicatorDef } from '../types.js';
import { isZero, maTypeParam, p, real } from '../defkit.js';
import { maInto, maLookback } from '../overlap/ma.js';
import { fastP, MOMENTUM, slowP } from './shared.js';

export function priceOscillator(real: Float64Array, fastPeriod: number, slowPeriod: number, maType: number, percent: boolean): Float64Array {
  if (slowPeriod < fastPeriod) [fastPeriod, slowPeriod] = [slowPeriod, fastPeriod];
  const n = real.length;
  const out = nanArray(n);
  const start = maLookback(slowPeriod, maType);
  if (start >= n) return out;
  const fast = new Float64Array(n);
  const slow = new Float64Array(n);
  maInto(real, start - maLookback(fastPeriod, maType), fastPeriod, maType, fast);
  maInto(real, 0, slowPeriod, maType, slow);
  for (let i = start; i < n; i++) {
    const s = slow[i]!;
    if (percent) out[i] = isZero(s) ? 0 : ((fast[i]! - s) / s) * 100;
    else out[i] = fast[i]! - s;
  }
  return out;
}

/** Absolute price oscillator: fast MA - slow MA (price units). */
export function apo(real: Float64Array, fastPeriod: number, slowPeriod: number, maType: number): Float64Array {
  return priceOscillator(real, fastPeriod, slowPeriod, maType, false);
}

export const APO: IndicatorDef = {
  name: 'APO', group: MOMENTUM, description: 'Absolute price oscillator: fast MA - slow MA in price units; above 0 = short-term trend up.',
  interpretation: 'Price units: above 0 the fast MA is above the slow one (upward momentum), below 0 downward; crossings of 0 mark trend changes.',
  inputs: ['real'], params: [fastP, slowP, maTypeParam()], outputs: real(),
  lookback: (ps) => maLookback(Math.max(p(ps, 'fastPeriod'), p(ps, 'slowPeriod')), p(ps, 'maType')),
  compute: ([x], ps) => [apo(x!, p(ps, 'fastPeriod'), p(ps, 'slowPeriod'), p(ps, 'maType'))],
};
