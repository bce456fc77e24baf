/** Real bundled candles for the ML tests: Coinbase BTC-USD 4h, 2016 → 2025 (~20.7k bars). */
import type { Candles } from '../../../src/core/series.js';
import { CANDLE_DATASETS, defaultDataDir } from '../../../src/sources/market/replay/catalog.js';

let cache: Candles | undefined;

export function btc4h(): Candles {
  if (cache) return cache;
  const ds = CANDLE_DATASETS.find((d) => d.id === 'coinbase-4h');
  const c = ds?.load(defaultDataDir()).get('BTC/USD');
  if (!c) throw new Error('bundled Coinbase BTC/USD 4h candles not found');
  return (cache = c);
}
