import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../threads.js';
import type { Candles } from '../../core/series.js';
import type { CandleResult, SeriesKey } from '../../infra/store/types.js';
import type { StepOptions } from './step.js';

export type PoolRequest =
  | { type: 'load'; key: SeriesKey; candles: Candles }
  | { type: 'forget'; key: SeriesKey }
  | { type: 'run'; seq: number; key: SeriesKey; time: number };

export type PoolReply = { seq: number; result: CandleResult } | { seq: number; error: string };

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
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private next = 0;
  private failure: Error | undefined;

  constructor(size: number, opts: StepOptions) {
    for (let i = 0; i < size; i++) {
      const w = spawn(opts);
      w.on('message', (m: PoolReply) => this.settle(m));
      w.on('error', (e: Error) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`compute thread exited with code ${code}`));
      });
      w.unref();
      this.workers.push(w);
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
    const w = this.workers[this.next++ % this.workers.length]!;
    if (this.pending.size === 0) for (const x of this.workers) x.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      w.postMessage({ type: 'run', seq, key, time } satisfies PoolRequest);
    });
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
