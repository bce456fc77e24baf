import type { Side } from './types.js';

/**
 * Fees relative to notional. Maker applies to resting limit orders and bracket
 * take-profits, taker to market orders and triggered stops.
 */
export interface FeeModel {
  maker: number;
  taker: number;
}

export const flatFee = (rate: number): FeeModel => ({ maker: rate, taker: rate });

/**
 * Slippage moves a taker fill against the trader. `fixed`: a constant number of basis
 * points. `volume`: bps grow with the order's share of the bar's volume
 * (bps = base + impact × units / volume), a square-root-free linear impact that is easy
 * to reason about and never rewards size.
 */
export type SlippageModel =
  | { kind: 'none' }
  | { kind: 'fixed'; bps: number }
  | { kind: 'volume'; baseBps: number; impactBps: number };

export function slippageBps(model: SlippageModel, units: number, barVolume: number): number {
  switch (model.kind) {
    case 'none': return 0;
    case 'fixed': return model.bps;
    case 'volume': return model.baseBps + (barVolume > 0 ? model.impactBps * Math.min(1, Math.abs(units) / barVolume) : model.impactBps);
  }
}

export function slipPrice(price: number, side: Side, bps: number): number {
  if (bps === 0) return price;
  return side === 'buy' ? price * (1 + bps / 10_000) : price * (1 - bps / 10_000);
}

/**
 * All-in fractional sizing: the largest whole number of `unit`s whose notional plus the
 * entry fee fits in `budget`. Written as backtesting.py writes it (price + price·fee per
 * unit, integer division) so both land on the same unit at the floor boundary.
 */
export function affordableUnits(budget: number, price: number, fee: number, unit: number): number {
  const perUnit = price * unit;
  const n = Math.floor(budget / (perUnit + perUnit * fee));
  if (!(n > 0)) return 0;
  // n / 1e8 is the double nearest the decimal amount (n × 1e-8 can land one ulp off it).
  const inv = Math.round(1 / unit);
  return Math.abs(inv * unit - 1) < 1e-12 ? n / inv : n * unit;
}
