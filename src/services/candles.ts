import { InputError, NotFoundError } from '../errors.js';
import { readFileSync, existsSync } from 'node:fs';
import { type Candles, tailCandles } from '../core/series.js';
import { cleanCandles, type QualityReport } from '../core/quality.js';
import { type Timeframe, timeframeMs } from '../core/timeframes.js';
import { parseCandleFile } from '../sources/market/parse.js';
import type { MarketSource } from '../sources/market/types.js';
import { normalizeSymbol } from '../sources/market/types.js';

export interface CandleRequest {
  pair?: string;
  timeframe: Timeframe;
  limit?: number;
  since?: number;
  /** A user file instead of a source. */
  input?: string;
}

export interface LoadedCandles {
  symbol: string;
  timeframe: Timeframe;
  candles: Candles;
  quality: QualityReport;
  origin: string;
}

/** Candles from a file (--input) or a source, always through the clean layer. */
export async function loadCandles(source: MarketSource, req: CandleRequest): Promise<LoadedCandles> {
  if (req.input) {
    if (!existsSync(req.input)) throw new NotFoundError(`input file ${req.input} not found`, 'input');
    const raw = parseCandleFile(readFileSync(req.input, 'utf8'), req.input);
    const { candles, report } = cleanCandles(raw, req.timeframe === '1M' ? undefined : timeframeMs(req.timeframe));
    const n = candles.time.length;
    const limited = req.limit && n > req.limit ? tailCandles(candles, req.limit) : candles;
    return { symbol: req.pair ? normalizeSymbol(req.pair) : req.input, timeframe: req.timeframe, candles: limited, quality: report, origin: `file:${req.input}` };
  }
  if (!req.pair) throw new InputError('give a pair or --input FILE', 'pair');
  const symbol = normalizeSymbol(req.pair);
  const raw = await source.candles(symbol, req.timeframe, { limit: req.limit, since: req.since });
  const { candles, report } = cleanCandles(raw, req.timeframe === '1M' ? undefined : timeframeMs(req.timeframe));
  return { symbol, timeframe: req.timeframe, candles, quality: report, origin: source.id };
}
