import { type Candles, emptyCandles } from '../../../core/series.js';
import { CandleFileError } from '../parse.js';

/**
 * Binance Vision (data.binance.vision) kline CSVs have no header: open_time, open, high,
 * low, close, volume, close_time, quote_volume, trades, taker_buy_base, taker_buy_quote,
 * ignore. Any CSV whose first row starts with a number is read that way (the first six
 * columns); times are epoch s, ms or µs, told apart by size after parsing.
 */
export function isHeaderless(text: string): boolean {
  const first = text.trimStart().split(/\r?\n/, 1)[0] ?? '';
  return !first.startsWith('[') && /^\s*\d+(\.\d+)?\s*,/.test(first);
}

export function parseHeaderlessKlines(text: string, file: string): Candles {
  const lines = text.split(/\r?\n/);
  let c = emptyCandles(lines.length);
  let n = 0;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (!line.trim()) continue;
    const f = line.split(',');
    if (f.length < 6) throw new CandleFileError(file, `line ${li + 1}: a headerless file needs open_time,open,high,low,close,volume (Binance Vision klines); got ${f.length} columns`);
    const t = Number(f[0]);
    if (!Number.isFinite(t)) throw new CandleFileError(file, `line ${li + 1}: cannot read time "${f[0]}"`);
    c.time[n] = t < 1e11 ? t * 1000 : t;
    c.open[n] = Number(f[1]);
    c.high[n] = Number(f[2]);
    c.low[n] = Number(f[3]);
    c.close[n] = Number(f[4]);
    c.volume[n] = Number(f[5]);
    n++;
  }
  if (!n) throw new CandleFileError(file, 'no candles');
  c = { time: c.time.slice(0, n), open: c.open.slice(0, n), high: c.high.slice(0, n), low: c.low.slice(0, n), close: c.close.slice(0, n), volume: c.volume.slice(0, n) };
  return c;
}
