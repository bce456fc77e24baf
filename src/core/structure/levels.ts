import type { Level, Swing } from '../signals/types.js';

interface Cluster {
  sum: number;
  touches: number;
  min: number;
  max: number;
  firstTouch: number;
  lastTouch: number;
  lastKind: Swing['kind'];
  sawHigh: boolean;
  sawLow: boolean;
  /** Tolerance at the latest touch: the zone is at least this wide. */
  tol: number;
  broken: boolean;
}

/**
 * Support/resistance levels grown one confirmed swing at a time, so the levels at bar i
 * are built from swings confirmed by i only and never re-clustered with hindsight.
 *
 * A swing joins the level whose mean price is nearest, if within `tol` (ATR-scaled by
 * the caller, using ATR at the swing's confirmation); otherwise it starts a new level.
 * A level is broken when a close goes through it against the side it was last tested
 * from (above the zone after a swing high touched it, below after a swing low); a new
 * touch makes it active again, which is how a broken support becomes tested resistance.
 */
export class LevelBook {
  private readonly clusters: Cluster[] = [];

  add(swing: Swing, tol: number): void {
    let best: Cluster | undefined;
    let bestDist = Infinity;
    for (const c of this.clusters) {
      const d = Math.abs(swing.price - c.sum / c.touches);
      if (d < bestDist) {
        bestDist = d;
        best = c;
      }
    }
    if (best && bestDist <= tol) {
      best.sum += swing.price;
      best.touches++;
      if (swing.price < best.min) best.min = swing.price;
      if (swing.price > best.max) best.max = swing.price;
      // Swings arrive in index order, so the newest touch is always the latest.
      best.lastTouch = swing.index;
      best.lastKind = swing.kind;
      if (swing.kind === 'high') best.sawHigh = true;
      else best.sawLow = true;
      best.tol = tol;
      best.broken = false;
      return;
    }
    this.clusters.push({
      sum: swing.price, touches: 1, min: swing.price, max: swing.price,
      firstTouch: swing.index, lastTouch: swing.index, lastKind: swing.kind,
      sawHigh: swing.kind === 'high', sawLow: swing.kind === 'low', tol, broken: false,
    });
  }

  /** Applies the close of the next bar to every active level. */
  onClose(close: number): void {
    for (const c of this.clusters) {
      if (c.broken) continue;
      if (c.lastKind === 'high' ? close > zoneHigh(c) : close < zoneLow(c)) c.broken = true;
    }
  }

  /** Active levels nearest below and at/above `close` (by level price), or NaN. */
  nearest(close: number): { support: number; resistance: number } {
    let support = NaN;
    let resistance = NaN;
    for (const c of this.clusters) {
      if (c.broken) continue;
      const p = c.sum / c.touches;
      if (p < close) {
        if (!(p <= support)) support = p;
      } else if (!(p >= resistance)) resistance = p;
    }
    return { support, resistance };
  }

  /** Price of the active level whose zone overlaps [lo, hi], nearest its middle; NaN if none. */
  activeIn(lo: number, hi: number): number {
    let best = NaN;
    for (const c of this.clusters) {
      if (c.broken || zoneHigh(c) < lo || zoneLow(c) > hi) continue;
      const p = c.sum / c.touches;
      if (!(Math.abs(p - (lo + hi) / 2) >= Math.abs(best - (lo + hi) / 2))) best = p;
    }
    return best;
  }

  snapshot(close: number): Level[] {
    return this.clusters
      .map((c): Level => {
        const price = c.sum / c.touches;
        return {
          price,
          zoneLow: zoneLow(c),
          zoneHigh: zoneHigh(c),
          touches: c.touches,
          firstTouch: c.firstTouch,
          lastTouch: c.lastTouch,
          strength: c.touches + (c.sawHigh && c.sawLow ? 1 : 0),
          state: c.broken ? 'broken' : 'active',
          role: price < close ? 'support' : 'resistance',
        };
      })
      .sort((a, b) => a.price - b.price);
  }
}

function zoneLow(c: Cluster): number {
  return Math.min(c.min, c.sum / c.touches - c.tol / 2);
}

function zoneHigh(c: Cluster): number {
  return Math.max(c.max, c.sum / c.touches + c.tol / 2);
}
