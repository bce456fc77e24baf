import { parentPort, workerData } from 'node:worker_threads';
import type { Candles } from '../../core/series.js';
import type { SeriesKey } from '../../infra/store/types.js';
import { computeStructure, type PrefixWalks, seriesId, type StepOptions } from './step.js';
import { toEncodedCandleResult } from './persist.js';
import { POOL_BATCH, type PoolReply, type PoolRequest, type RunRequest } from './compute-pool.js';

/**
 * A compute thread of the pool: holds the history of the series it was sent and answers
 * one candle at a time. Snapshots travel back as JSON text, encoded here, so the main
 * thread neither copies the objects back nor stringifies them.
 */
const opts = workerData as StepOptions;
const history = new Map<string, Candles>();
const walks: PrefixWalks = new Map();
const port = parentPort!;

/** Replies not sent yet: they leave POOL_BATCH at a time, or when this thread's queue of messages is drained. */
let replies: PoolReply[] = [];
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  if (!replies.length) return;
  const batch = replies;
  replies = [];
  port.postMessage(batch);
}

function run(r: RunRequest): PoolReply {
  try {
    const h = history.get(seriesId(r.key));
    if (!h) throw new Error(`no history loaded for ${seriesId(r.key)}`);
    const key: SeriesKey = { source: r.key.source, symbol: r.key.symbol, timeframe: r.key.timeframe };
    return { seq: r.seq, result: toEncodedCandleResult(key, computeStructure(r.key, h, r.time, opts, walks)) };
  } catch (e) {
    return { seq: r.seq, error: (e as Error).message };
  }
}

port.on('message', (m: PoolRequest) => {
  if (m.type === 'load') {
    history.set(seriesId(m.key), m.candles);
    return;
  }
  if (m.type === 'forget') {
    history.delete(seriesId(m.key));
    walks.delete(seriesId(m.key));
    return;
  }
  for (const r of m.runs) {
    replies.push(run(r));
    if (replies.length >= POOL_BATCH) flush();
  }
  if (replies.length && !flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
});
