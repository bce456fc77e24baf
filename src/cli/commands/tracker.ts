import type { Command } from 'commander';
import { basename } from 'node:path';
import { parsePair, type Pair } from '../../core/types.js';
import { InputError, NotFoundError, UnavailableError } from '../../errors.js';
import { storeFromConfig } from '../../app/store.js';
import { trackerFeedFor } from '../../services/tracker/feeds.js';
import { TrackerService } from '../../services/tracker/service.js';
import { trackerStoreOf } from '../../services/tracker/store.js';
import { formatTrackerSummary } from '../../services/tracker/summary.js';
import type { OutcomeCandles } from '../../services/tracker/research.js';
import { cliConfig, intOption } from '../context.js';
import type { Config } from '../../config/schema.js';
import { parseSince } from './candles.js';

const WINDOWS = ['1m', '5m', '15m', '30m', '60m'];

function parseSpeed(s: string): number {
  if (s === 'max') return Infinity;
  const n = Number(s);
  if (!(n > 0) || !Number.isFinite(n)) throw new InputError(`--speed must be a positive number or "max", got "${s}"`, 'speed');
  return n;
}

const HORIZON_UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

function parseHorizons(s: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const h of s.split(',').filter(Boolean)) {
    const m = /^(\d+)([mhd])$/.exec(h.trim());
    if (!m || Number(m[1]) < 1) throw new InputError(`--horizons: "${h}" is not a horizon like 5m, 1h or 1d`, 'horizons');
    out[h.trim()] = Number(m[1]) * HORIZON_UNITS[m[2]!]!;
  }
  if (!Object.keys(out).length) throw new InputError('--horizons: give at least one horizon', 'horizons');
  return out;
}

function parseWindow(s: string): number {
  const w = WINDOWS.indexOf(s.toLowerCase());
  if (w < 0) throw new InputError(`--window must be one of ${WINDOWS.join(', ')}, got "${s}"`, 'window');
  return [1, 5, 15, 30, 60][w]!;
}

/**
 * `--top N`: the first N of the source's volume standings (services/tracker/standings.ts).
 * On replay only pairs with a recorded feed can be tracked, so they are the candidates.
 * Live, if the standings cannot be read, the feed picks its own top N and stderr says so.
 */
async function standingsTop(sourceName: string, top: number, config: Config): Promise<Pair[] | { top: number }> {
  const { topByStandings } = await import('../../services/tracker/standings.js');
  const { openSource, replaySource } = await import('../../app/sources.js');
  if (sourceName === 'replay') {
    const src = replaySource(config);
    return topByStandings(src, top, { quote: config.trackerJobs.quote, candidates: src.feedSymbols() });
  }
  const src = await openSource(sourceName, config);
  try {
    const list = await topByStandings(src, top, { quote: config.trackerJobs.quote });
    if (list.length) return list;
  } catch (e) {
    process.stderr.write(`sextant: volume standings of ${sourceName} unavailable (${(e as Error).message}); the feed picks its top ${top}\n`);
  } finally {
    await src.close();
  }
  return { top };
}

interface SourceOpts { source?: string; speed?: string }

async function replayTracker(pair: Pair, opts: SourceOpts & { until?: number }): Promise<TrackerService> {
  const config = await cliConfig();
  const feed = await trackerFeedFor(opts.source ?? 'replay', [pair], config);
  if (feed.kind !== 'replay') throw new InputError('this command reads a recorded run: use --source replay', 'source');
  const t = new TrackerService({ symbols: [pair], feed, speed: Infinity, ...(opts.until !== undefined ? { until: opts.until } : {}) });
  await t.run();
  return t;
}

