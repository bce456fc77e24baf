import type { MarketStreams } from '../types.js';
import { GenericStreams } from './generic-streams.js';
import { CcxtStreamPool, isBinanceSpot, type PoolRest, type StreamPoolOptions } from './pool.js';

/** The stream half of an exchange: Binance spot's raw diff streams, CCXT's unified watchers elsewhere. */
export function pooledStreams(rest: PoolRest, opts: StreamPoolOptions): MarketStreams & { start(): Promise<void> } {
  return isBinanceSpot(rest.exchange) && opts.mode !== 'unified' ? new CcxtStreamPool(rest, opts) : new GenericStreams(rest, opts);
}
