import type { KernelContext } from '../../kernel/ports.js';
import type { OrderIntent } from '../../core/portfolio/types.js';

/** What a strategy may know about its account: read-only, as of the clock's time. */
export interface AccountView {
  readonly cash: number;
  equity(): number;
  /** Signed units held. */
  position(symbol: string): number;
  /** Orders accepted and not yet filled or expired. */
  openOrders(symbol?: string): number;
}

/**
 * The kernel context a trading strategy runs with: the clock, the output channel, and
 * its account. Orders leave as `order` outputs so that the risk engine (backtest, paper
 * and live alike) sees every one of them before a broker does.
 */
export interface TradingContext extends KernelContext {
  readonly account: AccountView;
}

export const ORDER_TOPIC = 'order';
export const CANCEL_TOPIC = 'order.cancel';
export const REFUSAL_TOPIC = 'risk.refusal';

export function accountOf(ctx: KernelContext): AccountView {
  const a = (ctx as Partial<TradingContext>).account;
  if (!a) throw new Error('this strategy needs a trading context (run it through the backtester or paper trading)');
  return a;
}

export function placeOrder(ctx: KernelContext, intent: OrderIntent): void {
  ctx.emit({ topic: ORDER_TOPIC, at: ctx.clock.now(), payload: intent });
}

export function cancelOrders(ctx: KernelContext, symbol: string): void {
  ctx.emit({ topic: CANCEL_TOPIC, at: ctx.clock.now(), payload: { symbol } });
}
