import type { BookLevel } from '../types.js';

/**
 * One side of an L2 book kept as a sorted price array plus a price->size map:
 * updates are a binary search and a splice, reading the top N is a slice.
 * Sorting on every read would make replaying thousands of diffs quadratic.
 */
export class BookSide {
  private readonly prices: number[] = [];
  private readonly sizes = new Map<number, number>();
  constructor(private readonly descending: boolean) {}

  private position(price: number): number {
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = this.prices[mid]!;
      const before = this.descending ? p > price : p < price;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  set(price: number, size: number): void {
    const had = this.sizes.has(price);
    if (size === 0) {
      if (!had) return;
      this.sizes.delete(price);
      this.prices.splice(this.position(price), 1);
      return;
    }
    this.sizes.set(price, size);
    if (!had) this.prices.splice(this.position(price), 0, price);
  }

  clear(): void {
    this.prices.length = 0;
    this.sizes.clear();
  }

  top(n: number): BookLevel[] {
    const k = Math.min(n, this.prices.length);
    const out: BookLevel[] = new Array(k);
    for (let i = 0; i < k; i++) {
      const p = this.prices[i]!;
      out[i] = [p, this.sizes.get(p)!];
    }
    return out;
  }

  get size(): number {
    return this.prices.length;
  }

  /** Price of the i-th level from the top (best first); undefined past the end. */
  priceAt(i: number): number | undefined {
    return this.prices[i];
  }

  sizeAt(i: number): number {
    return this.sizes.get(this.prices[i]!) ?? 0;
  }

  /** Size resting at `price` (0 when no level). */
  sizeOf(price: number): number {
    return this.sizes.get(price) ?? 0;
  }
}

/** An L2 order book fed by a snapshot and absolute-size diffs (size 0 deletes a level). */
export class L2Book {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  nonce = 0;

  loadSnapshot(bids: readonly BookLevel[], asks: readonly BookLevel[], nonce: number): void {
    this.bids.clear();
    this.asks.clear();
    for (const [p, s] of bids) this.bids.set(p, s);
    for (const [p, s] of asks) this.asks.set(p, s);
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
