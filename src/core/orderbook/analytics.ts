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

/**
 * Median of `xs` by selection (Hoare's quickselect, O(n) on average; `xs` is reordered):
 * the same value a full sort would give, without sorting the whole band every sample.
 */
function median(xs: Float64Array): number {
  const n = xs.length;
  if (!n) return NaN;
  const m = n >> 1;
  const hi = select(xs, m);
  if (n % 2) return hi;
  // After selecting m, everything left of m is ≤ xs[m]: the lower middle is their maximum.
  let lo = -Infinity;
  for (let i = 0; i < m; i++) if (xs[i]! > lo) lo = xs[i]!;
  return (lo + hi) / 2;
}

/** Puts the k-th smallest at index k, smaller-or-equal left of it, larger-or-equal right; returns it. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    // Median of three as the pivot: sorted or nearly sorted input (gaps often are) stays linear.
    const mid = (left + right) >>> 1;
    const x = a[left]!;
    const y = a[mid]!;
    const z = a[right]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
}

/**
 * The band of one side: its `levels` best levels within `limit`, read in place. Level i from
 * the top is P[top - i], S[top - i]; sums run best level first, as they always have, so the
 * figures are the same to the last bit.
 */
interface SideScan { volume: number; levels: number; P: readonly number[]; S: readonly number[]; top: number }

function scanSide(side: BookSide, limit: number, bid: boolean): SideScan {
  const { prices: P, sizes: S } = side.levels();
  const top = P.length - 1;
  let volume = 0;
  let i = 0;
  for (; i <= top; i++) {
    const p = P[top - i]!;
    if (bid ? p < limit : p > limit) break;
    volume += S[top - i]!;
  }
  return { volume, levels: i, P, S, top };
}

/** Scratch space for the gaps of a band (reused: a sample per second must not allocate a band's worth). */
let gapBuf = new Float64Array(1024);

function depth(side: BookSide, n: number): number {
  const { sizes: S } = side.levels();
  const top = S.length - 1;
  let d = 0;
  const k = Math.min(n, S.length);
  for (let i = 0; i < k; i++) d += S[top - i]!;
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
    const { P, S, top } = s;
    for (let i = 0; i < s.levels; i++) {
      const size = S[top - i]!;
      const ratio = size / med;
      if (ratio >= o.wallFactor) {
        const price = P[top - i]!;
        walls.push({ side: name, price, size, ratio, distanceBps: (Math.abs(price - mid) / mid) * 1e4 });
        if (ratio > best) {
          best = ratio;
          if (name === 'bid') support = price;
          else resistance = price;
        }
      }
    }
    const n = s.levels - 1;
    if (gapBuf.length < n) gapBuf = new Float64Array(Math.max(n, gapBuf.length * 2));
    const gaps = gapBuf.subarray(0, n);
    for (let i = 0; i < n; i++) gaps[i] = Math.abs(P[top - i - 1]! - P[top - i]!);
    const mg = median(gaps);
    if (mg > 0) {
      const bar = o.jumpFactor * mg;
      for (let i = 0; i < n; i++) {
        const gap = Math.abs(P[top - i - 1]! - P[top - i]!);
        if (gap >= bar) jumps.push({ side: name, price: P[top - i]!, gap });
      }
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
