import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromRows, type Candles } from '../../../src/core/series.js';
import { SHARED_DATA } from '../../helpers/paths.js';
import { requires } from '../../helpers/requires.js';

export const SHARED = SHARED_DATA;
export const FREQTRADE_DIR = join(SHARED, 'freqtrade-docker-strategy/binance');
export const NFI_DIR = join(SHARED, 'nostalgia-for-infinity/binance');

/** Whether ../shared holds both freqtrade folders; a clone without it skips their tests, saying so. */
export const HAS_FREQTRADE = await requires('shared:data/freqtrade-docker-strategy/binance', 'shared:data/nostalgia-for-infinity/binance');

/** freqtrade OHLCV files: rows [ms, o, h, l, c, v]; name like BTC_USDT-5m.json. */
export function freqtradeFiles(dir: string, suffix: string): { pair: string; file: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(`${suffix}.json`))
    .sort()
    .map((f) => ({ pair: f.slice(0, -`${suffix}.json`.length).replace('_', '/'), file: join(dir, f) }));
}

export function loadFreqtrade(file: string): Candles {
  return fromRows(JSON.parse(readFileSync(file, 'utf8')) as number[][]);
}
