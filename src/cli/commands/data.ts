import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { replaySource } from '../../app/sources.js';
import { importFile, fetchIntoStore, type IngestResult } from '../../services/ingest.js';
import { describeFileRead } from '../../sources/market/file/read.js';
import { parseTimeframe } from '../../core/timeframes.js';
import { parsePair } from '../../core/types.js';
import { iso, table } from '../format.js';
import { cliConfig, intOption } from '../context.js';
import { withServices } from '../services.js';
import { parseSince } from './candles.js';

function summary(r: IngestResult, where: string): string {
  return `${r.candles} candles (${r.inserted} new, ${r.updated} updated) ${iso(r.first)} → ${iso(r.last)} into ${where}; ` +
    `${r.quality.rejected.length} rejected, ${r.quality.gaps.length} gaps (${r.quality.missingCandles} missing candles)\n`;
}

export function registerData(program: Command): Command {
  const data = program.command('data').description('bundled datasets, imports and downloads');
  data
    .command('list')
    .description('datasets, pairs, timeframes, ranges and gaps of the bundled data')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => {
      const config = await cliConfig();
      const replay = replaySource(config);
      const series = replay.listSeries();
      // The catalog is the bundled data whatever the configured source is; only the store comes from the wiring.
      const { stored, kind } = await withServices({ source: replay }, async ({ store }) => ({ stored: await store.listSeries(), kind: store.kind }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({
          stored,
          series: series.map((s) => ({ ...s, quality: { gaps: s.quality.gaps.length, missingCandles: s.quality.missingCandles, rejected: s.quality.rejected.length } })),
          feeds: replay.feedDatasets(),
        })}\n`);
        return;
      }
      const rows = series.map((s) => [s.dataset, s.exchange, s.symbol, s.timeframe, s.candles, iso(s.first), iso(s.last), s.quality.gaps.length, s.quality.missingCandles, s.quality.rejected.length]);
      process.stdout.write(`${table(['dataset', 'exchange', 'pair', 'tf', 'candles', 'first', 'last', 'gaps', 'missing', 'rejected'], rows)}\n`);
      process.stdout.write(`\nrecorded feeds (trades + order book):\n`);
      for (const f of replay.feedDatasets()) process.stdout.write(`  ${f.id}  ${f.symbol}  ${f.description}\n`);
      if (stored.length) {
        process.stdout.write(`\nin the ${kind} store:\n`);
        process.stdout.write(`${table(['source', 'pair', 'tf', 'candles', 'first', 'last'], stored.map((s) => [s.source, s.symbol, s.timeframe, s.count, iso(s.first), iso(s.last)]))}\n`);
      }
      const pairs = new Set(series.map((s) => s.symbol)).size;
      process.stdout.write(`\n${series.length} series, ${pairs} pairs; any finer series is also served resampled to coarser timeframes.\n`);
    });
  data
    .command('import')
    .description('import a candle file (CSV with a header, headerless Binance Vision klines, or freqtrade JSON) into the store')
    .argument('<file>', 'CSV: timestamp,open,high,low,close,volume (ISO, epoch s/ms/µs); Binance Vision klines; JSON: [[ms,o,h,l,c,v],...]')
    .requiredOption('--pair <pair>', 'pair the file holds, e.g. BTC/USDT')
    .option('--tf <timeframe>', 'timeframe of the file (default: from the spacing of its candles; a contradicting value is refused)')
    .option('--as <source>', 'source name to store it under', 'import')
    .action(async (file: string, opts: { pair: string; tf?: string; as: string }) => {
      const asked = opts.tf === undefined ? undefined : parseTimeframe(opts.tf);
      const symbol = parsePair(opts.pair);
      await withServices({ source: replaySource(await cliConfig()) }, async ({ store }) => {
        const r = await importFile(store, file, { source: opts.as, symbol, timeframe: asked });
        process.stderr.write(`${describeFileRead(file, r.file)}\n`);
        process.stdout.write(summary(r, `${store.kind} (${opts.as} ${symbol} ${r.timeframe})`));
      });
    });
  data
    .command('fetch')
    .description('download candles from an exchange (or replay) into the store, page by page')
    .argument('<exchange>', 'CCXT exchange id (binance, lbank, ...) or replay')
    .argument('<pair>', 'pair, e.g. BTC/USDT')
    .option('--tf <timeframe>', 'timeframe', '1h')
    .requiredOption('--since <date>', 'first candle (YYYY-MM-DD, ISO time or epoch ms)')
    .option('--until <date>', 'stop before this time (default: now)')
    .option('--page <n>', 'candles per request', '1000')
    .action(async (exchange: string, pair: string, opts: { tf: string; since: string; until?: string; page: string }) => {
      const timeframe = parseTimeframe(opts.tf);
      const symbol = parsePair(pair);
      const since = parseSince(opts.since);
      const until = opts.until ? parseSince(opts.until, '--until') : undefined;
      const pageSize = intOption('--page', opts.page, 1, 100_000);
      await withServices({ source: exchange }, async ({ source, store }) => {
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar({ format: `${symbol} ${timeframe} [{bar}] {percentage}% | {day}`, stream: process.stderr }, cliProgress.Presets.shades_classic)
          : undefined;
        const span = (until ?? Date.now()) - since;
        bar?.start(100, 0, { day: iso(since) });
        try {
          const r = await fetchIntoStore(source, store, { symbol, timeframe, since, until, pageSize }, (done) => {
            bar?.update(Math.min(100, Math.round(((done - since) / span) * 100)), { day: iso(done) });
          });
          bar?.update(100);
          bar?.stop();
          process.stdout.write(summary(r, `${store.kind} (${source.id} ${symbol} ${timeframe})`));
        } finally {
          bar?.stop();
        }
      });
    });
  return data;
}
