import type { Pair } from '../../core/types.js';
import type { Config } from '../../config/schema.js';
import { candleCount } from '../../core/series.js';
import { type Timeframe, timeframeMs } from '../../core/timeframes.js';
import type { MarketSource } from '../../sources/market/types.js';
import type { Store } from '../../infra/store/types.js';
import { type Clock, LiveClock, SimulatedClock } from '../../kernel/clock.js';
import { LocalSignalBus, RedisSignalBus, type SignalBus } from './bus.js';
import { ClockedSource } from './clocked-source.js';
import { candleQueue, InProcessDispatcher, QueueDispatcher, type Dispatcher } from './dispatch.js';
import { SignalPipeline, type PipelineSeries, type TickReport } from './pipeline.js';

export interface PipelineServiceOptions {
  source: MarketSource;
  store: Store;
  series: PipelineSeries[];
  /** Replay the source's recorded history through a moving clock instead of following live time. */
  replay?: boolean;
  /** Replay: start of the history to replay (epoch ms). */
  since?: number;
  /** Use the Redis queue (BullMQ) for processing; workers must run (`sextant pipeline worker`). */
  redisUrl?: string;
  useQueue?: boolean;
  queueName?: string;
  /** BullMQ's key prefix: the deployment's Redis namespace (config/redis-namespace.ts). */
  queuePrefix?: string;
  /** Live: a series whose fetch takes longer is reported failed for the tick; the others go on. */
  seriesDeadlineMs?: number;
  window?: number;
  /** Live: candles of history fetched on first contact. */
  warmupCandles?: number;
  pollMs?: number;
  /**
   * The pipeline's only notion of time. Default: a LiveClock live, a SimulatedClock in
   * replay (which `runReplay` advances). A replay needs a SimulatedClock.
   */
  clock?: Clock;
  /** In-process: hand the host event loop back after this much busy time (ms). */
  yieldEveryMs?: number;
  /** In-process: compute threads for large batches (0 = none); default the cores less one, at least one. */
  threads?: number;
  bus?: SignalBus;
  log?: (msg: string) => void;
}

export const DEFAULT_WINDOW = 500;

export class PipelineService {
  readonly pipeline: SignalPipeline;
  readonly dispatcher: Dispatcher;
  readonly bus: SignalBus;
  readonly clock: Clock;
  private readonly clocked?: ClockedSource;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(readonly opts: PipelineServiceOptions) {
    const window = opts.window ?? DEFAULT_WINDOW;
    this.bus = opts.bus ?? (opts.redisUrl ? new RedisSignalBus(opts.redisUrl) : new LocalSignalBus());
    this.dispatcher = opts.useQueue
      ? new QueueDispatcher(candleQueue(requireUrl(opts.redisUrl), opts.queueName, opts.queuePrefix))
      : new InProcessDispatcher(opts.store, {
        window,
        bus: this.bus,
        ...(opts.yieldEveryMs !== undefined ? { yieldEveryMs: opts.yieldEveryMs } : {}),
        ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
      });
    this.clock = opts.clock ?? (opts.replay ? new SimulatedClock() : new LiveClock());
    if (opts.replay) {
      if (!(this.clock instanceof SimulatedClock)) throw new Error('a replay needs a SimulatedClock: only the replay may move its time');
      this.clocked = new ClockedSource(opts.source, this.clock, opts.since);
    }
    this.pipeline = new SignalPipeline({
      feed: this.clocked ?? opts.source,
      store: opts.store,
      dispatcher: this.dispatcher,
      series: opts.series,
      window,
      warmupCandles: opts.replay ? Infinity : (opts.warmupCandles ?? window),
      // A replay reads local files: a deadline there would only make a busy machine lose candles.
      ...(!opts.replay && opts.seriesDeadlineMs ? { seriesDeadlineMs: opts.seriesDeadlineMs } : {}),
      onError: (s, e) => opts.log?.(`${s.symbol} ${s.timeframe}: ${e.message}`),
    });
  }

  /**
   * Replays the recorded history as fast as possible: the clock advances `step` candles
   * of the finest timeframe per tick and every tick runs the live code path. Results do not
   * depend on the step (no look-ahead at any tick size); each tick costs a read of every
   * series and a pause of the compute threads while it is taken, so the default is coarse
   * (the bundled daily history since 2022 is one tick: 250 gave four, ~10 % more CPU).
   */
  async runReplay(step = 1000): Promise<TickReport> {
    const clock = this.clock;
    if (!this.clocked || !(clock instanceof SimulatedClock)) throw new Error('runReplay needs replay: true');
    // The compute threads start (load their modules) while this thread reads the history.
    this.dispatcher.prepare?.();
    const finest = Math.min(...this.opts.series.map((s) => timeframeMs(s.timeframe)));
    let start = Infinity;
    let end = -Infinity;
    for (const s of this.opts.series) {
      const all = await this.opts.source.candles(s.symbol, s.timeframe, this.opts.since !== undefined ? { since: this.opts.since } : {});
      const n = candleCount(all);
      if (!n) continue;
      start = Math.min(start, all.time[0]! + timeframeMs(s.timeframe));
      end = Math.max(end, all.time[n - 1]! + timeframeMs(s.timeframe));
    }
    const total: TickReport = { ingested: 0, dispatched: 0, processed: 0, skipped: 0, signals: 0, failed: [] };
    if (!Number.isFinite(start)) return total;
    for (let now = start; !this.stopped; now = Math.min(end, now + step * finest)) {
      clock.advanceTo(now);
      add(total, await this.pipeline.tick(clock.now()));
      if (clock.now() >= end) break;
    }
    await this.dispatcher.drain();
    return total;
  }

  /** Follows live time: a tick per poll interval until stop(). */
  async runLive(onTick?: (r: TickReport) => void): Promise<void> {
    const poll = this.opts.pollMs ?? 15_000;
    while (!this.stopped) {
      const r = await this.pipeline.tick(this.clock.now());
      onTick?.(r);
      await this.clock.sleep(poll, this.abort.signal);
    }
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  async close(): Promise<void> {
    this.stop();
    await this.dispatcher.close();
    await this.bus.close();
  }
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new Error('the job queue needs Redis: set REDIS_URL (or redisUrl in the config)');
  return url;
}

function add(a: TickReport, b: TickReport): void {
  a.ingested += b.ingested;
  a.dispatched += b.dispatched;
  a.processed += b.processed;
  a.skipped += b.skipped;
  a.signals += b.signals;
  a.failed.push(...b.failed);
}

export function parseSeriesList(symbols: Pair[], timeframes: Timeframe[]): PipelineSeries[] {
  return symbols.flatMap((symbol) => timeframes.map((timeframe) => ({ symbol, timeframe })));
}

export type { Config };
