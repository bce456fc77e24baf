import type { CandleClosed } from '../../../core/types.js';
import type { KernelContext, Strategy } from '../../../kernel/ports.js';
import { type Candles, emptyCandles } from '../../../core/series.js';
import { STRUCTURE_LOOKBACK, structureAt } from '../../../core/signals/lookback.js';
import type { OrderIntent } from '../../../core/portfolio/types.js';
import { accountOf, cancelOrders, placeOrder } from '../context.js';
import type { StrategyDef } from './registry.js';

/** Growing columnar history of one symbol: the strategy's memory of what it has seen. */
class History {
  c: Candles = emptyCandles(256);
  n = 0;
  push(k: CandleClosed): void {
    if (this.n === this.c.time.length) {
      const bigger = emptyCandles(this.n * 2);
      for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) bigger[f].set(this.c[f]);
      this.c = bigger;
    }
    const i = this.n++;
    this.c.time[i] = k.time; this.c.open[i] = k.open; this.c.high[i] = k.high; this.c.low[i] = k.low; this.c.close[i] = k.close; this.c.volume[i] = k.volume;
  }
  tail(max: number): Candles {
    const s = Math.max(0, this.n - max);
    const v = (a: Float64Array) => a.subarray(s, this.n);
    return { time: v(this.c.time), open: v(this.c.open), high: v(this.c.high), low: v(this.c.low), close: v(this.c.close), volume: v(this.c.volume) };
  }
}

/**
 * The seed-002 trade plans the signal pipeline produces (core/signals): at each close the
 * signal is computed on the bars seen so far by the shared lookback rule (as the pipeline does); a valid plan with no position open places
 * two limit entries (entry1 with half the free margin, entry2 with the rest), each
 * carrying the plan's stop-loss and take-profits TP1/TP2/TP3 closing 50/25/25 % of it.
 * Unfilled entries expire after `ttl` bars; a new plan replaces stale orders.
 */
export class TradePlanStrategy implements Strategy {
  readonly name = 'trade-plan';
  readonly warmupBars: number;
  private readonly hist = new Map<string, History>();

  constructor(private readonly p: { minBars: number; ttl: number; shorts: boolean }) {
    this.warmupBars = p.minBars;
  }

  onCandle(c: CandleClosed, ctx: KernelContext): void {
    let h = this.hist.get(c.symbol);
    if (!h) this.hist.set(c.symbol, (h = new History()));
    h.push(c);
    if (h.n < this.p.minBars) return;
    const acct = accountOf(ctx);
    if (acct.position(c.symbol) !== 0) return;
    const sig = structureAt(h.tail(STRUCTURE_LOOKBACK), { symbol: c.symbol, timeframe: c.timeframe }).signal;
    if (!sig.valid || sig.direction === 'neutral' || (sig.direction === 'short' && !this.p.shorts)) return;
    if (sig.entry1 === null || sig.entry2 === null || sig.sl === null || sig.tp1 === null || sig.tp2 === null || sig.tp3 === null) return;
    if (acct.openOrders(c.symbol)) cancelOrders(ctx, c.symbol);
    const side = sig.direction === 'long' ? 'buy' : 'sell';
    const bracket = { stopLoss: sig.sl, takeProfits: [{ price: sig.tp1, fraction: 0.5 }, { price: sig.tp2, fraction: 0.25 }, { price: sig.tp3, fraction: 0.25 }] };
    const base: Omit<OrderIntent, 'price' | 'size'> = { symbol: c.symbol, side, type: 'limit', bracket, ttlBars: this.p.ttl, tag: 'plan' };
    placeOrder(ctx, { ...base, price: sig.entry1, size: { equityFraction: 0.5 } });
    placeOrder(ctx, { ...base, price: sig.entry2, size: { equityFraction: 1 } });
  }
}

export const tradePlanDef: StrategyDef = {
  name: 'trade-plan',
  description: 'seed-002 signal trade plans: limit entries entry1/entry2, stop-loss, TP1-TP3 partial exits',
  params: {
    minBars: { default: 60, min: 20, max: 100_000, integer: true, doc: 'bars before the first signal' },
    ttl: { default: 5, min: 1, max: 10_000, integer: true, doc: 'bars an unfilled entry stays' },
    shorts: { default: 1, min: 0, max: 1, integer: true, doc: '1 = also take short plans' },
  },
  create: (p) => new TradePlanStrategy({ minBars: p['minBars']!, ttl: p['ttl']!, shorts: p['shorts'] === 1 }),
};
