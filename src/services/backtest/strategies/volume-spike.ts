import type { CandleClosed } from '../../../core/types.js';
import type { KernelContext, Strategy } from '../../../kernel/ports.js';
import { RollingMean } from '../../../core/backtest/sma.js';
import { accountOf, placeOrder } from '../context.js';
import type { StrategyDef } from './registry.js';

/**
 * Volume-spike momentum: a bar whose volume is `mult` × the mean of the previous `window`
 * bars and that closes up by at least `minMovePct` is taken as the start of a move: buy
 * at the next open with a stop `stopPct` below the entry signal's close and a take-profit
 * `takePct` above it; leave after `hold` bars at most.
 */
export class VolumeSpike implements Strategy {
  readonly name = 'volume-spike';
  readonly warmupBars: number;
  private readonly state = new Map<string, { vol: RollingMean; prevMean: number; held: number }>();

  constructor(private readonly p: { window: number; mult: number; minMovePct: number; hold: number; stopPct: number; takePct: number; allocation: number }) {
    this.warmupBars = p.window;
  }

  onCandle(c: CandleClosed, ctx: KernelContext): void {
    let st = this.state.get(c.symbol);
    if (!st) this.state.set(c.symbol, (st = { vol: new RollingMean(this.p.window), prevMean: NaN, held: 0 }));
    const acct = accountOf(ctx);
    const pos = acct.position(c.symbol);
    if (pos > 0) {
      st.held++;
      if (st.held >= this.p.hold) {
        placeOrder(ctx, { symbol: c.symbol, side: 'sell', type: 'market', size: { positionFraction: 1 }, reduceOnly: true, tag: 'time-exit' });
        st.held = -Infinity;
      }
    } else st.held = 0;
    const spike = c.volume > this.p.mult * st.prevMean && (c.close / c.open - 1) * 100 >= this.p.minMovePct;
    if (spike && pos === 0 && acct.openOrders(c.symbol) === 0) {
      placeOrder(ctx, {
        symbol: c.symbol, side: 'buy', type: 'market', size: { equityFraction: this.p.allocation },
        bracket: { stopLoss: c.close * (1 - this.p.stopPct / 100), takeProfits: [{ price: c.close * (1 + this.p.takePct / 100), fraction: 1 }] },
      });
    }
    st.prevMean = st.vol.push(c.volume);
  }
}

export const volumeSpikeDef: StrategyDef = {
  name: 'volume-spike',
  description: 'buy an up-bar on a volume spike, bracket stop/take-profit, time exit',
  params: {
    window: { default: 20, min: 2, max: 1000, integer: true, doc: 'bars in the volume mean' },
    mult: { default: 3, min: 1, max: 100, doc: 'spike = volume > mult × mean' },
    minMovePct: { default: 1, min: 0, max: 100, doc: 'minimum close/open rise in %' },
    hold: { default: 10, min: 1, max: 10_000, integer: true, doc: 'exit after this many bars' },
    stopPct: { default: 5, min: 0.01, max: 99, doc: 'stop-loss below the signal close, %' },
    takePct: { default: 10, min: 0.01, max: 1000, doc: 'take-profit above the signal close, %' },
    allocation: { default: 1, min: 0.000001, max: 1, doc: 'share of free margin per entry' },
  },
  create: (p) => new VolumeSpike({
    window: p['window']!, mult: p['mult']!, minMovePct: p['minMovePct']!, hold: p['hold']!, stopPct: p['stopPct']!, takePct: p['takePct']!, allocation: p['allocation']!,
  }),
};
