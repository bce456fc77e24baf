import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../threads.js';
import type { Candles } from '../../core/series.js';
import type { CandleResult, SeriesKey } from '../../infra/store/types.js';
import type { StepOptions } from './step.js';

export interface RunRequest {
  seq: number;
  key: SeriesKey;
  time: number;
}

export type PoolRequest =
  | { type: 'load'; key: SeriesKey; candles: Candles }
  | { type: 'forget'; key: SeriesKey }
  | { type: 'run'; runs: RunRequest[] };

/**
 * A result whose snapshot JSON is in its batch's `bytes`: the swings from `at` to `ends[0]`,
 * the S/R levels to `ends[1]`, the Fibonacci levels to `ends[2]`.
 */
export type PoolReply = { seq: number; result: CandleResult; at: number; ends: [number, number, number] } | { seq: number; error: string };

/**
 * Replies travel with the UTF-8 bytes of their snapshots in one transferred buffer: no copy
 * of ~47 MB of text per replay through the message, and no strings of it in this thread's
 * heap (the store writes the bytes as text).
 */
export interface PoolReplies {
  replies: PoolReply[];
  bytes: ArrayBuffer;
}

/**
 * Runs (and replies) travel in batches of up to this many: a message has a fixed cost on
 * both threads (a few microseconds each way), paid once per batch instead of per candle.
 * A batch not full yet leaves at the next turn of its thread's event loop.
 */
export const POOL_BATCH = 16;

interface Pending {
  resolve: (r: CandleResult) => void;
  reject: (e: Error) => void;
}

function spawn(workerData: StepOptions): Worker {
  return spawnWorker(import.meta.url, 'compute-worker', workerData);
}

/**
 * Worker threads running the signal step, so a replay uses every core while the main
 * thread writes. The step is pure, so a result does not depend on the thread that
 * computed it. Idle threads do not keep the process alive.
 */
export class ComputePool {
  private readonly workers: Worker[] = [];
  /** Runs not sent yet, per thread. */
  private readonly queued: RunRequest[][] = [];
  private flushScheduled = false;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private next = 0;
  private failure: Error | undefined;

  constructor(size: number, opts: StepOptions) {
    for (let i = 0; i < size; i++) {
      const w = spawn(opts);
      w.on('message', ({ replies, bytes }: PoolReplies) => {
        for (const m of replies) {
          if ('result' in m) {
            const [swings, sr, fib] = m.ends;
            m.result.snapshotUtf8 = {
              swings: new Uint8Array(bytes, m.at, swings - m.at),
              sr_levels: new Uint8Array(bytes, swings, sr - swings),
              fib_levels: new Uint8Array(bytes, sr, fib - sr),
            };
          }
          this.settle(m);
        }
      });
      w.on('error', (e: Error) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`compute thread exited with code ${code}`));
      });
      w.unref();
      this.workers.push(w);
      this.queued.push([]);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sends a series' history to every thread (once per batch, not per candle). */
  load(key: SeriesKey, candles: Candles): void {
    for (const w of this.workers) w.postMessage({ type: 'load', key, candles } satisfies PoolRequest);
  }

  forget(key: SeriesKey): void {
    for (const w of this.workers) w.postMessage({ type: 'forget', key } satisfies PoolRequest);
  }

  run(key: SeriesKey, time: number): Promise<CandleResult> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = ++this.seq;
    const k = this.next++ % this.workers.length;
    if (this.pending.size === 0) for (const x of this.workers) x.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      const q = this.queued[k]!;
      q.push({ seq, key, time });
      if (q.length >= POOL_BATCH) this.send(k);
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private send(k: number): void {
    const runs = this.queued[k]!;
    if (!runs.length) return;
    this.queued[k] = [];
    this.workers[k]!.postMessage({ type: 'run', runs } satisfies PoolRequest);
  }

  private flush(): void {
    this.flushScheduled = false;
    for (let k = 0; k < this.workers.length; k++) this.send(k);
  }

  private settle(m: PoolReply): void {
    const p = this.pending.get(m.seq);
    if (!p) return;
    this.pending.delete(m.seq);
    if (this.pending.size === 0) for (const x of this.workers) x.unref();
    if ('error' in m) p.reject(new Error(m.error));
    else p.resolve(m.result);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.failure ??= new Error('compute pool closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
