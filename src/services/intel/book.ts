import type { Pair } from '../../core/types.js';
import { exchangeWhales, type TakerTrade } from '../../core/intel/whales.js';
import { finiteOrNull } from '../../core/numbers.js';
import type { BookMetrics } from '../../core/orderbook/analytics.js';
import { ReplaySource } from '../../sources/market/replay/source.js';
import type { MarketSource } from '../../sources/market/types.js';
import { replayFeed } from '../tracker/feeds.js';
import { TrackerService } from '../tracker/service.js';
import type { TrackerEvent } from '../tracker/types.js';
import { missing, type BookPart, type ExchangeWhalePart, type Part } from './types.js';

export interface BookParts { orderbook: Part<BookPart>; exchange_whales: Part<ExchangeWhalePart> }

const iso = (t: number) => new Date(t).toISOString();

function bookPart(m: BookMetrics, spoofs: TrackerEvent[], source: string, at: number): Part<BookPart> {
  return {
    status: 'present', source, as_of: iso(at),
    bid: m.bid, ask: m.ask, mid: m.mid, spread: m.spread, spread_bps: m.spreadBps,
    bid_volume: m.bidVolume, ask_volume: m.askVolume, imbalance: m.imbalance, bid_depth: m.bidDepth, ask_depth: m.askDepth,
    support: finiteOrNull(m.support), resistance: finiteOrNull(m.resistance),
    walls: m.walls.map((w) => ({ side: w.side, price: w.price, size: w.size, ratio: w.ratio })),
    spoofs: spoofs.map((e) => ({ time: iso(e.time), key: e.key })),
  };
}

function whalePart(trades: TakerTrade[], minNotional: number, source: string): Part<ExchangeWhalePart> {
  const w = exchangeWhales(trades, minNotional);
  return {
    status: 'present', source, as_of: trades.length ? iso(trades[trades.length - 1]!.time) : null,
    accumulation_score: w.accumulation, min_notional: minNotional, count: w.count, buy_notional: w.buyNotional, sell_notional: w.sellNotional,
    largest: w.largest.map((t) => ({ time: iso(t.time), side: t.side, price: t.price, amount: t.amount, notional: t.notional })),
  };
}

/**
 * Book microstructure and exchange-side whales through the tracker. A running tracker
 * (`serve --tracker`) is read as it stands; otherwise, on the replay source, the recorded
 * Binance feed of the pair is run through a tracker of its own to its end.
 */
export async function bookParts(symbol: Pair, source: MarketSource, tracker: TrackerService | undefined, minNotional: number): Promise<BookParts> {
  if (tracker && tracker.symbols().includes(symbol)) {
    const m = tracker.bookMetrics(symbol);
    const spoofs = tracker.recentEvents({ symbol }).filter((e) => e.kind === 'spoof');
    return {
      orderbook: m ? bookPart(m, spoofs, 'the running tracker\'s book', tracker.clock.now()) : missing(`the tracker's ${symbol} book is not in sync (${tracker.status().find((s) => s.symbol === symbol)?.book.state ?? 'unknown state'})`),
      exchange_whales: missing('the running tracker keeps windows, not individual trades; exchange-side whales are measured on the replay feed only'),
    };
  }
  if (!(source instanceof ReplaySource)) {
    const why = `no tracker runs for ${symbol} in this process (start it with \`sextant serve --tracker\`)`;
    return { orderbook: missing(why), exchange_whales: missing(why) };
  }
  const have = source.feedSymbols();
  if (!have.includes(symbol)) {
    const why = `the bundled trade/book feed covers ${have.join(', ')} only, not ${symbol}`;
    return { orderbook: missing(why), exchange_whales: missing(why) };
  }
  const t = new TrackerService({ symbols: [symbol], feed: replayFeed(source, [symbol]), speed: Infinity, keepEvents: 10_000 });
  await t.run();
  const trades: TakerTrade[] = [];
  for (const ev of source.marketEvents(symbol)) if (ev.type === 'trade') trades.push({ time: ev.trade.time, price: ev.trade.price, amount: ev.trade.amount, side: ev.trade.side });
  const m = t.bookMetrics(symbol);
  const label = `bundled Binance ${symbol} feed (data/binance-feed), replayed to its end`;
  const result: BookParts = {
    orderbook: m ? bookPart(m, t.recentEvents({ symbol }).filter((e) => e.kind === 'spoof'), label, t.clock.now()) : missing(`the replayed ${symbol} book ended out of sync`),
    exchange_whales: whalePart(trades, minNotional, `${trades.length} taker trades of the ${label}`),
  };
  await t.stop();
  return result;
}
