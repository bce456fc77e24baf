import type { Candles } from '../../core/series.js';
import type { ServiceHealth } from '../../kernel/service.js';
import type { Timeframe } from '../../core/timeframes.js';

import type { BookLevel, BookSnapshot, Pair, Trade } from '../../core/types.js';

export type { BookLevel, Pair, Trade };

export interface MarketInfo {
  symbol: Pair;
  base: string;
  quote: string;
  /** 24h (or latest candle) quote volume; null when the source does not know it. */
  quoteVolume: number | null;
  active: boolean;
}

export interface Ticker {
  symbol: Pair;
  time: number;
  last: number;
  bid: number | null;
  ask: number | null;
  quoteVolume: number | null;
}

/** A REST depth snapshot. */
export type OrderBook = BookSnapshot;

export interface CandleQuery {
  /** Inclusive open-time lower bound, epoch ms. */
  since?: number;
  /** Max candles; with no `since`, the latest `limit` candles. */
  limit?: number;
  /** Exclusive open-time upper bound, epoch ms. */
  until?: number;
}

export interface StreamOptions {
  /** Replay speed: 1 = real time, N = N times faster, Infinity = as fast as possible. Live sources ignore it. */
  speed?: number;
  signal?: AbortSignal;
}

/**
 * One exchange (or the bundled replay data) as Sextant sees it. Implementations map
 * failures onto the typed errors of ./errors.ts so callers handle them once.
 */
export interface MarketSource {
  readonly id: string;
  markets(): Promise<MarketInfo[]>;
  candles(symbol: Pair, timeframe: Timeframe, query?: CandleQuery): Promise<Candles>;
  ticker(symbol: Pair): Promise<Ticker>;
  orderBook(symbol: Pair, depth?: number): Promise<OrderBook>;
  trades(symbol: Pair, limit?: number): Promise<Trade[]>;
  /** Live (or replayed) trades, as they happen. */
  tradeStream(symbol: Pair, opts?: StreamOptions): AsyncIterable<Trade>;
  /** Full book after every update. */
  bookStream(symbol: Pair, opts?: StreamOptions & { depth?: number }): AsyncIterable<OrderBook>;
  close(): Promise<void>;
  /** The source's own state (an exchange: reachable, throttled, banned until...), when it has one. */
  health?(): ServiceHealth;
}
