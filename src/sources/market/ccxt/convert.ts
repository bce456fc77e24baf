import type { Pair } from '../../../core/types.js';
import type { OrderBook as CcxtBook, Ticker as CcxtTicker, Trade as CcxtTrade } from 'ccxt';
import { MarketError } from '../errors.js';
import type { BookLevel, OrderBook, Ticker, Trade } from '../types.js';

/** ccxt's unified structures, checked: a field ccxt could not parse is a bad response, not a NaN downstream. */

function finite(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

function bad(source: string, what: string): MarketError {
  return new MarketError('bad_response', `${source} returned ${what}`, source);
}

export function toTicker(t: CcxtTicker, symbol: Pair, source: string): Ticker {
  const last = finite(t.last) ?? finite(t.close);
  if (last === null) throw bad(source, `a ticker for ${symbol} without a last price`);
  return {
    symbol,
    time: finite(t.timestamp) ?? Date.now(),
    last,
    bid: finite(t.bid),
    ask: finite(t.ask),
    quoteVolume: finite(t.quoteVolume),
  };
}

function levels(rows: unknown, depth: number | undefined, source: string, symbol: Pair): BookLevel[] {
  if (!Array.isArray(rows)) throw bad(source, `an order book for ${symbol} without levels`);
  const out: BookLevel[] = [];
  for (const r of rows as unknown[][]) {
    const p = finite(r[0]);
    const q = finite(r[1]);
    if (p === null || q === null) throw bad(source, `an order book level for ${symbol} that is not [price, amount]`);
    out.push([p, q]);
    if (depth !== undefined && out.length >= depth) break;
  }
  return out;
}

export function toBook(b: CcxtBook, symbol: Pair, source: string, depth?: number): OrderBook {
  const book: OrderBook = {
    symbol,
    time: finite(b.timestamp) ?? Date.now(),
    bids: levels(b.bids, depth, source, symbol),
    asks: levels(b.asks, depth, source, symbol),
  };
  const nonce = finite(b.nonce);
  if (nonce !== null) book.nonce = nonce;
  return book;
}

/** Trades without a taker side or a price are dropped: Sextant's volume split needs both. */
export function toTrades(rows: readonly CcxtTrade[], symbol: Pair): Trade[] {
  const out: Trade[] = [];
  for (const t of rows) {
    const price = finite(t.price);
    const amount = finite(t.amount);
    const time = finite(t.timestamp);
    if (price === null || amount === null || time === null) continue;
    if (t.side !== 'buy' && t.side !== 'sell') continue;
    out.push({ symbol, id: String(t.id ?? `${time}:${price}:${amount}`), time, price, amount, side: t.side });
  }
  return out.sort((a, b) => a.time - b.time);
}