export function registerTracker(program: Command): void {
  const tracker = program.command('tracker').description('live market tracker: taker volume windows, order books, events with keys');

  tracker
    .command('run')
    .description('track trades and order books (bundled replay by default) and print windows, book state and events')
    .option('--symbols <list>', 'comma-separated pairs (default: every pair the source has a feed for, or --top)')
    .option('--top <n>', 'track the N most traded pairs: the volume standings (active pairs of trackerJobs.quote by 24 h quote volume; on replay among the recorded feeds)')
    .option('--source <source>', 'replay (bundled Binance feed) or a CCXT exchange id with websockets (binance, ...)', 'replay')
    .option('--speed <speed>', 'replay pace: 1, 10, ... or max', 'max')
    .option('--duration <seconds>', 'live: stop after this many seconds')
    .option('--no-store', 'do not write events and windows to the store')
    .option('--json', 'print the final summary as JSON')
    .action(async (opts: { symbols?: string; top?: string; source: string; speed: string; duration?: string; store: boolean; json?: boolean }) => {
      const config = await cliConfig();
      const speed = parseSpeed(opts.speed);
      if (opts.symbols && opts.top) throw new InputError('give --symbols or --top, not both', 'symbols');
      const top = opts.top ? intOption('--top', opts.top, 1, 1000) : undefined;
      const symbols = opts.symbols ? opts.symbols.split(',').filter(Boolean).map((s) => parsePair(s, 'symbols')) : undefined;
      const log = (level: 'info' | 'error', msg: string, detail?: unknown): void => {
        // Live stream notes (a lost connection, a resync) go to stderr beside the summary.
        process.stderr.write(`sextant: ${msg}${level === 'error' ? `: ${(detail as Error)?.message ?? ''}` : ''}\n`);
      };
      const want = symbols ?? (top !== undefined ? await standingsTop(opts.source, top, config) : { top: opts.source === 'replay' ? Infinity : 10 });
      const feed = await trackerFeedFor(opts.source, want, config, log);
      const store = opts.store ? await storeFromConfig(config) : undefined;
      const live = feed.kind === 'live';
      const t = new TrackerService({
        symbols: feed.symbols ?? feed.feeds.map((f) => f.name as Pair), feed, speed,
        ...(store ? { store: trackerStoreOf(store) } : {}),
        log: (level, msg, detail) => { if (level === 'error') log(level, msg, detail); },
      });
      const stopAll = () => void t.stop();
      process.once('SIGINT', stopAll);
      process.once('SIGTERM', stopAll);
      let timer: NodeJS.Timeout | undefined;
      if (opts.duration) setTimeout(stopAll, intOption('--duration', opts.duration, 1, 86_400 * 365) * 1000).unref();
      // A live terminal summary while the run lasts; a full-speed replay prints only the end.
      if (live || Number.isFinite(speed)) timer = setInterval(() => process.stderr.write(`${formatTrackerSummary(t, { brief: true })}\n`), 5000);
      try {
        await t.run();
      } finally {
        if (timer) clearInterval(timer);
        await t.stop();
        await store?.close();
      }
      if (opts.json) process.stdout.write(`${JSON.stringify({ stats: t.stats, counts: t.counts, health: t.health(), symbols: t.status(), events: t.recentEvents().slice(-50) })}\n`);
      else process.stdout.write(`${formatTrackerSummary(t)}\n`);
    });

  tracker
    .command('research')
    .description('replay recorded history through the tracker\'s detectors and measure what followed each event kind (returns after 5m/1h/1d, hit rates, sample sizes)')
    .option('--symbols <list>', 'comma-separated pairs (default: every pair with a recorded feed)')
    .option('--candles <PAIR=FILE>', 'a candle file (CSV or freqtrade JSON) for the outcomes of PAIR\'s events over horizons longer than the feed; repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--horizons <list>', 'forward-return horizons, e.g. 5m,1h,1d', '5m,1h,1d')
    .option('--by <group>', 'group events by full key or by key prefix (first condition): key | prefix', 'key')
    .option('--json', 'JSON output')
    .action(async (opts: { symbols?: string; candles: string[]; horizons: string; by: string; json?: boolean }) => {
      const config = await cliConfig();
      if (opts.by !== 'key' && opts.by !== 'prefix') throw new InputError(`--by must be key or prefix, got "${opts.by}"`, 'by');
      const horizons = parseHorizons(opts.horizons);
      const symbols = opts.symbols ? opts.symbols.split(',').filter(Boolean).map((s) => parsePair(s, 'symbols')) : undefined;
      const feed = await trackerFeedFor('replay', symbols ?? { top: Infinity }, config);
      const { readCandleFile } = await import('../../sources/market/file/read.js');
      const candles: OutcomeCandles[] = opts.candles.map((spec) => {
        const i = spec.indexOf('=');
        if (i <= 0) throw new InputError(`--candles must be PAIR=FILE, got "${spec}"`, 'candles');
        const symbol = parsePair(spec.slice(0, i), 'candles');
        const file = spec.slice(i + 1);
        const { candles: c, report } = readCandleFile(file);
        if (!(report.spacing.stepMs > 0)) throw new InputError(`--candles ${file}: fewer than 2 candles, no timeframe`, 'candles');
        return { symbol, name: `${symbol} ${basename(file)}`, timeframeMs: report.spacing.stepMs, candles: c };
      });
      const { runResearch, formatResearch } = await import('../../services/tracker/research.js');
      const r = await runResearch({ feed, symbols: feed.feeds.map((f) => f.name as Pair), candles, horizons, by: opts.by });
      process.stdout.write(opts.json ? `${JSON.stringify(r)}\n` : `${formatResearch(r)}\n`);
    });

  tracker
    .command('volume')
    .description('every closed window of the run: taker buy/sell volume and trade count')
    .argument('<pair>', 'pair, e.g. BTC/USDT')
    .option('--window <w>', `window length: ${WINDOWS.join(', ')}`, '1m')
    .option('--source <source>', 'replay (bundled Binance feed)', 'replay')
    .option('--json', 'JSON output')
    .action(async (pairArg: string, opts: SourceOpts & { window: string; json?: boolean }) => {
      const pair = parsePair(pairArg);
      const window = parseWindow(opts.window);
      const t = await replayTracker(pair, opts);
      const rows = t.closedWindows(pair, window).map((w) => ({ time: new Date(w.start).toISOString(), buyVolume: w.buyVolume, sellVolume: w.sellVolume, trades: w.buyTrades + w.sellTrades }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows)}\n`);
        return;
      }
      process.stdout.write(`${pair} ${opts.window} closed windows (taker side):\n`);
      for (const r of rows) process.stdout.write(`  ${r.time}  buy ${r.buyVolume.toFixed(5)}  sell ${r.sellVolume.toFixed(5)}  trades ${r.trades}\n`);
    });

  tracker
    .command('book')
    .description('the order book as it stood at TIME, rebuilt from the recorded snapshot and diffs')
    .argument('<pair>', 'pair, e.g. BTC/USDT')
    .requiredOption('--at <time>', 'ISO time or epoch ms (receive time of the recorded feed)')
    .option('--depth <n>', 'levels per side', '20')
    .option('--source <source>', 'replay (bundled Binance feed)', 'replay')
    .option('--json', 'JSON output')
    .action(async (pairArg: string, opts: SourceOpts & { at: string; depth: string; json?: boolean }) => {
      const pair = parsePair(pairArg);
      let at: number;
      try {
        at = parseSince(opts.at, '--at');
      } catch {
        throw new InputError(`--at "${opts.at}" is not a time (ISO or epoch ms)`, 'at');
      }
      const depth = intOption('--depth', opts.depth, 1, 5000);
      const t = await replayTracker(pair, { ...opts, until: at });
      const v = t.bookView(pair, depth);
      if (!v || t.counts.marketEvents === 0) throw new NotFoundError(`no recorded ${pair} data at or before ${new Date(at).toISOString()}`, 'at');
      if (v.state !== 'synced') throw new UnavailableError('book', `the ${pair} book was ${v.state} at ${new Date(at).toISOString()} (no snapshot joined yet): not served`);
      const out = { time: new Date(v.time).toISOString(), lastUpdateId: v.lastUpdateId, bids: v.bids, asks: v.asks };
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      process.stdout.write(`${pair} book at ${out.time} (last update id ${v.lastUpdateId})\n`);
      for (let i = 0; i < depth; i++) {
        const b = v.bids[i];
        const a = v.asks[i];
        process.stdout.write(`  ${b ? `${b[1].toFixed(5).padStart(14)} @ ${String(b[0]).padEnd(12)}` : ' '.repeat(29)}  |  ${a ? `${String(a[0]).padEnd(12)} x ${a[1].toFixed(5)}` : ''}\n`);
      }
    });
}
