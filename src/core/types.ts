/**
 * The market vocabulary every layer speaks. Pure data: no I/O, no clock. Times are
 * epoch milliseconds (UTC); prices and amounts are plain numbers in quote/base units.
 */
import { InputError } from '../errors.js';
import type { Timeframe } from './timeframes.js';

declare const pairBrand: unique symbol;

/**
 * A unified pair, BASE/QUOTE in upper case (CCXT's spelling). Branded so that a raw
 * string from a user cannot reach a source or the store without going through
 * `parsePair` once at the edge (CLI, HTTP, config, file import).
 */
export type Pair = string & { readonly [pairBrand]: true };

const KNOWN_QUOTES = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'USD', 'EUR', 'GBP', 'TRY', 'BTC', 'ETH', 'BNB'];

export class PairFormatError extends InputError {
  constructor(readonly input: string, field = 'pair') {
    super(`pair "${input.length > 40 ? `${input.slice(0, 40)}…` : input}" is not a pair: use BASE/QUOTE, base_quote or BASEQUOTE (e.g. ETH/USDT, eth_usdt, ETHUSDT)`, field);
    this.name = 'PairFormatError';
  }
}

/** Accepts eth_usdt, ETH/USDT, ETH-USDT, ETH:USDT and ETHUSDT (with a known quote suffix). */
export function parsePair(input: string, field = 'pair'): Pair {
  const s = input.trim().toUpperCase();
  if (!s || s.length > 64) throw new PairFormatError(input, field);
  const parts = s.split(/[/_\-:]/).filter(Boolean);
  const ok = (p: string) => /^[A-Z0-9.]{1,24}$/.test(p);
  if (parts.length === 2 && ok(parts[0]!) && ok(parts[1]!)) return `${parts[0]}/${parts[1]}` as Pair;
  if (parts.length === 1 && ok(s)) {
    for (const q of KNOWN_QUOTES) {
      if (s.endsWith(q) && s.length > q.length) return `${s.slice(0, -q.length)}/${q}` as Pair;
    }
  }
  throw new PairFormatError(input, field);
}

/** For values that are pairs by construction (exchange market lists, stored rows). */
export const asPair = (unified: string): Pair => unified as Pair;

/** BTC/USDT -> BTCUSDT (exchange-native spelling used by seed APIs and Binance streams). */
export const compactPair = (p: Pair | string): string => p.replace('/', '');

/** [price, amount]; bids descending, asks ascending. */
export type BookLevel = [price: number, amount: number];

export interface Trade {
  symbol: Pair;
  id: string;
  /** Exchange time of the trade. */
  time: number;
  price: number;
  amount: number;
  /** Taker side: 'buy' when the buyer lifted the ask. */
  side: 'buy' | 'sell';
}

/** A whole L2 book at one moment, e.g. a REST depth snapshot. */
export interface BookSnapshot {
  symbol: Pair;
  time: number;
  bids: BookLevel[];
  asks: BookLevel[];
  /** Exchange sequence of the last update included (Binance lastUpdateId); absent when unknown. */
  nonce?: number;
}

/**
 * One incremental book update with absolute sizes (size 0 deletes the level). Sequence
 * ids follow Binance's depth stream: the diff covers updates firstId..lastId, and
 * prevLastId (futures' `pu`) is the lastId of the diff before it where the venue says.
 */
export interface BookDiff {
  symbol: Pair;
  time: number;
  firstId: number;
  lastId: number;
  prevLastId?: number;
  bids: BookLevel[];
  asks: BookLevel[];
}

/** Best bid/ask as the venue reports it (Binance bookTicker): a check on a rebuilt book. */
export interface TopOfBook {
  symbol: Pair;
  time: number;
  updateId: number;
  bid: number;
  bidAmount: number;
  ask: number;
  askAmount: number;
}

/** One candle, known only after it closed at `time + timeframe`. */
export interface CandleClosed {
  symbol: Pair;
  timeframe: Timeframe;
  /** Open time. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * What the kernel loop delivers, in time order. `at` is when the event became known
 * to us (the receive time for recorded feeds, the close time for candles): the clock
 * of a replay or backtest stands at `at` while subscribers handle the event.
 */
export type MarketEvent =
  | { type: 'trade'; at: number; source: string; trade: Trade }
  | { type: 'book.snapshot'; at: number; source: string; book: BookSnapshot }
  | { type: 'book.diff'; at: number; source: string; diff: BookDiff }
  | { type: 'book.top'; at: number; source: string; top: TopOfBook }
  /** A live stream lost the connection that carried this book: it is out of sync until the next snapshot. */
  | { type: 'book.reset'; at: number; source: string; symbol: Pair; reason: string }
  | { type: 'candle'; at: number; source: string; candle: CandleClosed };

export type MarketEventType = MarketEvent['type'];

/** The pair an event concerns. */
export function eventPair(ev: MarketEvent): Pair {
  switch (ev.type) {
    case 'trade': return ev.trade.symbol;
    case 'book.snapshot': return ev.book.symbol;
    case 'book.diff': return ev.diff.symbol;
    case 'book.top': return ev.top.symbol;
    case 'book.reset': return ev.symbol;
    case 'candle': return ev.candle.symbol;
  }
}
