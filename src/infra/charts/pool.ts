import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { UnavailableError } from '../../errors.js';
import type { CandleChartInput } from './types.js';

export interface ChartPoolOptions {
  /** Rendering threads; default: the cores less one (the event loop's), at least 1, at most 4; 0: no pool. */
  threads?: number;
  /** Charts waiting for a thread; one more is refused with 503 (busy) rather than queued without end. */
  maxQueue?: number;
}

let pool: Piscina | undefined;
let maxQueue = 256;

/** Built code runs the .js worker; from TypeScript sources a small bootstrap registers tsx first. */
function workerFile(): string {
  const ts = import.meta.url.endsWith('.ts');
  return new URL(ts ? './render-worker-tsx.mjs' : './render-worker.js', import.meta.url).href;
}

/**
 * Sends chart rendering to worker threads from now on (the HTTP server does this at start);
 * until then, and in CLI commands, charts render on the calling thread.
 */
export function startChartPool(opts: ChartPoolOptions = {}): void {
  if (pool || opts.threads === 0) return;
  maxQueue = opts.maxQueue ?? 256;
  const threads = opts.threads ?? Math.min(4, Math.max(1, availableParallelism() - 1));
  pool = new Piscina({ filename: workerFile(), minThreads: 1, maxThreads: threads, maxQueue, idleTimeout: 60_000 });
}

export function chartPoolRunning(): boolean {
  return pool !== undefined;
}

/** Threads, charts waiting and completed, for /health. */
export function chartPoolStats(): { threads: number; queued: number; maxQueue: number; completed: number } | undefined {
  if (!pool) return undefined;
  return { threads: pool.threads.length, queued: pool.queueSize, maxQueue, completed: pool.completed };
}

/** The PNG rendered on a pool thread; 503 with Retry-After when the queue is full. */
export async function renderOnPool(input: CandleChartInput): Promise<Buffer> {
  const p = pool;
  if (!p) throw new Error('chart pool not started');
  if (p.queueSize >= maxQueue) throw busy();
  let png: Uint8Array;
  try {
    png = (await p.run(input)) as Uint8Array;
  } catch (e) {
    if (/queue is at limit/i.test((e as Error).message)) throw busy();
    throw e;
  }
  return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
}

function busy(): UnavailableError {
  return new UnavailableError('charts', `chart rendering is busy (${maxQueue} charts waiting): try again shortly`, { retryAfterS: 2 });
}

export async function stopChartPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}
