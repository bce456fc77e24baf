import { parentPort, workerData } from 'node:worker_threads';
import type { Candles } from '../../core/series.js';
import type { SeriesKey, StoredSignal } from '../../infra/store/types.js';
import { computeStructure, type PrefixWalks, seriesId, type StepOptions } from './step.js';
import { signalOf } from './persist.js';
import { freshBytes, SnapshotWriter, writeSnapshots } from './snapshot-bytes.js';
import { POOL_BATCH, type PoolReplies, type PoolRequest, REPLY_FIELDS, type RunRequest } from './compute-pool.js';

/**
 * A compute thread of the pool: holds the history of the series it was sent and answers
 * one candle at a time. Snapshots travel back as the UTF-8 bytes of their JSON text,
 * written here straight into one buffer per batch of replies and transferred with it, so
 * the main thread neither copies the objects back nor stringifies them, nor holds the text
 * as strings. The rest of a reply is numbers (the main thread knows each run's series) and
 * the signal, when there is one.
 */
const opts = workerData as StepOptions;
const history = new Map<string, Candles>();
const walks: PrefixWalks = new Map();
const port = parentPort!;

/** Replies not sent yet: they leave POOL_BATCH at a time, or when this thread's queue of messages is drained. */
let meta = new Float64Array(POOL_BATCH * REPLY_FIELDS);
let signals: (StoredSignal | null)[] = [];
let errors: Record<number, string> = {};
let count = 0;
let flushScheduled = false;
/** The snapshot bytes of the replies (its own ArrayBuffer, not Buffer's pool: it is transferred). */
const out = new SnapshotWriter(freshBytes(1 << 19));

function flush(): void {
  flushScheduled = false;
  if (!count) return;
  const batch: PoolReplies = { meta: meta.subarray(0, count * REPLY_FIELDS), signals, errors, bytes: out.buf.buffer as ArrayBuffer };
  port.postMessage(batch, [batch.bytes]);
  meta = new Float64Array(POOL_BATCH * REPLY_FIELDS);
  signals = [];
  errors = {};
  count = 0;
  out.buf = freshBytes(Math.max(1 << 19, out.pos));
  out.pos = 0;
}

function run(r: RunRequest): void {
  const i = count++ * REPLY_FIELDS;
  meta[i] = r.seq;
  meta[i + 1] = r.time;
  const at = out.pos;
  try {
    const h = history.get(seriesId(r.key));
    if (!h) throw new Error(`no history loaded for ${seriesId(r.key)}`);
    const kept = computeStructure(r.key, h, r.time, opts, walks);
    const key: SeriesKey = { source: r.key.source, symbol: r.key.symbol, timeframe: r.key.timeframe };
    const signal = signalOf(key, kept);
    const ends = writeSnapshots(out, kept);
    meta[i + 1] = kept.signal.time;
    meta[i + 2] = at;
    meta[i + 3] = ends[0];
    meta[i + 4] = ends[1];
    meta[i + 5] = ends[2];
    signals.push(signal);
  } catch (e) {
    out.pos = at;
    meta[i + 2] = -1;
    errors[r.seq] = (e as Error).message;
    signals.push(null);
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
    run(r);
    if (count >= POOL_BATCH) flush();
  }
  if (count && !flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
});
