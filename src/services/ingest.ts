import type { Pair } from '../core/types.js';
import { candleCount } from '../core/series.js';
import { cleanCandles, findGaps, type QualityReport } from '../core/quality.js';
import { type Timeframe, timeframeMs } from '../core/timeframes.js';
import { FileSource } from '../sources/market/file/source.js';
import type { FileReadReport } from '../sources/market/file/read.js';
import type { MarketSource } from '../sources/market/types.js';
import type { Store } from '../infra/store/types.js';

export interface IngestResult {
  candles: number;
  inserted: number;
  updated: number;
  first: number | null;
  last: number | null;
  quality: Pick<QualityReport, 'rejected' | 'gaps' | 'missingCandles'>;
}

export interface ImportResult extends IngestResult {
  timeframe: Timeframe;
  /** How the file was read (sorted, repeats merged, rows dropped and why). */
  file: FileReadReport;
}

/**
 * A user's file through the clean layer into the store; rejected rows are reported, never
 * stored. The series is stored at the file's own timeframe (its spacing): a `timeframe` that
 * contradicts it is refused, so 1-minute rows are never stored as an hourly series.
 */
export async function importFile(store: Store, file: string, key: { source: string; symbol: Pair; timeframe?: Timeframe }): Promise<ImportResult> {
  const input = new FileSource({ path: file });
  const timeframe = input.resolveTimeframe(key.timeframe, key.timeframe ?? '1h');
  const candles = input.read(timeframe);
  const gaps = timeframe === '1M' ? [] : findGaps(candles.time, timeframeMs(timeframe));
  const r = await store.upsertCandles(key.source, key.symbol, timeframe, candles);
  const q = input.report.quality;
  return {
    candles: candleCount(candles), ...r, first: q.first, last: q.last, timeframe, file: input.report,
    quality: { rejected: q.rejected, gaps, missingCandles: gaps.reduce((s, g) => s + g.missing, 0) },
  };
}

/**
 * Pages candles from a source into the store from `since` to now (or `until`),
 * one transaction per page so an interruption keeps every finished page.
 */
export async function fetchIntoStore(
  source: MarketSource,
  store: Store,
  req: { symbol: Pair; timeframe: Timeframe; since: number; until?: number; pageSize?: number },
  onProgress?: (doneUntil: number, total: number) => void,
): Promise<IngestResult> {
  const step = timeframeMs(req.timeframe);
  const pageSize = req.pageSize ?? 1000;
  const end = req.until ?? Date.now();
  let since = req.since;
  const total: IngestResult = { candles: 0, inserted: 0, updated: 0, first: null, last: null, quality: { rejected: [], gaps: [], missingCandles: 0 } };
  while (since < end) {
    const page = await source.candles(req.symbol, req.timeframe, { since, limit: pageSize, until: req.until });
    const n = candleCount(page);
    if (n === 0) break;
    const { candles, report } = cleanCandles(page, req.timeframe === '1M' ? undefined : step);
    const r = await store.upsertCandles(source.id, req.symbol, req.timeframe, candles);
    total.candles += candleCount(candles);
    total.inserted += r.inserted;
    total.updated += r.updated;
    total.first ??= report.first;
    total.last = report.last ?? total.last;
    total.quality.rejected.push(...report.rejected);
    total.quality.gaps.push(...report.gaps);
    total.quality.missingCandles += report.missingCandles;
    const next = page.time[n - 1]! + 1;
    onProgress?.(Math.min(next, end), end);
    if (next <= since || n < pageSize) break;
    since = next;
  }
  return total;
}
