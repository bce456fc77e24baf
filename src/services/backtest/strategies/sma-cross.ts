import type { CandleClosed } from '../../../core/types.js';
import type { KernelContext, Strategy } from '../../../kernel/ports.js';
import { RollingMean, cmp } from '../../../core/backtest/sma.js';
import { accountOf, placeOrder } from '../context.js';
import type { StrategyDef } from './registry.js';

/**
 * Long-only moving-average crossover: buy when SMA(fast) of close crosses above SMA(slow)
 * (strictly below on the previous bar, strictly above on this one), close on the
 * opposite cross. Each symbol has its own averages; `allocation` is the share of the
 * free margin an entry may use (1 = all-in, backtesting.py's default).
 */
export class SmaCross implements Strategy {
  readonly name = 'sma-cross';
  readonly warmupBars: number;
  private readonly state = new Map<string, { f: RollingMean; s: RollingMean; prev: number }>();

  constructor(readonly fast: number, readonly slow: number, readonly allocation = 1) {
    this.warmupBars = slow - 1;
  }

  onCandle(c: CandleClosed, ctx: KernelContext): void {
    let st = this.state.get(c.symbol);
    if (!st) this.state.set(c.symbol, (st = { f: new RollingMean(this.fast), s: new RollingMean(this.slow), prev: NaN }));
    const now = cmp(st.f.push(c.close), st.s.push(c.close));
    const pos = accountOf(ctx).position(c.symbol);
    if (st.prev === -1 && now === 1) {
      if (pos === 0) placeOrder(ctx, { symbol: c.symbol, side: 'buy', type: 'market', size: { equityFraction: this.allocation } });
    } else if (st.prev === 1 && now === -1) {
      if (pos > 0) placeOrder(ctx, { symbol: c.symbol, side: 'sell', type: 'market', size: { positionFraction: 1 }, reduceOnly: true });
    }
    st.prev = now;
  }
}

export const smaCrossDef: StrategyDef = {
  name: 'sma-cross',
  description: 'long-only SMA(fast)/SMA(slow) crossover on close, all-in, exit on the opposite cross',
  params: {
    fast: { default: 10, min: 1, max: 10_000, integer: true, doc: 'fast SMA period' },
    slow: { default: 30, min: 2, max: 10_000, integer: true, doc: 'slow SMA period' },
    allocation: { default: 1, min: 0.000001, max: 1, doc: 'share of free margin per entry' },
  },
  check: (p) => (p['fast']! >= p['slow']! ? `fast (${p['fast']}) must be below slow (${p['slow']})` : undefined),
  create: (p) => new SmaCross(p['fast']!, p['slow']!, p['allocation']!),
};
