import { EventLoop } from '../../kernel/loop.js';
import { SimulatedClock } from '../../kernel/clock.js';
import type { Strategy } from '../../kernel/ports.js';
import { BrokerSim } from '../../core/portfolio/broker.js';
import { Portfolio } from '../../core/portfolio/portfolio.js';
import { RiskEngine, type AccountState, type RiskLimits } from '../../core/portfolio/risk.js';
import type { FeeModel, SlippageModel } from '../../core/portfolio/costs.js';
import type { OrderIntent } from '../../core/portfolio/types.js';
import type { RunResult } from '../../core/backtest/result.js';
import { CANCEL_TOPIC, ORDER_TOPIC, REFUSAL_TOPIC, type AccountView, type TradingContext } from './context.js';
import { type Series, candleEvents } from './feed.js';

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
 * by close time and moves a SimulatedClock, and the strategy runs exactly as it would in
 * paper trading. For each candle the broker first fills what was ordered before (at this
 * bar's open or inside it), then the strategy sees the closed candle and its account;
 * its orders pass the risk engine and wait for the symbol's next bar.
 */
export async function runOnKernel(o: KernelRunOptions): Promise<RunResult> {
  const total = o.series.reduce((a, s) => a + s.candles.time.length, 0);
  const first = Math.min(...o.series.map((s) => (s.candles.time.length ? s.candles.time[0]! : Infinity)));
  const clock = new SimulatedClock(Number.isFinite(first) ? first : 0);
  const loop = new EventLoop(clock);
  const portfolio = new Portfolio(o.cash);
  const broker = new BrokerSim(portfolio, { fees: o.fees, slippage: o.slippage, unit: o.unit });
  const risk = new RiskEngine(o.risk);
  for (const s of o.series) loop.addFeed(s.symbol, candleEvents(s));

  const account: AccountView = {
    get cash() { return portfolio.cash; },
    equity: () => portfolio.equity(),
    position: (symbol) => portfolio.position(symbol),
    openOrders: (symbol) => (symbol ? broker.openOrders.filter((x) => x.symbol === symbol).length : broker.openOrders.length),
  };
  const ctx: TradingContext = { clock, emit: (out) => loop.emit(out), account };
  const state: AccountState = {
    get equity() { return portfolio.equity(); },
    get grossExposure() { return portfolio.grossExposure(); },
    get marginAvailable() { return portfolio.marginAvailable(); },
    position: (s) => portfolio.position(s),
    price: (s) => portfolio.last.get(s),
  };
  loop.onOutput(ORDER_TOPIC, (out) => {
    const intent = out.payload as OrderIntent;
    const refusal = risk.check(intent, clock.now(), state);
    if (refusal) loop.emit({ topic: REFUSAL_TOPIC, at: clock.now(), payload: refusal });
    else broker.submit(intent, clock.now());
  });
  loop.onOutput(CANCEL_TOPIC, (out) => broker.cancelAll((out.payload as { symbol: string }).symbol));

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
  const firstClose = new Map<string, number>();
  loop.subscribe('broker', (ev) => {
    if (ev.type !== 'candle') return;
    // All bars closing at one instant are one step of the equity curve.
    if (ev.at !== lastAt && !Number.isNaN(lastAt)) snapshot();
    lastAt = ev.at;
    lastBarTime = ev.candle.time;
    const c = ev.candle;
    if (!firstClose.has(c.symbol)) firstClose.set(c.symbol, c.close);
    broker.onBar({ symbol: c.symbol, time: c.time, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume });
    risk.observe(ev.at, portfolio.equity());
    if (o.onProgress && ++done % 10_000 === 0) o.onProgress(done, total);
  }, ['candle']);
  const strat = o.strategy;
  loop.subscribe(strat.name, (ev) => {
    if (ev.type === 'candle') strat.onCandle(ev.candle, ctx);
    else strat.onEvent?.(ev, ctx);
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
    refusals: risk.refusals,
    buyHold: single && n ? { first: single.close[0]!, last: single.close[n - 1]! } : undefined,
    warmupBars: strat.warmupBars,
  };
}
