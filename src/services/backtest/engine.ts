import { EventLoop } from '../../kernel/loop.js';
import { SimulatedClock } from '../../kernel/clock.js';
import type { Strategy } from '../../kernel/ports.js';
import type { RiskLimits } from '../../core/portfolio/risk.js';
import type { FeeModel, SlippageModel } from '../../core/portfolio/costs.js';
import type { RunResult } from '../../core/backtest/result.js';
import { type Series, candleEvents } from './feed.js';
import { TradingSession } from './session.js';

export interface KernelRunOptions {
  series: readonly Series[];
  strategy: Strategy & { warmupBars?: number };
  cash: number;
  fees: FeeModel;
  slippage: SlippageModel;
  /** Smallest tradable amount (1e-8). */
  unit: number;
  risk?: RiskLimits;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * A backtest on the kernel: every series becomes a candle feed, the EventLoop merges them
 * by close time and moves a SimulatedClock, and the strategy trades a TradingSession
 * exactly as it would in paper trading.
 */
export async function runOnKernel(o: KernelRunOptions): Promise<RunResult> {
  const total = o.series.reduce((a, s) => a + s.candles.time.length, 0);
  const first = Math.min(...o.series.map((s) => (s.candles.time.length ? s.candles.time[0]! : Infinity)));
  const loop = new EventLoop(new SimulatedClock(Number.isFinite(first) ? first : 0));
  for (const s of o.series) loop.addFeed(s.symbol, candleEvents(s));
  const session = new TradingSession({ cash: o.cash, fees: o.fees, slippage: o.slippage, unit: o.unit, risk: o.risk });
  const portfolio = session.portfolio;

  const equity: number[] = [];
  const times: number[] = [];
  let barsInMarket = 0;
  let lastAt = NaN;
  let lastBarTime = NaN;
  const snapshot = () => {
    equity.push(portfolio.equity());
    times.push(lastBarTime);
    if (portfolio.open.size) barsInMarket++;
  };
  let done = 0;
  session.attach(loop, o.strategy, (at, barTime) => {
    // All bars closing at one instant are one step of the equity curve.
    if (at !== lastAt && !Number.isNaN(lastAt)) snapshot();
    lastAt = at;
    lastBarTime = barTime;
    if (o.onProgress && ++done % 10_000 === 0) o.onProgress(done, total);
  });
  await loop.run({ signal: o.signal });
  if (!Number.isNaN(lastAt)) snapshot();
  o.onProgress?.(total, total);
  const single = o.series.length === 1 ? o.series[0]!.candles : undefined;
  const n = single?.close.length ?? 0;
  return {
    symbols: o.series.map((s) => s.symbol),
    initialCash: o.cash,
    trades: portfolio.closed,
    open: [...portfolio.open.values()].flat(),
    equity: Float64Array.from(equity),
    times: Float64Array.from(times),
    commissions: portfolio.commissions,
    barsInMarket,
    refusals: session.risk.refusals,
    buyHold: single && n ? { first: single.close[0]!, last: single.close[n - 1]! } : undefined,
    warmupBars: o.strategy.warmupBars,
  };
}
