/**
 * Spoofing rule (incremental, per symbol).
 *
 * A level is a *candidate* when a book update raises its size to at least
 * `sizeFactor` × the side's reference size (the mean level size within the band, given
 * by the caller from the latest analytics) while it lies within `bandPct` of mid but at
 * least `minDistanceBps` away from it, having been below that bar before the update.
 * A candidate is a *spoof* when, within `maxLifeMs` of appearing, an update cuts its size
 * by at least `removedFrac` of the candidate size AND no trade printed at that price in
 * between. A trade at the price clears the candidate (the liquidity was real and was
 * hit); a candidate older than `maxLifeMs` is a genuine wall and is forgotten.
 *
 * Defaults: factor 20 × mean, band ±0.5 %, at least 5 bp from mid, life 10 s, removed
 * ≥ 75 %. Quotes at the touch are excluded because market makers re-price them many
 * times a second; a spoof is a large order that is not meant to be reached.
 */
export interface SpoofOptions {
  sizeFactor: number;
  bandPct: number;
  maxLifeMs: number;
  removedFrac: number;
  /** Candidates kept at most (the oldest go first). */
  maxCandidates: number;
  /** Candidates must sit at least this far from mid (bps): quotes at the touch are re-priced all the time and are meant to trade. */
  minDistanceBps: number;
}

export const DEFAULT_SPOOF_OPTIONS: Readonly<SpoofOptions> = Object.freeze({
  sizeFactor: 20, bandPct: 0.005, maxLifeMs: 10_000, removedFrac: 0.75, maxCandidates: 256, minDistanceBps: 5,
});

export interface Spoof {
  side: 'bid' | 'ask';
  price: number;
  /** Size when it appeared and what was left. */
  size: number;
  left: number;
  appeared: number;
  vanished: number;
  /** Size relative to the reference at appearance. */
  ratio: number;
}

interface Candidate { side: 'bid' | 'ask'; price: number; size: number; appeared: number; ratio: number }

export class SpoofTracker {
  private readonly bids = new Map<number, Candidate>();
  private readonly asks = new Map<number, Candidate>();
  constructor(readonly opts: SpoofOptions = DEFAULT_SPOOF_OPTIONS) {}

  /**
   * One level update: `before` is the size resting before it, `after` the new size.
   * `ref` is the reference size of that side (NaN = unknown: no new candidates).
   */
  onLevel(side: 'bid' | 'ask', price: number, before: number, after: number, time: number, mid: number, ref: number): Spoof | null {
    const map = side === 'bid' ? this.bids : this.asks;
    const c = map.get(price);
    if (c) {
      if (time - c.appeared > this.opts.maxLifeMs) {
        map.delete(price);
      } else if (after <= c.size * (1 - this.opts.removedFrac)) {
        map.delete(price);
        return { side, price, size: c.size, left: after, appeared: c.appeared, vanished: time, ratio: c.ratio };
      } else {
        return null;
      }
    }
    if (!(ref > 0)) return null;
    const bar = this.opts.sizeFactor * ref;
    const dist = Math.abs(price - mid);
    if (after >= bar && before < bar && dist <= mid * this.opts.bandPct && dist >= mid * this.opts.minDistanceBps * 1e-4) {
      if (map.size >= this.opts.maxCandidates) map.delete(map.keys().next().value!);
      map.set(price, { side, price, size: after, appeared: time, ratio: after / ref });
    }
    return null;
  }

  /** A print at `price` clears candidates there: that liquidity was real. */
  onTrade(price: number): void {
    this.bids.delete(price);
    this.asks.delete(price);
  }

  /** Forgets candidates older than the life limit (call now and then; bounds memory). */
  sweep(time: number): void {
    for (const m of [this.bids, this.asks]) for (const [p, c] of m) if (time - c.appeared > this.opts.maxLifeMs) m.delete(p);
  }

  /** After a resync the levels' history is unknown. */
  reset(): void {
    this.bids.clear();
    this.asks.clear();
  }

  get candidates(): number {
    return this.bids.size + this.asks.size;
  }
}
