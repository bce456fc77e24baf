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
  /** The side the level defends: set by the last touch, flipped once by a break. */
  defends: 'above' | 'below';
  /** A close went through it once since the last touch, so it now defends the other side. */
  flipped: boolean;
  broken: boolean;
  /** Mean price and zone, recomputed at each touch (the only change to them): read every bar. */
  price: number;
  zoneLow: number;
  zoneHigh: number;
}

/**
 * Support/resistance levels grown one confirmed swing at a time, so the levels at bar i
 * are built from swings confirmed by i only and never re-clustered with hindsight.
 *
 * A swing joins the level whose mean price is nearest, if within `tol` (ATR-scaled by
 * the caller, using ATR at the swing's confirmation); otherwise it starts a new level.
 * Role flips (polarity): a level defends the side it was last tested from (a swing high
 * touching it makes it resistance, a swing low support). The first close through the zone
 * against that side flips it: a broken resistance becomes support, a broken support
 * resistance, as chart readers draw them. A second close through it, back the other way
 * and with no new touch in between, breaks it for good (the flipped role failed too). A
 * new touch makes a level active again with the role of that touch.
 */
export interface LevelZone {
  price: number;
  zoneLow: number;
  zoneHigh: number;
}

export class LevelBook {
  private readonly clusters: Cluster[] = [];

  /** `exhaustive` visits every level on every close (the reference the trigger shortcut is tested against). */
  constructor(private readonly exhaustive = false) {}
  private zones: LevelZone[] | null = null;
  /**
   * Changes whenever the active levels' prices or zones may have (a touch or a break), and
   * so does activeZones(). A flip changes neither: it turns the side a level defends, which
   * only the next closes and snapshot() read.
   */
  version = 0;

  add(swing: Swing, tol: number): void {
    this.zones = null;
    this.version++;
    let best: Cluster | undefined;
    let bestDist = Infinity;
    for (const c of this.clusters) {
      const d = Math.abs(swing.price - c.price);
      if (d < bestDist) {
        bestDist = d;
        best = c;
      }
    }
    if (best && bestDist <= tol) {
      // The triggers are a least and a greatest value over the active levels: a touch that
      // moves the level holding one of them needs them recomputed; any other only adds its
      // new values (below).
      if (!best.broken && (best.defends === 'below' ? best.zoneHigh === this.upTrigger : best.zoneLow === this.downTrigger)) this.triggersStale = true;
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
      best.defends = swing.kind === 'high' ? 'below' : 'above';
      best.flipped = false;
      best.broken = false;
      settle(best);
      this.fold(best);
      return;
    }
    const c: Cluster = {
      sum: swing.price, touches: 1, min: swing.price, max: swing.price,
      firstTouch: swing.index, lastTouch: swing.index, lastKind: swing.kind,
      sawHigh: swing.kind === 'high', sawLow: swing.kind === 'low', tol,
      defends: swing.kind === 'high' ? 'below' : 'above', flipped: false, broken: false,
      price: NaN, zoneLow: NaN, zoneHigh: NaN,
    };
    settle(c);
    this.clusters.push(c);
    this.fold(c);
  }

  /**
   * The lowest close that can flip a level defending below it (least zoneHigh of those) and
   * the highest one that can flip a level defending above; NaN-free. Most closes fall
   * between the two and change nothing, which onClose then sees without visiting a level.
   * Kept up to date as levels are touched (fold), recomputed from the levels visited when a
   * close flips or breaks some, and from all of them after a touch moved the level that
   * held one (triggersStale).
   */
  private upTrigger = Infinity;
  private downTrigger = -Infinity;
  private triggersStale = false;

  /** Takes an active level's values into the triggers. */
  private fold(c: Cluster): void {
    if (c.defends === 'below') {
      if (c.zoneHigh < this.upTrigger) this.upTrigger = c.zoneHigh;
    } else if (c.zoneLow > this.downTrigger) this.downTrigger = c.zoneLow;
  }

  private settleTriggers(): void {
    let up = Infinity;
    let down = -Infinity;
    for (const c of this.clusters) {
      if (c.broken) continue;
      if (c.defends === 'below') {
        if (c.zoneHigh < up) up = c.zoneHigh;
      } else if (c.zoneLow > down) down = c.zoneLow;
    }
    this.upTrigger = up;
    this.downTrigger = down;
    this.triggersStale = false;
  }

  /** Applies the close of the next bar to every active level: a break flips it once, then breaks it. */
  onClose(close: number): void {
    if (this.triggersStale) this.settleTriggers();
    if (!this.exhaustive && !(close > this.upTrigger) && !(close < this.downTrigger)) return;
    // Every level is visited: the triggers are recomputed on the way, as settleTriggers would.
    let up = Infinity;
    let down = -Infinity;
    for (const c of this.clusters) {
      if (c.broken) continue;
      if (c.defends === 'below' ? close > c.zoneHigh : close < c.zoneLow) {
        if (c.flipped) {
          c.broken = true;
          this.zones = null;
          this.version++;
          continue;
        }
        c.flipped = true;
        c.defends = c.defends === 'below' ? 'above' : 'below';
      }
      if (c.defends === 'below') {
        if (c.zoneHigh < up) up = c.zoneHigh;
      } else if (c.zoneLow > down) down = c.zoneLow;
    }
    this.upTrigger = up;
    this.downTrigger = down;
  }

  /** Active levels with their zones (cached until a touch or break changes them). */
  activeZones(): readonly LevelZone[] {
    // The clusters themselves (read-only to the caller): a touch or break, the only changes
    // to what is read here, also drops this array, so a kept one never shows a later state.
    this.zones ??= this.clusters.filter((c) => !c.broken);
    return this.zones;
  }

  /** Active levels nearest below and at/above `close` (by level price), or NaN. */
  nearest(close: number): { support: number; resistance: number } {
    let support = NaN;
    let resistance = NaN;
    for (const c of this.clusters) {
      if (c.broken) continue;
      const p = c.price;
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
      if (c.broken || c.zoneHigh < lo || c.zoneLow > hi) continue;
      const p = c.price;
      if (!(Math.abs(p - (lo + hi) / 2) >= Math.abs(best - (lo + hi) / 2))) best = p;
    }
    return best;
  }

  snapshot(close: number): Level[] {
    return this.clusters
      .map((c): Level => {
        const price = c.price;
        return {
          price,
          zoneLow: c.zoneLow,
          zoneHigh: c.zoneHigh,
          touches: c.touches,
          firstTouch: c.firstTouch,
          lastTouch: c.lastTouch,
          strength: c.touches + (c.sawHigh && c.sawLow ? 1 : 0),
          state: c.broken ? 'broken' : 'active',
          flipped: c.flipped,
          role: price < close ? 'support' : 'resistance',
        };
      })
      .sort((a, b) => a.price - b.price);
  }
}

/** Mean of the touches; zone = their range, at least `tol` wide around the mean. */
function settle(c: Cluster): void {
  c.price = c.sum / c.touches;
  c.zoneLow = Math.min(c.min, c.price - c.tol / 2);
  c.zoneHigh = Math.max(c.max, c.price + c.tol / 2);
}
