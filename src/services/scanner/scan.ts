import { finiteOrNull } from '../../core/numbers.js';
import type { MarketSource } from '../../sources/market/types.js';
import { mapPool } from './pool.js';
import { scanPair } from './scan-pair.js';
import { selectPairs } from './select.js';
import type { AlertItem, BatchSummary, PairResult, ScanParams } from './types.js';

export interface ScanRunOptions {
  trigger: BatchSummary['trigger'];
  signal?: AbortSignal;
  onStart?(total: number): void;
  onPair?(result: PairResult, done: number, total: number): void;
  /** Batch id (sortable time stamp); taken from the clock when absent. */
  batchId?: string;
  /** What time it is for "has this candle closed" (default the clock). */
  now?: number;
}

export const newBatchId = (now = new Date()) => now.toISOString().replace(/[:.]/g, '-');


/** One batch: select pairs, scan them with bounded concurrency, summarise. Never throws for one pair. */
export async function runScan(source: MarketSource, params: ScanParams, opts: ScanRunOptions): Promise<{ summary: BatchSummary; pairs: PairResult[] }> {
  const started = new Date();
  const batchId = opts.batchId ?? newBatchId(started);
  const markets = await selectPairs(source, params.top, params.quote);
  opts.onStart?.(markets.length);
  let done = 0;
  const pairs = await mapPool(markets, params.concurrency, async (m, i) => {
    const r = await scanPair(source, m, i + 1, params, opts.now ?? started.getTime());
    opts.onPair?.(r, ++done, markets.length);
    return r;
  }, opts.signal);
  const finished = new Date();
  const ok = pairs.filter((p) => p?.status === 'ok');
  const failed = pairs.filter((p) => p?.status === 'failed');
  // A spike 49 candles back was news 49 candles ago: by default only the latest closed candle alerts.
  const scope = params.alertScope ?? 'latest';
  const alerts: AlertItem[] = ok.flatMap((p) => p.spikes.filter((s) => s.alert && (scope === 'all' || s.time === p.lastClosed)).map((s) => ({
    symbol: p.symbol, timeframe: p.timeframe, time: new Date(s.time).toISOString(),
    volume: s.volume, mean: s.mean, z: finiteOrNull(s.z), relVolume: finiteOrNull(s.relVolume), confidence: s.confidence,
  })));
  alerts.sort((a, b) => b.confidence - a.confidence);
  const results: BatchSummary['results'] = pairs.filter(Boolean).map((p) => (p.status === 'ok'
    ? { symbol: p.symbol, status: 'ok', spikes: p.spikes.length, alerts: p.alerts, maxConfidence: p.maxConfidence, lastRelVolume: p.lastRelVolume }
    : { symbol: p.symbol, status: 'failed', reason: p.reason }));
  results.sort((a, b) => (b.maxConfidence ?? -1) - (a.maxConfidence ?? -1) || (b.spikes ?? -1) - (a.spikes ?? -1));
  const summary: BatchSummary = {
    batchId,
    source: source.id,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    trigger: opts.trigger,
    params,
    pairs: {
      requested: markets.length,
      ok: ok.length,
      failed: failed.length,
      withSpikes: ok.filter((p) => p.spikes.length > 0).length,
      alerts: alerts.length,
    },
    results,
    failed: failed.map((p) => ({ symbol: p.symbol, reason: p.reason })),
    alerts,
  };
  return { summary, pairs: pairs.filter(Boolean) };
}
