import { asPair } from '../../../src/core/types.js';
import { readFileSync } from 'node:fs';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { type Candles, fromRows } from '../../../src/core/series.js';
import { shared } from '../../helpers/paths.js';
import { requires } from '../../helpers/requires.js';

const replay = new ReplaySource();

/** Bundled Binance daily candles of a pair (2017-08-17 → 2024-04-09 for BTC/USDT). */
export function daily(pair: string): Candles {
  return replay.history(asPair(pair), '1d');
}

const NFI_1H = 'data/nostalgia-for-infinity/binance';

/** Whether ../shared holds the freqtrade 1h files; a clone without it leaves their cases out, saying so. */
export const HAS_SHARED_1H = await requires(`shared:${NFI_1H}`);

/** A freqtrade 1h file from ../shared/data (rows [ms, o, h, l, c, v]). */
export function freqtrade1h(base: string): Candles {
  return fromRows(JSON.parse(readFileSync(shared(`${NFI_1H}/${base}_USDT-1h.json`), 'utf8')) as number[][]);
}

/** The freqtrade 1h series of these bases, or none on a clone without ../shared (requires() printed why). */
export const shared1h = (...bases: string[]): Candles[] => (HAS_SHARED_1H ? bases.map(freqtrade1h) : []);

export const PAIRS = ['BTC/USDT', 'ETH/USDT', 'XRP/USDT', 'ADA/USDT', 'LINK/USDT'] as const;

/** `count` bar indices spread over [from, n). */
export function spread(n: number, count: number, from = 0): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) out.push(Math.min(n - 1, from + Math.floor(((n - from) * k) / count)));
  out.push(n - 1);
  return [...new Set(out)];
}
