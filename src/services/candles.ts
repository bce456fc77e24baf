import type { Candles } from '../core/series.js';
import { cleanCandles, type QualityReport } from '../core/quality.js';
import { type Timeframe, timeframeMs } from '../core/timeframes.js';
import { InputError } from '../errors.js';
import { FileSource } from '../sources/market/file/source.js';
import type { MarketSource } from '../sources/market/types.js';
import { parsePair } from '../core/types.js';

export interface CandleRequest {
  pair?: string;
  timeframe: Timeframe;
  limit?: number;
  since?: number;
  /**
   * @deprecated pass a FileSource as the source instead (cli/services.ts does for --input);
   * kept so callers not yet moved (backtest data loading) keep working: it becomes one here.
   */
  input?: string;
}

export interface LoadedCandles {
  symbol: string;
  timeframe: Timeframe;
  candles: Candles;
  quality: QualityReport;
  origin: string;
}

/** Candles of a pair from a source (an exchange, the replay data or a file), always through the clean layer. */
export async function loadCandles(given: MarketSource, req: CandleRequest): Promise<LoadedCandles> {
  const source = req.input ? new FileSource({ path: req.input }) : given;
  const file = source instanceof FileSource ? source : undefined;
  // A file holds one series: without a pair it is named by the pair it holds, else by its path.
  if (!req.pair && !file) throw new InputError('give a pair or --input FILE', 'pair');
  const symbol = req.pair ? parsePair(req.pair) : undefined;
  const query = { limit: req.limit, since: req.since };
  const raw = symbol ? await source.candles(symbol, req.timeframe, query) : file!.read(req.timeframe, query);
  const { candles, report } = cleanCandles(raw, req.timeframe === '1M' ? undefined : timeframeMs(req.timeframe));
  // Rows the file itself broke were dropped when it was read; they belong in the report.
  const quality = file ? { ...report, rows: report.rows + file.quality.rejected.length, rejected: [...file.quality.rejected, ...report.rejected] } : report;
  return { symbol: symbol ?? file!.pair ?? file!.path, timeframe: req.timeframe, candles, quality, origin: file ? `file:${file.path}` : source.id };
}
