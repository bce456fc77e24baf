import type { Candles } from '../../core/series.js';
import type { CandleClosed, MarketEvent, Pair } from '../../core/types.js';
import { type Timeframe, timeframeMs } from '../../core/timeframes.js';

export interface Series {
  symbol: Pair;
  timeframe: Timeframe;
  candles: Candles;
}

/** A candle becomes known when it closes: `at` = open time + timeframe. */
export function* candleEvents(s: Series, source = 'backtest'): Generator<MarketEvent> {
  const tf = s.timeframe === '1M' ? 30 * 86_400_000 : timeframeMs(s.timeframe);
  const c = s.candles;
  for (let i = 0; i < c.time.length; i++) {
    const candle: CandleClosed = {
      symbol: s.symbol, timeframe: s.timeframe, time: c.time[i]!, open: c.open[i]!, high: c.high[i]!, low: c.low[i]!, close: c.close[i]!, volume: c.volume[i]!,
    };
    yield { type: 'candle', at: candle.time + tf, source, candle };
  }
}
