/**
 * The real candles several indicator checks share: every bundled USDT daily series (data/)
 * concatenated, and the first bars of the larger BTC/USDT 1h set in ../shared. Concatenation gives
 * ~155k bars of real prices, enough for every kernel's long-series path.
 */
import { readFileSync } from 'node:fs';
import { ReplaySource } from '../../src/sources/market/replay/source.js';
import { shared } from './paths.js';

export type CandleColumns = Record<'open' | 'high' | 'low' | 'close' | 'volume' | 'time', Float64Array>;

/** All bundled USDT daily series, one after another, and how many pairs they came from. */
export async function bundledUsdtDaily(): Promise<CandleColumns & { pairs: number }> {
  const replay = new ReplaySource();
  const symbols = (await replay.markets()).filter((m) => m.quote === 'USDT').map((m) => m.symbol);
  const hist = symbols.map((s) => replay.history(s, '1d'));
  const n = hist.reduce((a, h) => a + h.close.length, 0);
  const col = (k: keyof CandleColumns): Float64Array => {
    const out = new Float64Array(n);
    let at = 0;
    for (const h of hist) { out.set(h[k], at); at += h[k].length; }
    return out;
  };
  return { pairs: symbols.length, open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume'), time: col('time') };
}

export const BTC_1H = 'data/nostalgia-for-infinity/binance/BTC_USDT-1h.json';

/** The first `limit` bars of ../shared's BTC/USDT 1h candles (rows of [time, open, high, low, close, volume]). */
export function sharedBtcHourly(limit = 30_000): CandleColumns {
  const rows = JSON.parse(readFileSync(shared(BTC_1H), 'utf8')) as number[][];
  const n = Math.min(rows.length, limit);
  const col = (k: number) => Float64Array.from({ length: n }, (_, i) => rows[i]![k]!);
  return { time: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5) };
}
