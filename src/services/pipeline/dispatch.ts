import { availableParallelism } from 'node:os';
import type { Candles } from '../../core/series.js';
import type { MarketEvent } from '../../core/types.js';
import { EventLoop } from '../../kernel/loop.js';
import { SimulatedClock } from '../../kernel/clock.js';
import type { CandleResult, SeriesKey, Store } from '../../infra/store/types.js';
import { BullMqQueue, consumeBullMq, type JobConsumer, type JobQueue } from '../../infra/queue/index.js';
import type { SignalBus } from './bus.js';
import { processCandle, type ProcessOptions } from './process.js';
import { assertClosed, RESULT_TOPIC, SignalStep, type StepOptions } from './step.js';
import { ComputePool } from './compute-pool.js';
import { ResultWriter } from './writer.js';

export interface CandleJob extends SeriesKey {
  time: number;
}

export type CandleEvent = Extract<MarketEvent, { type: 'candle' }>;

/** Closed, not yet dispatched candles of one series, with the stored history their windows need. */
export interface ClosedCandles {
  key: SeriesKey;
  /** In time order; `at` = close time. */
  events: CandleEvent[];
  /** Stored candles reaching `window` candles before the first event (the in-process path reads windows from here). */
  history: Candles;
}

export interface DispatchReport {
  processed: number;
  skipped: number;
  signals: number;
}

/** Where closed candles go to be processed: this process, or a Redis queue shared by workers. */
export interface Dispatcher {
  readonly kind: 'inprocess' | 'bullmq';
  dispatch(batches: ClosedCandles[]): Promise<DispatchReport>;
  /** Large batches are coming (a replay): start what computes them now, so it gets ready while the caller reads its candles. */
  prepare?(): void;
  /** Resolves when everything dispatched so far is done. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export interface InProcessOptions extends StepOptions {
  bus?: SignalBus;
  /** Hand the host event loop back after this much busy time, so a server in the process keeps answering. */
  yieldEveryMs?: number;
  /** Results per store transaction. */
  batchSize?: number;
  /**
   * Compute threads for large batches (a replay, a backfill); 0 computes on this thread.
   * Default: the cores less one, at least one. This thread (the store's writes) and V8's
   * background compilers and GC need a core too, and every extra thread compiles the same
   * hot code again: on 2 cores one compute thread replays the bundled history with ~0.5 s
   * less CPU than two, and was not slower in alternated runs (README, pipeline replay).
   */
  threads?: number;
}

/** Below this many candles a batch is computed inline: a live tick must not wait for threads to start. */
const POOL_MIN_BATCH = 64;
/**
 * Candles queued ahead per thread, so threads keep computing while this thread commits a
 * batch. A commit of 250 results takes 10-110 ms (the longer ones checkpoint the WAL), and
 * one compute thread does ~8 candles/ms: 256 ahead let it run dry during those commits
 * (a replay's compute thread waited 311-478 ms for runs; 2048 ahead: 30-181 ms). Results
 * waiting hold ~7 kB of snapshot bytes each.
 */
const AHEAD_PER_THREAD = 2048;

/**
 * Runs the signal step in this process on the kernel: the closed candles of every series
 * are merged by close time and delivered with a simulated clock standing at each close,
 * results go to a batching writer. One read of processed marks per series and one
 * transaction per batch replace the per-candle round trips. Large batches are computed
 * on worker threads, results taken back in delivery order.
 */
export class InProcessDispatcher implements Dispatcher {
  readonly kind = 'inprocess';
  private readonly step: SignalStep;
  private readonly writer: ResultWriter;
  private pool: ComputePool | undefined;

  constructor(private readonly store: Store, private readonly opts: InProcessOptions) {
    this.step = new SignalStep(opts);
    this.writer = new ResultWriter(store, opts.bus, opts.batchSize);
  }

