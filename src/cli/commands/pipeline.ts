import type { Command } from 'commander';
import { InputError, NotFoundError } from '../../errors.js';
import type { Store } from '../../infra/store/types.js';
import type { MarketSource } from '../../sources/market/types.js';
import { parseTimeframe } from '../../core/timeframes.js';
import { parsePair } from '../../core/types.js';
import { parseSeriesList } from '../../services/pipeline/service.js';
import { startWorker } from '../../services/pipeline/dispatch.js';
import { storedSignalToWire } from '../../api/wire/signal.js';
import { cliConfig, intOption } from '../context.js';
import { queuePrefix, redisNamespace } from '../../config/redis-namespace.js';
import { installProcessGuard } from '../../app/process-guard.js';
import { openServices, withServices } from '../services.js';
import { iso, table } from '../format.js';
import { parseSince } from './candles.js';

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export function registerPipeline(program: Command): void {
  const p = program.command('pipeline').description('the signal pipeline (SPEC C): ingest, analyse every closed candle, store');
  p.command('run')
    .description('run the pipeline: --replay over the recorded history as fast as possible, else live')
    .option('--replay', 'replay the source history through a moving clock (default when the source is replay)')
    .option('--source <source>', 'replay or a CCXT exchange id')
    .option('--symbols <list>', 'comma-separated pairs (default: config pipeline.symbols)')
    .option('--timeframes <list>', 'comma-separated timeframes (default: config pipeline.timeframes)')
    .option('--since <date>', 'replay: first day of history (default: config pipeline.replaySince)')
    .option('--queue', 'process through the Redis queue (BullMQ); run `sextant pipeline worker` processes')
    .action(async (opts: { replay?: boolean; source?: string; symbols?: string; timeframes?: string; since?: string; queue?: boolean }) => {
      const config = await cliConfig();
      const series = parseSeriesList(
        (opts.symbols ? list(opts.symbols) : config.pipeline.symbols).map((s) => parsePair(s)),
        (opts.timeframes ? list(opts.timeframes) : config.pipeline.timeframes).map(parseTimeframe),
      );
      const since = parseSince(opts.since ?? config.pipeline.replaySince);
      await withServices({
        source: opts.source,
        // Unset replay: wire() replays when the source is the recorded one.
        pipeline: { series, since, ...(opts.replay ? { replay: true } : {}), ...(opts.queue ? { useQueue: true } : {}), log: (m) => process.stderr.write(`pipeline: ${m}\n`) },
      }, async ({ pipeline, store }) => {
        const service = pipeline!;
        const replay = service.opts.replay ?? false;
        const stop = () => service.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        if (replay) {
          const r = await service.runReplay();
          process.stdout.write(`replayed ${series.length} series into ${store.kind}: ${r.ingested} candles ingested, ${r.dispatched} closed candles dispatched, ${r.processed} processed, ${r.skipped} already done, ${r.signals} signals, ${r.failed.length} failures\n`);
          for (const f of r.failed.slice(0, 10)) process.stdout.write(`  failed ${f.symbol} ${f.timeframe}: ${f.error}\n`);
        } else {
          await service.runLive((r) => process.stdout.write(`${new Date().toISOString()} ingested ${r.ingested}, processed ${r.processed}, signals ${r.signals}, failed ${r.failed.length}\n`));
        }
      });
    });
  p.command('worker')
    .description('process queued candles (BullMQ on REDIS_URL) against the configured store')
    .option('--concurrency <n>', 'jobs at once', '4')
    .action(async (opts: { concurrency: string }) => {
      const config = await cliConfig();
      if (!config.redisUrl) throw new InputError('the worker needs Redis: set REDIS_URL (or redisUrl in the config)', 'redisUrl');
      const concurrency = intOption('--concurrency', opts.concurrency, 1, 64);
      // A long-running worker outlives one job's stray rejection: logged and counted, not fatal.
      installProcessGuard();
      // The worker reads candles from the queue, not from a source: the bundled one costs nothing to hold.
      const services = await openServices({ source: 'replay' });
      await services.start();
      const { store, signalBus: bus } = services;
      // The same namespace as the processes that queue the jobs (derived from the shared database).
      const worker = startWorker(config.redisUrl, store, { window: config.pipeline.window, bus, queueName: config.pipeline.queueName, queuePrefix: queuePrefix(redisNamespace(config)), concurrency });
      process.stdout.write(`worker ${process.pid} processing the candle queue into ${store.kind}\n`);
      const stop = async () => {
        await worker.close();
        await services.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });

  const s = program.command('signals').description('signals stored by the pipeline');
  s.command('list')
    .option('--symbol <pair>', 'only this pair')
    .option('--direction <dir>', 'long, short or neutral')
    .option('--source <source>', 'source the signals came from (default: config source)')
    .option('--limit <n>', 'newest N', '20')
    .option('--json', 'JSON output')
    .action(async (opts: { symbol?: string; direction?: string; source?: string; limit: string; json?: boolean }) => {
      const config = await cliConfig();
      if (opts.direction && !['long', 'short', 'neutral'].includes(opts.direction)) throw new InputError(`--direction must be long, short or neutral, got "${opts.direction}"`, 'direction');
      const symbol = opts.symbol ? parsePair(opts.symbol) : undefined;
      await withServices({ source: 'replay' }, async ({ store, source }) => {
        if (symbol) await assertKnownPair(symbol, store, source);
        const rows = await store.querySignals({
          source: opts.source ?? config.source,
          ...(symbol ? { symbol } : {}),
          ...(opts.direction ? { direction: opts.direction as 'long' | 'short' | 'neutral' } : {}),
          limit: intOption('--limit', opts.limit, 1, 100_000),
        });
        const wire = rows.map(storedSignalToWire);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(wire)}\n`);
          return;
        }
        process.stdout.write(`${table(['time', 'pair', 'tf', 'dir', 'score', 'price', 'entry1', 'sl', 'tp1', 'rr', 'confluence', 'confidence'], wire.map((w) => [
          iso(w.timestamp), w.pair, w.timeframe, w.direction, w.market_score, w.price, w.entry1 ?? '-', w.sl ?? '-', w.tp1 ?? '-', w.risk_reward_ratio ?? '-', w.confluence || '-',
          w.confidence_score === null ? `n=${w.confidence_sample}` : `${w.confidence_score.toFixed(0)}% of ${w.confidence_sample}`,
        ]))}\n`);
      });
    });
}

/**
 * A pair nobody has heard of is a typo (BTC/USTD), not a pair without signals yet: it is
 * known when signals or candles of it are stored, or the bundled data has it. Checked
 * without the network, so an offline `signals list` never waits on an exchange.
 */
async function assertKnownPair(symbol: string, store: Store, bundled: MarketSource): Promise<void> {
  if ((await store.querySignals({ symbol, limit: 1 })).length) return;
  const stored = await store.listSeries();
  if (stored.some((s) => s.symbol === symbol)) return;
  const markets = await bundled.markets();
  if (markets.some((m) => m.symbol === symbol)) return;
  const withSignals = [...new Set((await store.latestSignals()).map((s) => s.symbol))].slice(0, 8);
  const hint = withSignals.length ? `signals are stored for ${withSignals.join(', ')}` : 'no signals are stored yet (run `sextant pipeline run`)';
  throw new NotFoundError(`unknown pair ${symbol}: no signals, stored candles or bundled data for it; ${hint}`, 'symbol');
}
