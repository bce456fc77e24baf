import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { commandTimeframe, openInput } from '../input.js';
import { openCandleSource } from '../services.js';
import { table } from '../format.js';
import { parseSince } from './candles.js';
import { loadSeries } from '../../services/backtest/data.js';
import { reportHtml } from '../../services/backtest/html.js';
import { reportJson, runBacktest } from '../../services/backtest/run.js';
import { builtinStrategy, parseParamArgs, resolveParams } from '../../services/backtest/strategies/index.js';
import { loadUserStrategy, looksLikeFile } from '../../services/backtest/user-strategy.js';
import { heatmap, parseGrid, runSweep, walkForward, type SweepCosts } from '../../services/backtest/sweep.js';
import type { Series } from '../../services/backtest/feed.js';
import type { SlippageModel } from '../../core/portfolio/costs.js';

interface Opts {
  strategy: string; param: string[]; tf?: string; since?: string; until?: string; input?: string; source?: string;
  fee: string; makerFee?: string; slippageBps: string; cash: string; json?: boolean; html?: string; engine: string;
  sweep?: string; walkForward?: string; workers?: string;
}

function num(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new InputError(`${name} must be a number in [${min}, ${max}], got "${v}"`, name);
  return n;
}

function date(name: string, v: string): number {
  try {
    return parseSince(v);
  } catch {
    throw new InputError(`${name} "${v}" is not a date (use YYYY-MM-DD, ISO time or epoch ms)`, name);
  }
}

export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description('run a strategy on historical candles (bundled data, a source or a file) and report trades and metrics')
    .argument('[pairs...]', 'pair(s), e.g. BTC/USDT (several = one portfolio)')
    .requiredOption('--strategy <name>', 'sma-cross, volume-spike, trade-plan, or a path to a .ts/.js strategy file')
    .option('--param <k=v>', 'strategy parameter (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--tf <timeframe>', 'timeframe (default 1d, or the --input file\'s own)')
    .option('--since <date>', 'first bar (YYYY-MM-DD, ISO or epoch ms)')
    .option('--until <date>', 'end (exclusive)')
    .option('--input <file>', 'candle file (CSV or freqtrade JSON) instead of a source')
    .option('--source <source>', 'replay (bundled data), a CCXT exchange id, or store (candles imported or fetched into the store)')
    .option('--fee <rate>', 'taker fee, relative to notional, per side', '0.001')
    .option('--maker-fee <rate>', 'maker fee (limit orders, take-profits); default = --fee')
    .option('--slippage-bps <n>', 'fixed slippage on market/stop fills, basis points', '0')
    .option('--cash <amount>', 'starting cash (quote currency)', '10000')
    .option('--engine <engine>', 'auto | kernel | fast', 'auto')
    .option('--json', 'JSON: {trades, metrics, equity}')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--sweep <grid>', 'parameter sweep on worker threads, e.g. fast=5:30:5,slow=20|50|100 (table; --json adds heatmap data)')
    .option('--walk-forward <windows>', 'with --sweep: train=BARS,test=BARS[,step=BARS] rolling windows, best by Sharpe')
    .option('--workers <n>', 'worker threads for --sweep (default: all cores)')
    // Errors reach main's one-line report with their exit code (bad input 2, not found 3).
    .action((pairs: string[], opts: Opts) => run(pairs, opts));
}

