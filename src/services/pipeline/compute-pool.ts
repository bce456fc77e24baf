import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../threads.js';
import type { Candles } from '../../core/series.js';
import type { CandleResult, SeriesKey, StoredSignal } from '../../infra/store/types.js';
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

/** Numbers per reply in PoolReplies.meta. */
export const REPLY_FIELDS = 6;

/**
 * Replies travel as numbers, signals and the UTF-8 bytes of their snapshots in one
 * transferred buffer: no copy of ~47 MB of text per replay through the message, and no
 * strings of it in this thread's heap (the store writes the bytes as text). A reply's
 * series is the one its run named (this thread keeps it), so it is not sent back.
 */
export interface PoolReplies {
  /**
   * REPLY_FIELDS numbers per reply: its run's seq, the candle's time, where its snapshot
   * JSON starts in `bytes` (-1: the run failed, see `errors`), and where its swings, S/R
   * levels and Fibonacci levels end.
   */
  meta: Float64Array;
  /** Per reply, in order: its signal or null. */
  signals: (StoredSignal | null)[];
  /** The message of each failed run, by seq. */
  errors: Record<number, string>;
  bytes: ArrayBuffer;
}

/**
 * Runs (and replies) travel in batches of up to this many: a message has a fixed cost on
 * both threads (serializing, waking the other thread), paid once per batch instead of per
 * candle. A batch not full yet leaves at the next turn of its thread's event loop, so a
 * small batch does not wait for more. 64 rather than 16: a replay's compute thread spent
 * ~2.5x less time in postMessage (profiled).
 */
export const POOL_BATCH = 64;

interface Pending {
  key: SeriesKey;
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
      w.on('message', (m: PoolReplies) => this.receive(m));
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
      this.pending.set(seq, { key, resolve, reject });
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

  private receive({ meta, signals, errors, bytes }: PoolReplies): void {
    for (let i = 0, j = 0; i < meta.length; i += REPLY_FIELDS, j++) {
      const seq = meta[i]!;
      const p = this.pending.get(seq);
      if (!p) continue;
      this.pending.delete(seq);
      if (this.pending.size === 0) for (const x of this.workers) x.unref();
      const at = meta[i + 2]!;
      if (at < 0) {
        p.reject(new Error(errors[seq]));
        continue;
      }
      const swings = meta[i + 3]!;
      const sr = meta[i + 4]!;
      p.resolve({
        key: p.key,
        time: meta[i + 1]!,
        snapshots: {},
        signal: signals[j] ?? null,
        snapshotUtf8: {
          swings: new Uint8Array(bytes, at, swings - at),
          sr_levels: new Uint8Array(bytes, swings, sr - swings),
          fib_levels: new Uint8Array(bytes, sr, meta[i + 5]! - sr),
        },
      });
    }
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
