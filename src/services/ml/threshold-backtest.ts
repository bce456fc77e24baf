/**
 * What the out-of-sample probabilities are worth as trades: a long-only threshold rule run
 * through the backtester (same fill rules, fees and metrics as every other backtest), on
 * the walk-forward test range only, next to buy-and-hold over the same bars.
 *
 * Rule, decided at a bar's close from that bar's out-of-sample probability p (features of
 * bars <= i, model trained on purged earlier rows): flat and p > enter → buy with all
 * equity; long and p < exit → sell. The order fills at the next bar's open. A bar without
 * a probability (unlabelled, e.g. inside a dead zone) leaves the position as it is.
 */
import type { Metrics } from '../../core/backtest/metrics.js';
import type { EvalReport } from '../../core/ml/evaluate.js';
import { sliceCandles, type Candles } from '../../core/series.js';
import type { Timeframe } from '../../core/timeframes.js';
import type { CandleClosed, Pair } from '../../core/types.js';
import { InputError } from '../../errors.js';
import type { KernelContext, Strategy } from '../../kernel/ports.js';
import { accountOf, placeOrder } from '../backtest/context.js';
import { runBacktest } from '../backtest/run.js';
import type { StrategyDef } from '../backtest/strategies/registry.js';

export interface ThresholdRule {
  enter: number;
  exit: number;
  /** Taker fee per side, relative. */
  fee: number;
}

export const DEFAULT_THRESHOLD_RULE: ThresholdRule = { enter: 0.55, exit: 0.5, fee: 0.001 };

export interface ThresholdBacktest {
  rule: ThresholdRule;
  from: number;
  to: number;
  bars: number;
  /** Bars with a probability (the rest hold the position). */
  scoredBars: number;
  metrics: Metrics;
}

class ThresholdStrategy implements Strategy {
  readonly name = 'ml-threshold';

  constructor(private readonly p: ReadonlyMap<number, number>, private readonly rule: ThresholdRule) {}

  onCandle(c: CandleClosed, ctx: KernelContext): void {
    const p = this.p.get(c.time);
    if (p === undefined) return;
    const held = accountOf(ctx).position(c.symbol);
    if (held === 0 && p > this.rule.enter) placeOrder(ctx, { symbol: c.symbol, side: 'buy', type: 'market', size: { equityFraction: 1 } });
    else if (held > 0 && p < this.rule.exit) placeOrder(ctx, { symbol: c.symbol, side: 'sell', type: 'market', size: { positionFraction: 1 }, reduceOnly: true });
  }
}

export function checkRule(r: ThresholdRule): ThresholdRule {
  if (!(r.enter > 0 && r.enter < 1)) throw new InputError(`enter threshold must be in (0, 1), got ${r.enter}`, 'enter');
  if (!(r.exit > 0 && r.exit <= r.enter)) throw new InputError(`exit threshold must be in (0, enter], got ${r.exit}`, 'exit');
  if (!(r.fee >= 0 && r.fee < 0.1)) throw new InputError(`fee must be in [0, 0.1), got ${r.fee}`, 'fee');
  return r;
}

export async function thresholdBacktest(c: Candles, symbol: Pair, timeframe: Timeframe, report: Pick<EvalReport, 'rows' | 'probability'>, rule = DEFAULT_THRESHOLD_RULE): Promise<ThresholdBacktest> {
  checkRule(rule);
  if (report.rows.length === 0) throw new InputError('no out-of-sample rows to trade', 'folds');
  const first = report.rows[0]!;
  const last = report.rows[report.rows.length - 1]!;
  const candles = sliceCandles(c, first, last + 1);
  const p = new Map<number, number>();
  report.rows.forEach((row, k) => p.set(c.time[row]!, report.probability[k]!));
  const def: StrategyDef = { name: 'ml-threshold', description: 'long when p > enter, flat when p < exit', params: {}, create: () => new ThresholdStrategy(p, rule) };
  const r = await runBacktest({ strategy: def, params: {}, series: [{ symbol, timeframe, candles }], cash: 10_000, fee: rule.fee, slippage: { kind: 'none' }, engine: 'kernel', noCompat: true });
  return { rule, from: c.time[first]!, to: c.time[last]!, bars: last - first + 1, scoredBars: p.size, metrics: r.metrics };
}
