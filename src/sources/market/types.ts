import type { Candles } from '../../core/series.js';
import type { ServiceHealth } from '../../kernel/service.js';
import type { Timeframe } from '../../core/timeframes.js';

import type { BookLevel, BookSnapshot, MarketEvent, Pair, Trade } from '../../core/types.js';

export type { BookLevel, Pair, Trade };

export interface MarketInfo {
  symbol: Pair;
  base: string;
  quote: string;
  /** 24h (or latest candle) quote volume; null when the source does not know it. */
  quoteVolume: number | null;
  active: boolean;
  /** Smallest order value (price × amount, in the quote) the venue accepts; null/absent when unknown. */
  minNotional?: number | null;
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
 * The REST half of a market source: request/answer calls (candles, markets, tickers, book and
 * trade snapshots). Implementations map failures onto the typed errors of ./errors.ts.
 */
export interface MarketRest {
  readonly id: string;
  markets(): Promise<MarketInfo[]>;
  candles(symbol: Pair, timeframe: Timeframe, query?: CandleQuery): Promise<Candles>;
  ticker(symbol: Pair): Promise<Ticker>;
  orderBook(symbol: Pair, depth?: number): Promise<OrderBook>;
  trades(symbol: Pair, limit?: number): Promise<Trade[]>;
  close(): Promise<void>;
  /** The source's own state (an exchange: reachable, throttled, banned until...), when it has one. */
  health?(): ServiceHealth;
}

/**
 * The stream half: one pooled subscription for many symbols, spread over as many
 * connections as the venue's limits need. It yields the kernel's MarketEvents: trades,
 * book diffs with their first/last update ids, top-of-book checks, REST book snapshots
 * (taken after each (re)subscription and on `resync`), and `book.reset` when a connection
 * is lost (the books it carried cannot be trusted until the next snapshot). It never
 * ends on a lost connection: it reconnects; it ends on close().
 */
export interface MarketStreams {
  readonly id: string;
  readonly events: AsyncIterable<MarketEvent>;
  /** Asks for a fresh REST snapshot of `symbol` (a sequence gap, a top-of-book mismatch). */
  resync(symbol: Pair): void;
  health(): ServiceHealth;
  close(): Promise<void>;
}

/**
 * One exchange (or the bundled replay data) as Sextant sees it: the REST half plus
 * per-symbol convenience streams (`tradeStream`, `bookStream`). Pooled streams for many
 * symbols are a MarketStreams (ccxt/pool.ts for exchanges).
 */
export interface MarketSource extends MarketRest {
  /** Live (or replayed) trades, as they happen. */
  tradeStream(symbol: Pair, opts?: StreamOptions): AsyncIterable<Trade>;
  /** Full book after every update. */
  bookStream(symbol: Pair, opts?: StreamOptions & { depth?: number }): AsyncIterable<OrderBook>;
}
