import type { Candles } from '../core/series.js';
import type { Timeframe } from '../core/timeframes.js';

/** Unified symbol, CCXT style: BASE/QUOTE (e.g. BTC/USDT). */
export type Symbol = string;

export interface MarketInfo {
  symbol: Symbol;
  base: string;
  quote: string;
  /** 24h (or latest candle) quote volume; null when the source does not know it. */
  quoteVolume: number | null;
  active: boolean;
}

export interface Ticker {
  symbol: Symbol;
  time: number;
  last: number;
  bid: number | null;
  ask: number | null;
  quoteVolume: number | null;
}

export interface Trade {
  symbol: Symbol;
  id: string;
  time: number;
  price: number;
  amount: number;
  /** Taker side: 'buy' when the buyer lifted the ask. */
  side: 'buy' | 'sell';
}

/** [price, amount]; bids descending, asks ascending. */
export type BookLevel = [number, number];

export interface OrderBook {
  symbol: Symbol;
  time: number;
  bids: BookLevel[];
  asks: BookLevel[];
  /** Exchange sequence (Binance lastUpdateId) when known. */
  nonce?: number;
}

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
  candles(symbol: Symbol, timeframe: Timeframe, query?: CandleQuery): Promise<Candles>;
  ticker(symbol: Symbol): Promise<Ticker>;
  orderBook(symbol: Symbol, depth?: number): Promise<OrderBook>;
  trades(symbol: Symbol, limit?: number): Promise<Trade[]>;
  /** Live (or replayed) trades, as they happen. */
  tradeStream(symbol: Symbol, opts?: StreamOptions): AsyncIterable<Trade>;
  /** Full book after every update. */
  bookStream(symbol: Symbol, opts?: StreamOptions & { depth?: number }): AsyncIterable<OrderBook>;
  close(): Promise<void>;
}

/** Accepts eth_usdt, ETH/USDT, ETH-USDT and ETHUSDT (with a known quote suffix). */
export function normalizeSymbol(input: string): Symbol {
  const s = input.trim().toUpperCase();
  if (!s) throw new SymbolFormatError(input);
  const parts = s.split(/[/_\-:]/).filter(Boolean);
  if (parts.length === 2) return `${parts[0]}/${parts[1]}`;
  if (parts.length === 1) {
    for (const q of KNOWN_QUOTES) {
      if (s.endsWith(q) && s.length > q.length) return `${s.slice(0, -q.length)}/${q}`;
    }
  }
  throw new SymbolFormatError(input);
}

const KNOWN_QUOTES = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'USD', 'EUR', 'GBP', 'TRY', 'BTC', 'ETH', 'BNB'];

export class SymbolFormatError extends Error {
  constructor(readonly input: string) {
    super(`pair "${input}" is not a pair: use BASE/QUOTE, base_quote or BASEQUOTE (e.g. ETH/USDT, eth_usdt, ETHUSDT)`);
    this.name = 'SymbolFormatError';
  }
}
