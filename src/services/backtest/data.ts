import { InputError, NotFoundError } from '../../errors.js';
import { cleanCandles } from '../../core/quality.js';
import { sliceCandles, lowerBound } from '../../core/series.js';
import { type Timeframe, timeframeMs } from '../../core/timeframes.js';
import { asPair, parsePair } from '../../core/types.js';
import type { MarketSource } from '../../sources/market/types.js';
import { loadCandles } from '../candles.js';
import type { Series } from './feed.js';

export interface DataRequest {
  pairs: string[];
  timeframe: Timeframe;
  since?: number;
  until?: number;
  /** A candle file instead of the source (then at most one pair, used as its name). */
  input?: string;
}

/** The candles a backtest runs on, cleaned, one series per pair; empty ranges are an error naming them. */
export async function loadSeries(source: MarketSource, req: DataRequest): Promise<Series[]> {
  if (req.since !== undefined && req.until !== undefined && req.until <= req.since) throw new InputError('--until must be after --since', 'until');
  let out: Series[];
  if (req.input) {
    if (req.pairs.length > 1) throw new InputError('--input takes at most one pair name', 'pair');
    const r = await loadCandles(source, { input: req.input, timeframe: req.timeframe, pair: req.pairs[0] });
    const c = r.candles;
    const from = req.since !== undefined ? lowerBound(c.time, req.since) : 0;
    const to = req.until !== undefined ? lowerBound(c.time, req.until) : c.time.length;
    out = [{ symbol: req.pairs[0] ? parsePair(req.pairs[0]) : asPair('INPUT/FILE'), timeframe: req.timeframe, candles: sliceCandles(c, from, Math.max(from, to)) }];
  } else {
    if (!req.pairs.length) throw new InputError('give a PAIR (e.g. BTC/USDT) or --input FILE', 'pair');
    out = [];
    for (const p of req.pairs) {
      const symbol = parsePair(p);
      const raw = await source.candles(symbol, req.timeframe, { since: req.since, until: req.until });
      const { candles } = cleanCandles(raw, req.timeframe === '1M' ? undefined : timeframeMs(req.timeframe));
      out.push({ symbol, timeframe: req.timeframe, candles });
    }
  }
  for (const s of out) {
    if (!s.candles.time.length) {
      const range = `${req.since !== undefined ? new Date(req.since).toISOString().slice(0, 10) : 'start'} .. ${req.until !== undefined ? new Date(req.until).toISOString().slice(0, 10) : 'end'}`;
      throw new NotFoundError(`no ${s.symbol} ${req.timeframe} candles in ${range}${req.input ? ` of ${req.input}` : ''}`, 'since');
    }
  }
  return out;
}
