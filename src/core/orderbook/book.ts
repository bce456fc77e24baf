import type { BookLevel } from '../types.js';

/**
 * One side of an L2 book kept as two parallel arrays (prices and sizes) sorted worst level
 * first, best last: updates are a binary search plus, for a new or removed level, a splice,
 * and most updates land near the touch, at the arrays' end, where a splice moves little.
 * Reading level i from the top is an index, with no hashing (the analytics walk thousands
 * of levels a second). Sorting on every read would make replaying thousands of diffs quadratic.
 */
export class BookSide {
  private readonly prices: number[] = [];
  private readonly sizes: number[] = [];
  constructor(private readonly descending: boolean) {}

  /** First index whose price is not worse than `price` (bids: ascending prices; asks: descending). */
  private position(price: number): number {
    const prices = this.prices;
    let lo = 0;
    let hi = prices.length;
    if (this.descending) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (prices[mid]! < price) lo = mid + 1;
        else hi = mid;
      }
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (prices[mid]! > price) lo = mid + 1;
        else hi = mid;
      }
    }
    return lo;
  }

  set(price: number, size: number): void {
    const i = this.position(price);
    const found = i < this.prices.length && this.prices[i] === price;
    if (size === 0) {
      if (!found) return;
      this.prices.splice(i, 1);
      this.sizes.splice(i, 1);
      return;
    }
    if (found) this.sizes[i] = size;
    else {
      this.prices.splice(i, 0, price);
      this.sizes.splice(i, 0, size);
    }
  }

  /** Replaces the side with `levels` (a snapshot): same result as clear() and set() of each, without a splice per level. */
  load(levels: readonly (readonly [number, number])[]): void {
    const m = new Map<number, number>();
    for (const [p, q] of levels) {
      if (q === 0) m.delete(p);
      else m.set(p, q);
    }
    const ps = [...m.keys()].sort(this.descending ? (a, b) => a - b : (a, b) => b - a);
    this.prices.length = ps.length;
    this.sizes.length = ps.length;
    for (let i = 0; i < ps.length; i++) {
      this.prices[i] = ps[i]!;
      this.sizes[i] = m.get(ps[i]!)!;
    }
  }

  clear(): void {
    this.prices.length = 0;
    this.sizes.length = 0;
  }

  top(n: number): BookLevel[] {
    const len = this.prices.length;
    const k = Math.min(n, len);
    const out: BookLevel[] = new Array(k);
    for (let i = 0; i < k; i++) out[i] = [this.prices[len - 1 - i]!, this.sizes[len - 1 - i]!];
    return out;
  }

  get size(): number {
    return this.prices.length;
  }

  /** Price of the i-th level from the top (best first); undefined past the end. */
  priceAt(i: number): number | undefined {
    return i < this.prices.length ? this.prices[this.prices.length - 1 - i] : undefined;
  }

  sizeAt(i: number): number {
    return i < this.sizes.length ? this.sizes[this.sizes.length - 1 - i]! : 0;
  }

  /**
   * The side's storage, read-only, worst level first: level i from the top is at index
   * `prices.length - 1 - i`. For scans that walk many levels without a call per level.
   */
  levels(): { readonly prices: readonly number[]; readonly sizes: readonly number[] } {
    return { prices: this.prices, sizes: this.sizes };
  }

  /** Size resting at `price` (0 when no level). */
  sizeOf(price: number): number {
    const i = this.position(price);
    return i < this.prices.length && this.prices[i] === price ? this.sizes[i]! : 0;
  }
}

/** An L2 order book fed by a snapshot and absolute-size diffs (size 0 deletes a level). */
export class L2Book {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  nonce = 0;

  loadSnapshot(bids: readonly BookLevel[], asks: readonly BookLevel[], nonce: number): void {
    this.bids.load(bids);
    this.asks.load(asks);
    this.nonce = nonce;
  }

  apply(bids: readonly BookLevel[], asks: readonly BookLevel[], nonce: number): void {
    for (const [p, s] of bids) this.bids.set(p, s);
    for (const [p, s] of asks) this.asks.set(p, s);
    this.nonce = nonce;
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
    this.nonce = 0;
  }
}
