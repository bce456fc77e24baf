import type { BookSide, L2Book } from './book.js';

/**
 * Order-book figures read off a synced L2 book. All work walks only the levels inside the
 * band around mid, so the cost is bounded by the band, not by the book's size.
 *
 * - spread: ask − bid; spreadBps: spread / mid in basis points.
 * - bidVolume / askVolume: base amount resting within ±bandPct of mid.
 *   imbalance = (bid − ask) / (bid + ask) in [−1, 1]; above 0 = more resting bids
 *   (buyers' side heavier), near ±1 = one side of the band is nearly empty.
 * - depth: cumulative base amount of the top `depthLevels` levels on each side.
 * - walls: levels inside the band whose size is at least `wallFactor` × the mean level
 *   size of that side inside the band (needs `minLevels` levels). The mean, not the
 *   median: real books are full of dust levels (on BTCUSDT the median level in ±0.5 % holds
 *   ~0.002 BTC), against which every ordinary quote would look like a wall. A bid wall is
 *   book-derived support, an ask wall resistance.
 * - jumps ("jump price" levels): a level followed by a price gap at least `jumpFactor` ×
 *   the median gap between consecutive levels in the band; price moves through such
 *   gaps in one step when the level is taken out.
 */
export interface BookAnalyticsOptions {
  /** Half-width of the band around mid, as a fraction (0.005 = ±0.5 %). */
  bandPct: number;
  depthLevels: number;
  wallFactor: number;
  jumpFactor: number;
  minLevels: number;
}

export const DEFAULT_BOOK_OPTIONS: Readonly<BookAnalyticsOptions> = Object.freeze({
  bandPct: 0.005, depthLevels: 20, wallFactor: 20, jumpFactor: 10, minLevels: 8,
});

export interface Wall {
  side: 'bid' | 'ask';
  price: number;
  size: number;
  /** size / mean level size of the side inside the band. */
  ratio: number;
  /** Distance from mid in basis points (positive). */
  distanceBps: number;
}

export interface BookMetrics {
  bid: number;
  ask: number;
  mid: number;
  spread: number;
  spreadBps: number;
  bidVolume: number;
  askVolume: number;
  imbalance: number;
  bidDepth: number;
  askDepth: number;
  bidLevels: number;
  askLevels: number;
  /** Mean level size per side inside the band (NaN below minLevels): the yardstick of walls and spoofs. */
  bidRef: number;
  askRef: number;
  walls: Wall[];
  jumps: { side: 'bid' | 'ask'; price: number; gap: number }[];
  /** Strongest bid wall (support) and ask wall (resistance), NaN when none. */
  support: number;
  resistance: number;
}

function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface SideScan { volume: number; levels: number; prices: number[]; sizes: number[] }

function scanSide(side: BookSide, limit: number, bid: boolean): SideScan {
  const prices: number[] = [];
  const sizes: number[] = [];
  let volume = 0;
  for (let i = 0; i < side.size; i++) {
    const p = side.priceAt(i)!;
    if (bid ? p < limit : p > limit) break;
    const q = side.sizeAt(i);
    volume += q;
    prices.push(p);
    sizes.push(q);
  }
  return { volume, levels: prices.length, prices, sizes };
}

function depth(side: BookSide, n: number): number {
  let d = 0;
  const k = Math.min(n, side.size);
  for (let i = 0; i < k; i++) d += side.sizeAt(i);
  return d;
}

/** null when either side is empty (no mid). */
export function analyzeBook(book: L2Book, o: BookAnalyticsOptions = DEFAULT_BOOK_OPTIONS): BookMetrics | null {
  const bid = book.bids.priceAt(0);
  const ask = book.asks.priceAt(0);
  if (bid === undefined || ask === undefined) return null;
  const mid = (bid + ask) / 2;
  const b = scanSide(book.bids, mid * (1 - o.bandPct), true);
  const a = scanSide(book.asks, mid * (1 + o.bandPct), false);
  const walls: Wall[] = [];
  const jumps: BookMetrics['jumps'] = [];
  let support = NaN;
  let resistance = NaN;
  const medians = { bid: NaN, ask: NaN };
  for (const [name, s] of [['bid', b], ['ask', a]] as const) {
    if (s.levels < o.minLevels) continue;
    const med = s.volume / s.levels;
    medians[name] = med;
    let best = 0;
    for (let i = 0; i < s.levels; i++) {
      const ratio = s.sizes[i]! / med;
      if (ratio >= o.wallFactor) {
        walls.push({ side: name, price: s.prices[i]!, size: s.sizes[i]!, ratio, distanceBps: (Math.abs(s.prices[i]! - mid) / mid) * 1e4 });
        if (ratio > best) {
          best = ratio;
          if (name === 'bid') support = s.prices[i]!;
          else resistance = s.prices[i]!;
        }
      }
    }
    const gaps: number[] = [];
    for (let i = 1; i < s.levels; i++) gaps.push(Math.abs(s.prices[i]! - s.prices[i - 1]!));
    const mg = median(gaps);
    for (let i = 0; i < gaps.length; i++) {
      if (mg > 0 && gaps[i]! >= o.jumpFactor * mg) jumps.push({ side: name, price: s.prices[i]!, gap: gaps[i]! });
    }
  }
  const tot = b.volume + a.volume;
  return {
    bid, ask, mid, spread: ask - bid, spreadBps: ((ask - bid) / mid) * 1e4,
    bidVolume: b.volume, askVolume: a.volume, imbalance: tot > 0 ? (b.volume - a.volume) / tot : NaN,
    bidDepth: depth(book.bids, o.depthLevels), askDepth: depth(book.asks, o.depthLevels),
    bidLevels: b.levels, askLevels: a.levels, bidRef: medians.bid, askRef: medians.ask, walls, jumps, support, resistance,
  };
}
