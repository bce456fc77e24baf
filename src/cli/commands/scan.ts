import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { SingleBar, Presets } from 'cli-progress';
import { parseTimeframe } from '../../core/timeframes.js';
import type { ScannerService, BatchRun } from '../../services/scanner/service.js';
import type { Services } from '../../services/types.js';
import { scannerSettingsSchema } from '../../config/scanner.js';
import type { PairResult } from '../../services/scanner/types.js';
import { cliConfig } from '../context.js';
import { openServices, withServices } from '../services.js';
import { table } from '../format.js';

interface ScanOpts {
  once?: boolean; daemon?: boolean; top: string; tf?: string; out: string; source?: string;
  periods: string; window: string; k: string; threshold: string; concurrency: string; quote?: string; trades: string;
  schedule: string; intervalMinutes: string; cron: string; misfireGrace: string; coalesce: boolean;
  webhook?: string; telegramToken?: string; telegramChat?: string; telegramBaseUrl?: string; json?: boolean;
}

/** Config values, overridden by the options given on the command line (undefined = not given). */
function overlay(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (over === null || typeof over !== 'object' || Array.isArray(over) || base === null || typeof base !== 'object') return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = overlay(out[k], v);
  return out;
}

function settingsFrom(o: ScanOpts, base: unknown) {
  if (Boolean(o.telegramToken) !== Boolean(o.telegramChat)) throw new InputError('--telegram-token and --telegram-chat go together: give both or neither', 'telegram');
  return scannerSettingsSchema.parse(overlay(base, {
    resultsDir: o.out,
    top: o.top === 'all' ? 'all' : o.top,
    timeframe: o.tf ? parseTimeframe(o.tf) : undefined,
    periods: o.periods, window: o.window, k: o.k, alertThreshold: o.threshold, concurrency: o.concurrency,
    quote: o.quote?.toUpperCase(), trades: o.trades,
    schedule: { type: o.schedule, intervalMinutes: o.intervalMinutes, cron: o.cron, coalesce: o.coalesce === false ? false : undefined, misfireGraceSeconds: o.misfireGrace },
    alerts: {
      log: true,
      webhookUrl: o.webhook,
      telegram: o.telegramToken ? { token: o.telegramToken, chatId: o.telegramChat, ...(o.telegramBaseUrl ? { baseUrl: o.telegramBaseUrl } : {}) } : undefined,
    },
  }));
}

/** A bar only on a terminal: piped output and CI logs get the summary alone. */
async function runWithProgress(svc: ScannerService, trigger: 'cli' | 'interval' | 'cron'): Promise<BatchRun> {
  const bar = process.stdout.isTTY ? new SingleBar({ format: 'scan {bar} {value}/{total} pairs | {symbol}', hideCursor: true }, Presets.shades_classic) : null;
  try {
    return await svc.run(trigger, {}, {
      onStart: (total) => bar?.start(total, 0, { symbol: '' }),
      onPair: (r: PairResult, done, total) => {
        bar?.update(done, { symbol: r.symbol });
        // Stop before the alert sinks log, so their lines do not tear the bar.
        if (done === total) bar?.stop();
      },
    });
  } finally {
    bar?.stop();
  }
}

