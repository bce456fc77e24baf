import { type Candles, candleCount, emptyCandles, sliceCandles } from './series.js';
import { type Timeframe, bucketStart } from './timeframes.js';

/**
 * Aggregates candles into a higher timeframe: open of the first, max high, min low,
 * close of the last, summed volume. Input must be validated (increasing times).
 *
 * `dropPartialLast`: the last bucket is incomplete when the source ends before the
 * bucket does; live callers want it (a forming candle), backtests usually do not.
 */
export function resample(c: Candles, target: Timeframe, opts: { dropPartialLast?: boolean; sourceMs?: number } = {}): Candles {
  const n = candleCount(c);
  if (n === 0) return emptyCandles(0);
  const out = emptyCandles(n);
  let k = -1;
  let current = NaN;
  for (let i = 0; i < n; i++) {
    const b = bucketStart(c.time[i]!, target);
    if (b !== current) {
      k++;
      current = b;
      out.time[k] = b;
      out.open[k] = c.open[i]!;
      out.high[k] = c.high[i]!;
      out.low[k] = c.low[i]!;
      out.close[k] = c.close[i]!;
      out.volume[k] = c.volume[i]!;
    } else {
      if (c.high[i]! > out.high[k]!) out.high[k] = c.high[i]!;
      if (c.low[i]! < out.low[k]!) out.low[k] = c.low[i]!;
      out.close[k] = c.close[i]!;
      out.volume[k] = out.volume[k]! + c.volume[i]!;
    }
  }
  let count = k + 1;
  if (opts.dropPartialLast && opts.sourceMs !== undefined && count > 0) {
    // Complete only if the source's last candle ends where the next bucket begins.
    const lastSourceEnd = c.time[n - 1]! + opts.sourceMs;
    if (bucketStart(lastSourceEnd, target) === out.time[count - 1]!) count--;
  }
  return copyPrefix(out, count);
}

function copyPrefix(c: Candles, count: number): Candles {
  const v = sliceCandles(c, 0, count);
  return {
    time: v.time.slice(), open: v.open.slice(), high: v.high.slice(),
    low: v.low.slice(), close: v.close.slice(), volume: v.volume.slice(),
  };
}
