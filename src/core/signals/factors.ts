import type { Factor, FactorName } from './types.js';

export const FACTOR_ORDER: readonly FactorName[] = ['OB', 'SR', 'RSI', 'FIB', 'SWING'];
export const FACTOR_BIT: Readonly<Record<FactorName, number>> = { OB: 1, SR: 2, RSI: 4, FIB: 8, SWING: 16 };
/**
 * Points per fired factor; they sum to 100, so marketScore is a fixed additive score of
 * agreement, not a probability (the measured rate is confidenceScore).
 * Zone-type evidence (OB, SR) weighs most because it is where the plan's entries sit.
 */
export const FACTOR_WEIGHT: Readonly<Record<FactorName, number>> = { OB: 25, SR: 25, FIB: 20, RSI: 15, SWING: 15 };

export function scoreOf(mask: number): number {
  let s = 0;
  for (const f of FACTOR_ORDER) if (mask & FACTOR_BIT[f]) s += FACTOR_WEIGHT[f];
  return s;
}

export function confluenceOf(mask: number): FactorName[] {
  return FACTOR_ORDER.filter((f) => mask & FACTOR_BIT[f]);
}

export function factorList(mask: number, details: Readonly<Record<FactorName, string>>): Factor[] {
  return FACTOR_ORDER.map((name) => ({ name, fired: (mask & FACTOR_BIT[name]) !== 0, weight: FACTOR_WEIGHT[name], detail: details[name] }));
}