async function run(pairs: string[], opts: Opts): Promise<void> {
  const def = looksLikeFile(opts.strategy) ? await loadUserStrategy(opts.strategy) : builtinStrategy(opts.strategy);
  const params = resolveParams(def, parseParamArgs(opts.param));
  const fee = num('--fee', opts.fee, 0, 0.1);
  const makerFee = opts.makerFee !== undefined ? num('--maker-fee', opts.makerFee, -0.01, 0.1) : undefined;
  const bps = num('--slippage-bps', opts.slippageBps, 0, 1000);
  const cash = num('--cash', opts.cash, 1e-6, 1e15);
  if (!['auto', 'kernel', 'fast'].includes(opts.engine)) throw new InputError(`--engine must be auto, kernel or fast, got "${opts.engine}"`, 'engine');
  const file = openInput(opts.input);
  const timeframe = commandTimeframe(opts.tf, file, '1d');
  const source = file ?? await openCandleSource(opts.source);
  try {
    const series = await loadSeries(source, {
      pairs, timeframe, input: opts.input,
      since: opts.since !== undefined ? date('--since', opts.since) : undefined,
      until: opts.until !== undefined ? date('--until', opts.until) : undefined,
    });
    const slippage: SlippageModel = bps ? { kind: 'fixed', bps } : { kind: 'none' };
    if (opts.sweep) {
      await sweepCommand(def.name, series, opts, { cash, fee, slippage });
      return;
    }
    const report = await runBacktest({
      strategy: def, params, series, cash, fee, makerFee, slippage,
      engine: opts.engine as 'auto' | 'kernel' | 'fast',
    });
    if (opts.html) writeFileSync(opts.html, reportHtml(report, { symbol: series[0]!.symbol, candles: series[0]!.candles }));
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(reportJson(report))}\n`);
      return;
    }
    const m = report.metrics;
    const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
    process.stdout.write(`${report.strategy} on ${report.symbols.join(', ')} ${report.timeframe}: ${series.reduce((a, s) => a + s.candles.time.length, 0)} bars, engine ${report.engine}\n`);
    process.stdout.write(`${table(['metric', 'value'], [
      ['final equity', f(m.finalEquity)], ['total return %', f(m.totalReturnPct)], ['annual return %', f(m.annualReturnPct)],
      ['max drawdown %', f(m.maxDrawdownPct)], ['sharpe', f(m.sharpe, 3)], ['sortino', f(m.sortino, 3)], ['calmar', f(m.calmar, 3)],
      ['trades', m.trades], ['win rate %', f(m.winRatePct)], ['profit factor', f(m.profitFactor, 3)], ['exposure %', f(m.exposurePct)],
      ['commissions', f(m.commissions)], ['buy & hold %', f(m.buyHoldReturnPct)], ['risk refusals', report.result.refusals.length],
    ])}\n`);
    if (opts.html) process.stdout.write(`report written to ${opts.html}\n`);
  } finally {
    await source.close();
  }
}

async function sweepCommand(strategy: string, series: Series[], opts: Opts, costs: SweepCosts): Promise<void> {
  const grid = parseGrid(opts.sweep!);
  const workers = opts.workers !== undefined ? num('--workers', opts.workers, 1, 256) : undefined;
  const names = Object.keys(grid);
  const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  if (opts.walkForward) {
    const w = Object.fromEntries(opts.walkForward.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, num(`--walk-forward ${k}`, v ?? '', 1, 1e7)]));
    if (!w['train'] || !w['test']) throw new InputError('--walk-forward needs train=BARS,test=BARS', 'walk-forward');
    if (series.length !== 1) throw new InputError('--walk-forward runs on one pair', 'walk-forward');
    const wf = await walkForward({ strategy, series: series[0]!, grid, costs, trainBars: w['train'], testBars: w['test'], stepBars: w['step'], workers });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(wf)}\n`);
      return;
    }
    const d = (t: number) => new Date(t).toISOString().slice(0, 10);
    process.stdout.write(`${table(['train', 'test', 'best', 'train sharpe', 'test return %', 'test max dd %', 'test trades'], wf.windows.map((x) => [
      `${d(x.train.from)}..${d(x.train.to)}`, `${d(x.test.from)}..${d(x.test.to)}`, Object.entries(x.best).map(([k, v]) => `${k}=${v}`).join(' '),
      f(x.trainMetric, 3), f(x.outOfSample.totalReturnPct), f(x.outOfSample.maxDrawdownPct), x.outOfSample.trades,
    ]))}\nout-of-sample return ${f(wf.oosReturnPct)}%\n`);
    return;
  }
  const rows = await runSweep({ strategy, series, grid, costs, workers });
  if (opts.json) {
    const map = names.length >= 2 ? heatmap(rows, names[0]!, names[1]!, 'totalReturnPct') : undefined;
    process.stdout.write(`${JSON.stringify({ rows: rows.map((r) => ({ params: r.params, metrics: r.metrics })), heatmap: map })}\n`);
    return;
  }
  process.stdout.write(`${table([...names, 'return %', 'max dd %', 'sharpe', 'trades', 'win %'], rows.map((r) => [
    ...names.map((n) => r.params[n]!), f(r.metrics.totalReturnPct), f(r.metrics.maxDrawdownPct), f(r.metrics.sharpe, 3), r.metrics.trades, f(r.metrics.winRatePct),
  ]))}\n`);
}
