import { EventLoop } from '../../kernel/loop.js';
import { SimulatedClock } from '../../kernel/clock.js';
import type { RiskLimits } from '../../core/portfolio/risk.js';
import type { SlippageModel } from '../../core/portfolio/costs.js';
import { type Series, candleEvents } from '../backtest/feed.js';
import { TradingSession, type SessionEvent } from '../backtest/session.js';
import type { Params, StrategyDef } from '../backtest/strategies/registry.js';

export interface PaperOptions {
  strategy: StrategyDef;
  params: Params;
  /** Replayed candles (bundled data); a live feed plugs into the same loop. */
  series: Series[];
  cash: number;
  fee: number;
  makerFee?: number;
  slippage: SlippageModel;
  risk?: RiskLimits;
  /** Replay pacing: 1 = as recorded, N = N× faster, Infinity = as fast as possible. */
  speed?: number;
  signal?: AbortSignal;
  onEvent?: (e: SessionEvent) => void;
}

export interface PaperSummary {
  cash: number;
  equity: number;
  positions: { symbol: string; units: number; entryPrice: number }[];
  openOrders: number;
  fills: number;
  refusals: { at: number; symbol: string; reason: string; message: string }[];
  risk: ReturnType<TradingSession['risk']['status']>;
  events: number;
}

/**
 * Paper trading on a replay: the same TradingSession (broker simulator + risk engine) as a
 * backtest, driven by the kernel loop at a chosen pace, reporting every order, fill and
 * refusal as it happens.
 */
export async function runPaper(o: PaperOptions): Promise<PaperSummary> {
  const first = Math.min(...o.series.map((s) => (s.candles.time.length ? s.candles.time[0]! : Infinity)));
  const loop = new EventLoop(new SimulatedClock(Number.isFinite(first) ? first : 0));
  for (const s of o.series) loop.addFeed(s.symbol, candleEvents(s, 'replay'));
  const session = new TradingSession({ cash: o.cash, fees: { maker: o.makerFee ?? o.fee, taker: o.fee }, slippage: o.slippage, unit: 1e-8, risk: o.risk });
  let fills = 0;
  session.on((e) => {
    if (e.type === 'fill') fills++;
    o.onEvent?.(e);
  });
  session.attach(loop, o.strategy.create(o.params));
  const stats = await loop.run({ speed: o.speed ?? Infinity, signal: o.signal });
  const p = session.portfolio;
  return {
    cash: p.cash,
    equity: p.equity(),
    positions: [...p.open.values()].flat().map((t) => ({ symbol: t.symbol, units: t.units, entryPrice: t.entryPrice })),
    openOrders: session.broker.openOrders.length,
    fills,
    refusals: session.risk.refusals.map((r) => ({ at: r.at, symbol: r.symbol, reason: r.reason, message: r.message })),
    risk: session.risk.status(),
    events: stats.events,
  };
}
