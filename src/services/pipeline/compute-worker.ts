import { parentPort, workerData } from 'node:worker_threads';
import type { Candles } from '../../core/series.js';
import type { SeriesKey } from '../../infra/store/types.js';
import { computeStructure, type PrefixWalks, seriesId, type StepOptions } from './step.js';
import { toEncodedCandleResult } from './persist.js';
import type { PoolReply, PoolRequest } from './compute-pool.js';

/**
 * A compute thread of the pool: holds the history of the series it was sent and answers
 * one candle at a time. Snapshots travel back as JSON text, encoded here, so the main
 * thread neither copies the objects back nor stringifies them.
 */
const opts = workerData as StepOptions;
const history = new Map<string, Candles>();
const walks: PrefixWalks = new Map();
const port = parentPort!;

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
  let reply: PoolReply;
  try {
    const h = history.get(seriesId(m.key));
    if (!h) throw new Error(`no history loaded for ${seriesId(m.key)}`);
    const key: SeriesKey = { source: m.key.source, symbol: m.key.symbol, timeframe: m.key.timeframe };
    reply = { seq: m.seq, result: toEncodedCandleResult(key, computeStructure(m.key, h, m.time, opts, walks)) };
  } catch (e) {
    reply = { seq: m.seq, error: (e as Error).message };
  }
  port.postMessage(reply);
});
