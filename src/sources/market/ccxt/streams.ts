import type { OrderBook, Trade } from '../types.js';
import { sleep } from './retry.js';

/**
 * Resolves with the promise's value, or with `undefined` once the signal aborts, so a
 * consumer that stops listening is not stuck on a websocket that never speaks again.
 */
export function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) {
    p.catch(() => undefined);
    return Promise.resolve(undefined);
  }
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) resolve(undefined);
        else reject(e);
      },
    );
  });
}

/** Remembers the ids of recent trades so overlapping polls or replays never yield one twice. */
export class SeenTrades {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 10_000) {}

  fresh(trades: readonly Trade[]): Trade[] {
    const out: Trade[] = [];
    for (const t of trades) {
      if (this.ids.has(t.id)) continue;
      this.ids.add(t.id);
      out.push(t);
    }
    // Sets iterate in insertion order, so the oldest ids go first.
    for (const id of this.ids) {
      if (this.ids.size <= this.capacity) break;
      this.ids.delete(id);
    }
    return out;
  }
}

/**
 * Repeats `next` until aborted. `next` is expected to retry internally; whatever it
 * finally throws ends the stream, because the consumer must learn that the feed died.
 */
export async function* pump<T>(next: () => Promise<T[] | undefined>, signal: AbortSignal, pauseMs = 0): AsyncGenerator<T> {
  while (!signal.aborted) {
    let batch: T[] | undefined;
    try {
      batch = await next();
    } catch (err) {
      if (signal.aborted) return;
      throw err;
    }
    if (batch === undefined) return;
    for (const item of batch) {
      if (signal.aborted) return;
      yield item;
    }
    if (pauseMs > 0) {
      try {
        await sleep(pauseMs, signal);
      } catch {
        return;
      }
    }
  }
}

export type BookBatch = OrderBook[];
