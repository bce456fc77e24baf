/** PPO: percentage price oscillator, (fast MA - slow MA) / slow MA x 100 (warm-up of the slow MA). */
import type { IndicatorDef } from '../types.js';
import type { Arena } from '../arena.js';
import { maTypeParam, p, real } from '../defkit.js';
import { maLookback } from '../overlap/ma.js';
import { priceOscillator } from './apo.js';
import { fastP, MOMENTUM, slowP } from './shared.js';

/** Percentage price oscillator: (fast MA - slow MA) / slow MA * 100. */
export function ppo(real: Float64Array, fastPeriod: number, slowPeriod: number, maType: number, into?: Float64Array, arena?: Arena): Float64Array {
  return priceOscillator(real, fastPeriod, slowPeriod, maType, true, into, arena);
}

export const PPO: IndicatorDef = {
  name: 'PPO', group: MOMENTUM, description: 'Percentage price oscillator: (fast MA - slow MA) / slow MA in percent; above 0 = short-term trend up.',
  interpretation: 'Percent: above 0 upward momentum, below 0 downward; comparable across instruments because it is relative to the slow MA.',
  inputs: ['real'], params: [fastP, slowP, maTypeParam()], outputs: real(),
  lookback: (ps) => maLookback(Math.max(p(ps, 'fastPeriod'), p(ps, 'slowPeriod')), p(ps, 'maType')),
  compute: ([x], ps) => [ppo(x!, p(ps, 'fastPeriod'), p(ps, 'slowPeriod'), p(ps, 'maType'))],
  computeInto: ([x], ps, [out], arena) => { ppo(x!, p(ps, 'fastPeriod'), p(ps, 'slowPeriod'), p(ps, 'maType'), out, arena); },
};
