/** The fields of a trade the split needs; core stays free of the market layer's types. */
export interface TradeLike {
  time: number;
  price: number;
  amount: number;
  /** Taker side. */
  side: 'buy' | 'sell';
}

export interface BuySellSplit {
  trades: number;
  buyVolume: number;
  sellVolume: number;
  buyQuoteVolume: number;
  sellQuoteVolume: number;
  /** buyVolume / (buyVolume + sellVolume): above 0.5 means takers were mostly buying. */
  buyRatio: number;
  /** Time span the trades cover, epoch ms; the split says nothing outside it. */
  from: number;
  to: number;
}

/**
 * Taker buy vs sell volume over the trades in [from, until) (all when unbounded).
 * null when no trade falls in the span: no data is not a 50/50 split.
 */
export function buySellSplit(trades: readonly TradeLike[], from = -Infinity, until = Infinity): BuySellSplit | null {
  let n = 0; let bv = 0; let sv = 0; let bq = 0; let sq = 0;
  let first = Infinity; let last = -Infinity;
  for (const t of trades) {
    if (!(t.time >= from && t.time < until) || !Number.isFinite(t.amount)) continue;
    n++;
    if (t.side === 'buy') { bv += t.amount; bq += t.amount * t.price; } else { sv += t.amount; sq += t.amount * t.price; }
    if (t.time < first) first = t.time;
    if (t.time > last) last = t.time;
  }
  if (n === 0) return null;
  const total = bv + sv;
  return { trades: n, buyVolume: bv, sellVolume: sv, buyQuoteVolume: bq, sellQuoteVolume: sq, buyRatio: total > 0 ? bv / total : NaN, from: first, to: last };
}

/** A split tied to one candle: only trades inside [candleTime, candleEnd) count. */
export interface CandleSplit extends BuySellSplit {
  /** Open time of the candle the split describes, and the end of its range (exclusive), epoch ms. */
  candleTime: number;
  candleEnd: number;
  /**
   * The trades fetched reach back before the candle opened, so every trade of the candle is
   * in the split; false when the source's recent-trades window starts inside the candle.
   */
  complete: boolean;
}

/**
 * The taker split of one candle from a list of recent trades. null when no trade falls
 * inside the candle: trades from another time say nothing about this candle.
 */
export function candleSplit(trades: readonly TradeLike[], candleTime: number, candleEnd: number): CandleSplit | null {
  const s = buySellSplit(trades, candleTime, candleEnd);
  if (!s) return null;
  let earliest = Infinity;
  for (const t of trades) if (t.time < earliest) earliest = t.time;
  return { ...s, candleTime, candleEnd, complete: earliest < candleTime };
}
