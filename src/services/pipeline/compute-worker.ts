import { parentPort, workerData } from 'node:worker_threads';
import type { Candles } from '../../core/series.js';
import type { SeriesKey } from '../../infra/store/types.js';
import { computeStructure, type PrefixWalks, seriesId, type StepOptions } from './step.js';
import { toEncodedCandleResult } from './persist.js';
import { POOL_BATCH, type PoolReplies, type PoolReply, type PoolRequest, type RunRequest } from './compute-pool.js';

/**
 * A compute thread of the pool: holds the history of the series it was sent and answers
 * one candle at a time. Snapshots travel back as the UTF-8 bytes of their JSON text,
 * encoded here into one buffer per batch of replies and transferred with it, so the main
 * thread neither copies the objects back nor stringifies them, nor holds the text as strings.
 */
const opts = workerData as StepOptions;
const history = new Map<string, Candles>();
const walks: PrefixWalks = new Map();
const port = parentPort!;

/** Replies not sent yet: they leave POOL_BATCH at a time, or when this thread's queue of messages is drained. */
let replies: PoolReply[] = [];
let flushScheduled = false;
/** The snapshot bytes of `replies` (its own ArrayBuffer, not Buffer's pool: it is transferred). */
let bytes = Buffer.allocUnsafeSlow(1 << 18);
let used = 0;

/** Appends `text` as UTF-8; returns where it ends. */
function put(text: string): number {
  // A UTF-16 unit is at most 3 bytes of UTF-8: room for that, so write() never truncates.
  const room = used + text.length * 3;
  if (room > bytes.length) {
    const grown = Buffer.allocUnsafeSlow(Math.max(room, bytes.length * 2));
    bytes.copy(grown, 0, 0, used);
    bytes = grown;
  }
  used += bytes.write(text, used, 'utf8');
  return used;
}

function flush(): void {
  flushScheduled = false;
  if (!replies.length) return;
  const batch: PoolReplies = { replies, bytes: bytes.buffer as ArrayBuffer };
  replies = [];
  bytes = Buffer.allocUnsafeSlow(Math.max(1 << 18, used));
  used = 0;
  port.postMessage(batch, [batch.bytes]);
}

function run(r: RunRequest): PoolReply {
  try {
    const h = history.get(seriesId(r.key));
    if (!h) throw new Error(`no history loaded for ${seriesId(r.key)}`);
    const key: SeriesKey = { source: r.key.source, symbol: r.key.symbol, timeframe: r.key.timeframe };
    const { snapshotJson: json, ...result } = toEncodedCandleResult(key, computeStructure(r.key, h, r.time, opts, walks));
    const at = used;
    const ends: [number, number, number] = [put(json!.swings!), put(json!.sr_levels!), put(json!.fib_levels!)];
    return { seq: r.seq, result, at, ends };
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
