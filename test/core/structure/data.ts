import { asPair } from '../../../src/core/types.js';
import { readFileSync } from 'node:fs';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { type Candles, fromRows } from '../../../src/core/series.js';

const replay = new ReplaySource();

/** Bundled Binance daily candles of a pair (2017-08-17 → 2024-04-09 for BTC/USDT). */
export function daily(pair: string): Candles {
  return replay.history(asPair(pair), '1d');
}

/** A freqtrade 1h file from ../shared/data (rows [ms, o, h, l, c, v]). */
export function freqtrade1h(base: string): Candles {
  return fromRows(JSON.parse(readFileSync(`/work/shared/data/nostalgia-for-infinity/binance/${base}_USDT-1h.json`, 'utf8')) as number[][]);
}

export const PAIRS = ['BTC/USDT', 'ETH/USDT', 'XRP/USDT', 'ADA/USDT', 'LINK/USDT'] as const;

/** `count` bar indices spread over [from, n). */
export function spread(n: number, count: number, from = 0): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) out.push(Math.min(n - 1, from + Math.floor(((n - from) * k) / count)));
  out.push(n - 1);
  return [...new Set(out)];
}
