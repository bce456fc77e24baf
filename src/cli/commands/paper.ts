import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { parseTimeframe } from '../../core/timeframes.js';
import type { RiskLimits } from '../../core/portfolio/risk.js';
import { openSource } from '../../app/sources.js';
import { cliConfig } from '../context.js';
import { parseSince } from './candles.js';
import { loadSeries } from '../../services/backtest/data.js';
import { builtinStrategy, parseParamArgs, resolveParams } from '../../services/backtest/strategies/index.js';
import { loadUserStrategy, looksLikeFile } from '../../services/backtest/user-strategy.js';
import { runPaper } from '../../services/paper/run.js';
import type { SessionEvent } from '../../services/backtest/session.js';

interface Opts {
  strategy: string; param: string[]; tf: string; since?: string; until?: string; speed: string; cash: string; fee: string; slippageBps: string;
  maxOrderNotional?: string; maxPosition?: string; maxExposure?: string; maxDailyLoss?: string; maxOrdersPerDay?: string; killSwitch?: boolean; json?: boolean;
}

function num(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new InputError(`${name} must be a number in [${min}, ${max}], got "${v}"`, name);
  return n;
}

const iso = (t: number) => new Date(t).toISOString();

function line(e: SessionEvent): string {
  switch (e.type) {
    case 'order': return `${iso(e.at)} order   #${e.id} ${e.intent.side} ${e.intent.type} ${e.intent.symbol}`;
    case 'fill': return `${iso(e.at)} fill    ${e.fill.side} ${e.fill.units} ${e.fill.symbol} @ ${e.fill.price} fee ${e.fill.fee.toFixed(4)} (${e.fill.reason})`;
    case 'refusal': return `${iso(e.at)} REFUSED ${e.refusal.intent.side} ${e.refusal.symbol}: ${e.refusal.reason}: ${e.refusal.message}`;
  }
}

export function registerPaper(program: Command): void {
  const paper = program.command('paper').description('paper trading: a strategy on replayed data through the broker simulator and the risk engine');
  paper
    .command('run')
    .description('run a strategy on the bundled data (replay) as paper trading; every order, fill and risk refusal is printed as it happens')
    .argument('<pairs...>', 'pair(s), e.g. BTC/USDT ETH/USDT')
    .requiredOption('--strategy <name>', 'sma-cross, volume-spike, trade-plan, or a .ts/.js strategy file')
    .option('--param <k=v>', 'strategy parameter (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--tf <timeframe>', 'timeframe', '1d')
    .option('--since <date>', 'replay from')
    .option('--until <date>', 'replay until (exclusive)')
    .option('--speed <x>', 'replay pace: 1 = as recorded, N = N× faster, 0 = as fast as possible', '0')
    .option('--cash <amount>', 'starting cash', '10000')
    .option('--fee <rate>', 'fee per side, relative', '0.001')
    .option('--slippage-bps <n>', 'fixed slippage, basis points', '0')
    .option('--max-order-notional <n>', 'risk: largest order notional')
    .option('--max-position <n>', 'risk: largest position value per coin')
    .option('--max-exposure <x>', 'risk: largest gross exposure / equity')
    .option('--max-daily-loss <f>', 'risk: halt new orders for the UTC day after losing this fraction')
    .option('--max-orders-per-day <n>', 'risk: order frequency limit')
    .option('--kill-switch', 'risk: refuse every order that is not reduce-only')
    .option('--json', 'events and the final account as JSON lines')
    // Errors reach main's one-line report with their exit code (bad input 2, not found 3).
    .action((pairs: string[], opts: Opts) => run(pairs, opts));
}

async function run(pairs: string[], opts: Opts): Promise<void> {
  const def = looksLikeFile(opts.strategy) ? await loadUserStrategy(opts.strategy) : builtinStrategy(opts.strategy);
  const params = resolveParams(def, parseParamArgs(opts.param));
  const risk: RiskLimits = {};
  if (opts.maxOrderNotional !== undefined) risk.maxOrderNotional = num('--max-order-notional', opts.maxOrderNotional, 0, 1e15);
  if (opts.maxPosition !== undefined) risk.maxPositionNotional = num('--max-position', opts.maxPosition, 0, 1e15);
  if (opts.maxExposure !== undefined) risk.maxExposure = num('--max-exposure', opts.maxExposure, 0, 100);
  if (opts.maxDailyLoss !== undefined) risk.maxDailyLoss = num('--max-daily-loss', opts.maxDailyLoss, 0, 1);
  if (opts.maxOrdersPerDay !== undefined) risk.maxOrders = { count: num('--max-orders-per-day', opts.maxOrdersPerDay, 0, 1e9), windowMs: 86_400_000 };
  if (opts.killSwitch) risk.killSwitch = true;
  const speed = num('--speed', opts.speed, 0, 1e9);
  let timeframe;
  try {
    timeframe = parseTimeframe(opts.tf);
  } catch (e) {
    throw new InputError((e as Error).message, 'tf');
  }
  const date = (name: string, v?: string) => {
    if (v === undefined) return undefined;
    try {
      return parseSince(v);
    } catch {
      throw new InputError(`${name} "${v}" is not a date`, name);
    }
  };
  const config = await cliConfig();
  const source = await openSource('replay', config);
  try {
    const series = await loadSeries(source, { pairs, timeframe, since: date('--since', opts.since), until: date('--until', opts.until) });
    const bps = num('--slippage-bps', opts.slippageBps, 0, 1000);
    const summary = await runPaper({
      strategy: def, params, series, cash: num('--cash', opts.cash, 1e-6, 1e15), fee: num('--fee', opts.fee, 0, 0.1),
      slippage: bps ? { kind: 'fixed', bps } : { kind: 'none' }, risk, speed: speed === 0 ? Infinity : speed,
      onEvent: (e) => process.stdout.write(`${opts.json ? JSON.stringify(e) : line(e)}\n`),
    });
    if (opts.json) process.stdout.write(`${JSON.stringify({ type: 'summary', ...summary })}\n`);
    else {
      process.stdout.write(`paper ${def.name} on ${pairs.join(', ')} ${timeframe}: equity ${summary.equity.toFixed(2)}, cash ${summary.cash.toFixed(2)}, ${summary.fills} fills, ${summary.refusals.length} refusals, ${summary.positions.length} open positions\n`);
    }
  } finally {
    await source.close();
  }
}