function printSummary(run: BatchRun, json: boolean | undefined): void {
  const s = run.summary;
  if (json) {
    process.stdout.write(`${JSON.stringify({ dir: run.dir, ...s })}\n`);
    return;
  }
  const p = s.params;
  process.stdout.write(`batch ${s.batchId}: ${s.source} ${p.timeframe}, top ${p.top}, ${p.periods} periods, window ${p.window}, k ${p.k} — ${s.durationMs} ms\n`);
  process.stdout.write(`${s.pairs.requested} pairs: ${s.pairs.ok} scanned, ${s.pairs.failed} failed, ${s.pairs.withSpikes} with spikes, ${s.pairs.alerts} alerts (confidence >= ${p.alertThreshold})\n`);
  if (s.alerts.length) {
    process.stdout.write(`\n${table(['pair', 'time', 'rel. volume', 'z', 'confidence'], s.alerts.slice(0, 15).map((a) => [a.symbol, a.time.slice(0, 16), a.relVolume ?? '-', a.z ?? 'inf', a.confidence]))}\n`);
    if (s.alerts.length > 15) process.stdout.write(`… ${s.alerts.length - 15} more in summary.json\n`);
  }
  if (s.failed.length) {
    process.stdout.write(`\nfailed:\n`);
    for (const f of s.failed.slice(0, 10)) process.stdout.write(`  ${f.symbol}: ${f.reason}\n`);
    if (s.failed.length > 10) process.stdout.write(`  … ${s.failed.length - 10} more in summary.json\n`);
  }
  for (const e of run.sinkErrors) process.stdout.write(`alert sink ${e.sink} failed: ${e.error}\n`);
  process.stdout.write(`\nreport: ${run.dir}/report.html\nsummary: ${run.dir}/summary.json\n`);
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('volume-spike scan of the top pairs by quote volume: once, or as a daemon on a schedule')
    .option('--once', 'one batch, then exit (default)')
    .option('--daemon', 'run a batch now, then on the schedule until interrupted')
    .option('--top <n>', 'pairs by quote volume, or "all" (default 200, or config scanner.top)')
    .option('--tf <timeframe>', 'timeframe (default 5m; 1d on the bundled replay data, which is daily)')
    .option('--out <dir>', 'results root; each batch goes to <dir>/<batch-id>/')
    .option('--source <source>', 'replay (bundled data) or a CCXT exchange id (default from config)')
    .option('--periods <n>', 'candles scanned per pair')
    .option('--window <n>', 'baseline candles before each candle')
    .option('--k <x>', 'standard deviations above the mean')
    .option('--threshold <c>', 'alert at confidence >= c')
    .option('--concurrency <n>', 'pairs fetched at once')
    .option('--quote <ccy>', 'only pairs quoted in this currency, e.g. USDT')
    .option('--trades <when>', 'fetch trades for the buy/sell split: spikes | all | none')
    .option('--schedule <type>', 'daemon schedule: interval | cron')
    .option('--interval-minutes <m>', 'daemon interval')
    .option('--cron <expr>', 'daemon cron expression (UTC)')
    .option('--misfire-grace <s>', 'skip a run later than this many seconds')
    .option('--no-coalesce', 'run every missed fire time instead of one')
    .option('--webhook <url>', 'POST alerts as JSON to this URL')
    .option('--telegram-token <token>', 'Telegram bot token')
    .option('--telegram-chat <id>', 'Telegram chat id')
    .option('--telegram-base-url <url>', 'Telegram Bot API base URL (default https://api.telegram.org)')
    .option('--json', 'print the summary as JSON')
    .action(async (o: ScanOpts) => {
      if (o.once && o.daemon) throw new InputError('--once and --daemon exclude each other: give one', 'once');
      const config = await cliConfig();
      const settings = settingsFrom(o, config.scanner);
      if (!o.daemon) {
        await withServices({ source: o.source, scanner: settings }, async ({ scanner }) => printSummary(await runWithProgress(scanner, 'cli'), o.json));
        return;
      }
      await daemon(await openServices({ source: o.source, scanner: settings }), o.json);
    });
}

/** A batch now, then on the schedule; every batch prints its summary. Ctrl-C stops. */
async function daemon(services: Services, json?: boolean): Promise<void> {
  const svc = services.scanner;
  const tell = () => {
    const job = svc.scheduler.status().jobs[0];
    if (!json) process.stdout.write(`next scan ${job?.next_run_time ?? 'never'} (${job?.trigger ?? ''}); Ctrl-C stops\n\n`);
  };
  printSummary(await runWithProgress(svc, 'cli'), json);
  svc.onBatch((run) => {
    printSummary(run, json);
    tell();
  });
  svc.scheduler.start(svc.settings.schedule);
  tell();
  // The scheduler's timer is unref'd so servers can exit; the daemon holds the process open.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const stop = async () => {
    clearInterval(keepAlive);
    await services.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
