import { finiteOrNull } from '../../core/numbers.js';
import { NotFoundError, SextantError } from '../../errors.js';
import { SubscriberError } from '../../kernel/loop.js';
import type { SlippageModel } from '../../core/portfolio/costs.js';
import type { RiskLimits } from '../../core/portfolio/risk.js';
import { backtestingPyStats, computeMetrics, type BacktestingPyStats, type Metrics } from '../../core/backtest/metrics.js';
import type { RunResult } from '../../core/backtest/result.js';
import { smaCrossFast } from '../../core/backtest/sma-cross-fast.js';
import { runOnKernel } from './engine.js';
import type { Series } from './feed.js';
import type { Params, StrategyDef } from './strategies/registry.js';

/** A strategy that threw: the backtest stops with its message and the bar time; nothing else does. */
export class StrategyError extends SextantError {
  constructor(message: string, readonly at: number) {
    super('bad_input', message, { field: 'strategy' });
    this.name = 'StrategyError';
  }
}

export interface BacktestSpec {
  strategy: StrategyDef;
  params: Params;
  series: Series[];
  cash: number;
  /** Taker fee (market orders, stops) and maker fee (limits, take-profits), relative. */
  fee: number;
  makerFee?: number;
  slippage: SlippageModel;
  unit?: number;
  risk?: RiskLimits;
  /** `auto` takes the fast path where it is proven identical (sma-cross, one series, no risk limits). */
  engine?: 'auto' | 'kernel' | 'fast';
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Skip the backtesting.py-compatible statistics (sweeps do not need them). */
  noCompat?: boolean;
}

export interface BacktestReport {
  strategy: string;
  params: Params;
  symbols: string[];
  timeframe: string;
  engine: 'fast' | 'kernel';
  result: RunResult;
  metrics: Metrics;
  /** The same run by backtesting.py's definitions, for comparison with it (absent with `noCompat`). */
  compat?: BacktestingPyStats;
}

export function fastPathApplies(spec: BacktestSpec): boolean {
  return spec.strategy.name === 'sma-cross' && spec.series.length === 1 && !spec.risk
    && (spec.slippage.kind === 'none' || spec.slippage.kind === 'fixed') && (spec.params['allocation'] ?? 1) === 1;
}

export async function runBacktest(spec: BacktestSpec): Promise<BacktestReport> {
  for (const s of spec.series) {
    if (!s.candles.time.length) throw new NotFoundError(`no candles for ${s.symbol} ${s.timeframe} in the requested range`, 'pair');
  }
  const unit = spec.unit ?? 1e-8;
  const useFast = spec.engine === 'fast' || (spec.engine !== 'kernel' && fastPathApplies(spec));
  let result: RunResult;
  if (useFast) {
    if (!fastPathApplies(spec)) throw new SextantError('not_supported', 'the fast path runs sma-cross on one series without risk limits only', { field: 'engine' });
    const s = spec.series[0]!;
    const bps = spec.slippage.kind === 'fixed' ? spec.slippage.bps : 0;
    result = smaCrossFast(s.candles, s.symbol, { fast: spec.params['fast']!, slow: spec.params['slow']! }, { cash: spec.cash, fee: spec.fee, slippageBps: bps, unit });
    spec.onProgress?.(s.candles.time.length, s.candles.time.length);
  } else {
    try {
      result = await runOnKernel({
        series: spec.series, strategy: spec.strategy.create(spec.params), cash: spec.cash,
        fees: { maker: spec.makerFee ?? spec.fee, taker: spec.fee }, slippage: spec.slippage, unit, risk: spec.risk,
        signal: spec.signal, onProgress: spec.onProgress,
      });
    } catch (e) {
      if (e instanceof SubscriberError) throw new StrategyError(`strategy ${e.message}`, e.at);
      throw e;
    }
  }
  const closes = spec.series.length === 1 ? spec.series[0]!.candles.close : undefined;
  const input = { ...result, closes };
  return {
    strategy: spec.strategy.name,
    params: spec.params,
    symbols: result.symbols,
    timeframe: spec.series[0]?.timeframe ?? '',
    engine: useFast ? 'fast' : 'kernel',
    result,
    metrics: computeMetrics(input),
    compat: spec.noCompat ? undefined : backtestingPyStats(input),
  };
}

const iso = (t: number) => new Date(t).toISOString();

/** The CLI's and the API's JSON: exactly the shape issue 11 names (NaN and ±Infinity as null). */
export function reportJson(r: BacktestReport) {
  const m = r.metrics;
  return {
    trades: r.result.trades.map((t) => ({
      entryTime: iso(t.entryTime), exitTime: iso(t.exitTime), entryPrice: t.entryPrice, exitPrice: t.exitPrice, size: t.size, pnl: t.pnl, returnPct: t.returnPct,
    })),
    metrics: {
      finalEquity: finiteOrNull(m.finalEquity), totalReturnPct: finiteOrNull(m.totalReturnPct), maxDrawdownPct: finiteOrNull(m.maxDrawdownPct), winRatePct: finiteOrNull(m.winRatePct),
      profitFactor: finiteOrNull(m.profitFactor), trades: m.trades, exposurePct: finiteOrNull(m.exposurePct), sharpe: finiteOrNull(m.sharpe), sortino: finiteOrNull(m.sortino),
      calmar: finiteOrNull(m.calmar), commissions: finiteOrNull(m.commissions),
    },
    equity: Array.from(r.result.equity, (e, i) => ({ time: iso(r.result.times[i]!), equity: e })),
  };
}
