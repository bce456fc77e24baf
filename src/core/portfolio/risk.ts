import type { OrderIntent } from './types.js';

const DAY_MS = 86_400_000;

/**
 * Limits every order passes, in backtest, paper and live alike. Absent = no limit.
 * Notional limits are in quote currency; exposure is gross (Σ |position value|) over equity.
 */
export interface RiskLimits {
  /** Largest |position value| per symbol after the order. */
  maxPositionNotional?: number;
  /** Largest gross exposure / equity after the order (1 = fully invested, no leverage). */
  maxExposure?: number;
  /** Fraction of the UTC day's opening equity: losing it halts new orders until the next day. */
  maxDailyLoss?: number;
  /** Largest notional of one order. */
  maxOrderNotional?: number;
  /** At most `count` accepted orders per `windowMs`. */
  maxOrders?: { count: number; windowMs: number };
  /** Refuse every order that is not reduce-only. */
  killSwitch?: boolean;
}

export type RiskReason = 'kill_switch' | 'daily_loss_halt' | 'order_size' | 'position_limit' | 'exposure_limit' | 'order_frequency';

/** A refusal: an event with its reason, never a silent drop. */
export interface RiskRefusal {
  at: number;
  symbol: string;
  reason: RiskReason;
  message: string;
  intent: OrderIntent;
}

/** What the engine needs to know about the account at decision time. */
export interface AccountState {
  equity: number;
  /** Signed units held. */
  position(symbol: string): number;
  /** Last known price of a symbol (the bar close the strategy saw). */
  price(symbol: string): number | undefined;
  grossExposure: number;
  marginAvailable: number;
}

export class RiskEngine {
  private day = NaN;
  private dayStartEquity = NaN;
  private halted = false;
  private accepted: number[] = [];
  readonly refusals: RiskRefusal[] = [];

  constructor(public limits: RiskLimits = {}) {}

  setKillSwitch(on: boolean): void {
    this.limits = { ...this.limits, killSwitch: on };
  }

  /** Feed equity as it is marked; opens a new day's budget at each UTC midnight crossed. */
  observe(now: number, equity: number): void {
    const d = Math.floor(now / DAY_MS);
    if (d !== this.day) {
      this.day = d;
      this.dayStartEquity = equity;
      this.halted = false;
    }
    const lim = this.limits.maxDailyLoss;
    if (lim !== undefined && equity <= this.dayStartEquity * (1 - lim)) this.halted = true;
  }

  status(): { halted: boolean; dayStartEquity: number; killSwitch: boolean; refusals: number } {
    return { halted: this.halted, dayStartEquity: this.dayStartEquity, killSwitch: !!this.limits.killSwitch, refusals: this.refusals.length };
  }

  /** Undefined when the order may go to the broker; else the refusal, also kept in `refusals`. */
  check(intent: OrderIntent, now: number, acct: AccountState): RiskRefusal | undefined {
    const r = this.reason(intent, now, acct);
    if (r) {
      const refusal: RiskRefusal = { at: now, symbol: intent.symbol, reason: r[0], message: r[1], intent };
      this.refusals.push(refusal);
      return refusal;
    }
    this.accepted.push(now);
    return undefined;
  }

  private reason(o: OrderIntent, now: number, acct: AccountState): [RiskReason, string] | undefined {
    const L = this.limits;
    // Reducing risk is always allowed: a halt must never trap a position.
    if (o.reduceOnly) return undefined;
    if (L.killSwitch) return ['kill_switch', 'kill switch is on: only reduce-only orders pass'];
    if (this.halted) return ['daily_loss_halt', `daily loss limit ${(L.maxDailyLoss! * 100).toFixed(2)}% reached: no new orders until 00:00 UTC`];
    const px = o.price ?? acct.price(o.symbol);
    if (px === undefined || !(px > 0)) return undefined;
    const s = o.size;
    const units = 'units' in s ? s.units : 'equityFraction' in s ? (acct.marginAvailable * s.equityFraction) / px : Math.abs(acct.position(o.symbol)) * s.positionFraction;
    const notional = units * px;
    if (L.maxOrderNotional !== undefined && notional > L.maxOrderNotional) {
      return ['order_size', `order notional ${notional.toFixed(2)} > limit ${L.maxOrderNotional}`];
    }
    const pos = acct.position(o.symbol);
    const after = pos + (o.side === 'buy' ? units : -units);
    const posValue = Math.abs(after) * px;
    if (L.maxPositionNotional !== undefined && posValue > L.maxPositionNotional) {
      return ['position_limit', `${o.symbol} position ${posValue.toFixed(2)} would exceed limit ${L.maxPositionNotional}`];
    }
    if (L.maxExposure !== undefined && acct.equity > 0) {
      const gross = acct.grossExposure - Math.abs(pos) * px + posValue;
      if (gross / acct.equity > L.maxExposure) return ['exposure_limit', `gross exposure ${(gross / acct.equity).toFixed(3)}× equity would exceed ${L.maxExposure}×`];
    }
    if (L.maxOrders) {
      const from = now - L.maxOrders.windowMs;
      while (this.accepted.length && this.accepted[0]! <= from) this.accepted.shift();
      if (this.accepted.length >= L.maxOrders.count) return ['order_frequency', `${L.maxOrders.count} orders in ${L.maxOrders.windowMs} ms already`];
    }
    return undefined;
  }
}