  async dispatch(batches: ClosedCandles[]): Promise<DispatchReport> {
    const loop = new EventLoop(new SimulatedClock());
    let skipped = 0;
    let total = 0;
    const work: ClosedCandles[] = [];
    for (const b of batches) {
      if (!b.events.length) continue;
      const first = b.events[0]!.candle.time;
      const last = b.events[b.events.length - 1]!.candle.time;
      const done = new Set(await this.store.processedTimes(b.key.source, b.key.symbol, b.key.timeframe, { since: first, until: last }));
      const todo = done.size ? b.events.filter((e) => !done.has(e.candle.time)) : b.events;
      skipped += b.events.length - todo.length;
      total += todo.length;
      work.push({ ...b, events: todo });
      loop.addFeed(`${b.key.symbol} ${b.key.timeframe}`, todo);
    }
    const pool = total >= POOL_MIN_BATCH ? this.poolFor() : undefined;
    let processed = 0;
    const take = (r: CandleResult) => {
      processed++;
      this.writer.push(r);
    };
    const ahead: Promise<CandleResult>[] = [];
    if (pool) {
      for (const b of work) pool.load(b.key, b.history);
      const next = async () => take(await ahead.shift()!);
      loop.subscribe('signal-step', (ev) => {
        if (ev.type !== 'candle') return;
        assertClosed(ev, loop.clock.now());
        const p = pool.run({ source: ev.source, symbol: ev.candle.symbol, timeframe: ev.candle.timeframe }, ev.candle.time);
        // Awaited in order below; marked handled now so a failure waiting in the queue is not "unhandled".
        p.catch(() => undefined);
        ahead.push(p);
        if (ahead.length >= pool.size * AHEAD_PER_THREAD) return next();
      }, ['candle']);
    } else {
      for (const b of work) this.step.load(b.key, b.history);
      loop.addDetector(this.step);
      loop.onOutput(RESULT_TOPIC, (out) => take(out.payload as CandleResult));
    }
    const signalsBefore = this.writer.signals;
    try {
      await loop.run(this.opts.yieldEveryMs !== undefined ? { yieldEveryMs: this.opts.yieldEveryMs } : {});
      while (ahead.length) take(await ahead.shift()!);
    } catch (err) {
      // What was computed before the failure is correct: commit it rather than redo it.
      await this.writer.flush().catch(() => undefined);
      throw err;
    } finally {
      for (const b of work) {
        this.step.forget(b.key);
        pool?.forget(b.key);
      }
    }
    await this.writer.flush();
    return { processed, skipped, signals: this.writer.signals - signalsBefore };
  }

  prepare(): void {
    this.poolFor();
  }

  private poolFor(): ComputePool | undefined {
    const threads = this.opts.threads ?? Math.max(1, availableParallelism() - 1);
    if (threads <= 0) return undefined;
    this.pool ??= new ComputePool(threads, { window: this.opts.window, ...(this.opts.structure ? { structure: this.opts.structure } : {}) });
    return this.pool;
  }

  async drain(): Promise<void> {}
  async close(): Promise<void> {
    await this.writer.flush();
    await this.pool?.close();
    this.pool = undefined;
  }
}

export const QUEUE_NAME = 'sextant-candles';

/** BullMQ ids may not contain ':'; one id per candle makes re-enqueueing a no-op. */
export const jobId = (j: CandleJob) => `${j.source}|${j.symbol}|${j.timeframe}|${j.time}`;

/** Candles go to a shared queue; worker processes (`startWorker`) compute them against the shared store. */
export class QueueDispatcher implements Dispatcher {
  readonly kind = 'bullmq';

  constructor(private readonly queue: JobQueue<CandleJob>) {}

  async dispatch(batches: ClosedCandles[]): Promise<DispatchReport> {
    const jobs = batches.flatMap((b) => b.events.map((e) => ({ ...b.key, time: e.candle.time })));
    await this.queue.add(jobs.map((data) => ({ id: jobId(data), data })));
    return { processed: 0, skipped: 0, signals: 0 };
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }

  failed(): Promise<number> {
    return this.queue.failed();
  }

  obliterate(): Promise<void> {
    return this.queue.obliterate();
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** The candle queue on Redis (BullMQ). */
export function candleQueue(redisUrl: string, queueName: string = QUEUE_NAME, prefix?: string): JobQueue<CandleJob> {
  return new BullMqQueue<CandleJob>({ redisUrl, name: queueName, ...(prefix ? { prefix } : {}) });
}

/** A worker process's side of the queue: processes candle jobs against the shared store. */
export function startWorker(redisUrl: string, store: Store, opts: ProcessOptions & { concurrency?: number; queueName?: string; queuePrefix?: string }): JobConsumer {
  return consumeBullMq<CandleJob>(
    { redisUrl, name: opts.queueName ?? QUEUE_NAME, ...(opts.queuePrefix ? { prefix: opts.queuePrefix } : {}) },
    async (job) => (await processCandle(store, job, job.time, opts)).outcome,
    opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {},
  );
}
