/**
 * Taker buy/sell volume per symbol over 1m, 5m, 15m, 30m and 60m windows, incrementally.
 *
 * Two views, both driven by the trades' exchange time (never the wall clock):
 * - closed windows: tumbling windows aligned to UTC (a 5m window starts at :00, :05, …).
 *   Each length keeps its own accumulator, so a closed window's volumes are the plain
 *   in-order sum of its trades (a test compares them with a direct sum, bit for bit).
 *   A window closes when a trade (or `advance`) at or past its end arrives; quiet
 *   stretches yield empty windows (trades 0), at most MAX_EMPTY per jump.
 * - rolling: the last W minutes up to now (the current partial minute included), from a
 *   ring of 60 one-minute buckets; the sums of full minutes are recomputed once per minute
 *   from the ring (no add/subtract drift).
 * Cost per trade: a handful of additions per window length, O(1).
 *
 * Interpretation: buyShare above 0.5 means takers were mostly lifting asks (buying).
 */

export const WINDOW_MINUTES = [1, 5, 15, 30, 60] as const;
const MINUTE = 60_000;
/** Empty windows emitted for one jump of time; a longer silence is a gap, reported once. */
export const MAX_EMPTY = 60;

export interface WindowStats {
  buyVolume: number;
  sellVolume: number;
  /** Quote volume (price × amount), taker buys / sells. */
  buyQuote: number;
  sellQuote: number;
  buyTrades: number;
  sellTrades: number;
}

export interface ClosedWindow extends WindowStats {
  /** Window length in minutes. */
  window: number;
  /** Open time (inclusive) and end (exclusive), epoch ms. */
  start: number;
  end: number;
  /** First/last trade price and extremes; NaN when the window had no trade. */
  open: number;
  high: number;
  low: number;
  close: number;
  /** False for the first window of a run, which started inside it. */
  complete: boolean;
}

export const emptyStats = (): WindowStats => ({ buyVolume: 0, sellVolume: 0, buyQuote: 0, sellQuote: 0, buyTrades: 0, sellTrades: 0 });

/** buyVolume / total; NaN when nothing traded (no data is not a 50/50 split). */
export const buyShare = (s: WindowStats): number => {
  const t = s.buyVolume + s.sellVolume;
  return t > 0 ? s.buyVolume / t : NaN;
};

class Accumulator implements WindowStats {
  buyVolume = 0; sellVolume = 0; buyQuote = 0; sellQuote = 0; buyTrades = 0; sellTrades = 0;
  open = NaN; high = NaN; low = NaN; close = NaN;
  start = NaN;
  complete = false;
  reset(start: number, complete: boolean): void {
    this.buyVolume = 0; this.sellVolume = 0; this.buyQuote = 0; this.sellQuote = 0; this.buyTrades = 0; this.sellTrades = 0;
    this.open = NaN; this.high = NaN; this.low = NaN; this.close = NaN;
    this.start = start;
    this.complete = complete;
  }
}

export class VolumeWindows {
  private readonly acc: Accumulator[];
  private readonly lens: number[];
  // Ring of one-minute buckets for the rolling view: index = epoch minute % 60.
  private readonly ring = new Float64Array(60 * 4);
  private readonly ringN = new Uint32Array(60 * 2);
  private curMinute = NaN;
  /** Sums of the full minutes before the current one, per window length: [bv, sv, bq, sq, bn, sn]. */
  private readonly past: Float64Array;
  /** Trades older than the open window (out of order); counted in the open window, reported here. */
  late = 0;
  /** Silences longer than MAX_EMPTY windows (their empty windows were not emitted). */
  gaps = 0;
  lastTime = NaN;

  constructor(readonly windows: readonly number[] = WINDOW_MINUTES) {
    if (windows.some((w) => !Number.isInteger(w) || w < 1 || w > 60)) throw new RangeError('window lengths are whole minutes in [1, 60]');
    this.lens = windows.map((w) => w * MINUTE);
    this.acc = windows.map(() => new Accumulator());
    this.past = new Float64Array(windows.length * 6);
  }

  /** Adds one trade; closed windows go to `onClose` before the trade is counted. */
  add(time: number, price: number, amount: number, takerBuy: boolean, onClose?: (w: ClosedWindow) => void): void {
    if (!(amount > 0) || !Number.isFinite(price)) return;
    if (time < this.lastTime) this.late++;
    else {
      this.advance(time, onClose);
      this.lastTime = time;
    }
    const q = price * amount;
    for (let i = 0; i < this.acc.length; i++) {
      const a = this.acc[i]!;
      if (takerBuy) { a.buyVolume += amount; a.buyQuote += q; a.buyTrades++; } else { a.sellVolume += amount; a.sellQuote += q; a.sellTrades++; }
      if (a.open !== a.open) { a.open = price; a.high = price; a.low = price; }
      else { if (price > a.high) a.high = price; if (price < a.low) a.low = price; }
      a.close = price;
    }
    const slot = this.curMinute % 60;
    if (takerBuy) { this.ring[slot * 4] += amount; this.ring[slot * 4 + 2] += q; this.ringN[slot * 2]++; }
    else { this.ring[slot * 4 + 1] += amount; this.ring[slot * 4 + 3] += q; this.ringN[slot * 2 + 1]++; }
  }

  /** Moves time to `time` without a trade: closes the windows that ended. */
  advance(time: number, onClose?: (w: ClosedWindow) => void): void {
    if (!(time >= this.lastTime) && !Number.isNaN(this.lastTime)) return;
    for (let i = 0; i < this.acc.length; i++) {
      const a = this.acc[i]!;
      const len = this.lens[i]!;
      const start = time - (time % len);
      if (Number.isNaN(a.start)) { a.reset(start, time === start); continue; }
      if (start === a.start) continue;
      onClose?.(this.closed(i, a));
      const empties = (start - a.start) / len - 1;
      if (empties > MAX_EMPTY) this.gaps++;
      else if (onClose) for (let k = 1; k <= empties; k++) { a.reset(a.start + len, true); onClose(this.closed(i, a)); }
      a.reset(start, true);
    }
    this.rollMinute(Math.floor(time / MINUTE));
  }

  private closed(i: number, a: Accumulator): ClosedWindow {
    return {
      window: this.windows[i]!, start: a.start, end: a.start + this.lens[i]!,
      buyVolume: a.buyVolume, sellVolume: a.sellVolume, buyQuote: a.buyQuote, sellQuote: a.sellQuote,
      buyTrades: a.buyTrades, sellTrades: a.sellTrades,
      open: a.open, high: a.high, low: a.low, close: a.close, complete: a.complete,
    };
  }

  private rollMinute(minute: number): void {
    if (minute === this.curMinute) return;
    const prev = this.curMinute;
    this.curMinute = minute;
    // Clear the slots of the minutes skipped over (up to the whole ring).
    const steps = Number.isNaN(prev) ? 60 : Math.min(60, minute - prev);
    for (let k = 0; k < steps; k++) {
      const s = (minute - k) % 60;
      this.ring.fill(0, s * 4, s * 4 + 4);
      this.ringN.fill(0, s * 2, s * 2 + 2);
    }
    this.past.fill(0);
    for (let i = 0; i < this.windows.length; i++) {
      const w = this.windows[i]!;
      const o = i * 6;
      for (let m = minute - w + 1; m < minute; m++) {
        const s = m % 60;
        this.past[o] += this.ring[s * 4]!; this.past[o + 1] += this.ring[s * 4 + 1]!;
        this.past[o + 2] += this.ring[s * 4 + 2]!; this.past[o + 3] += this.ring[s * 4 + 3]!;
        this.past[o + 4] += this.ringN[s * 2]!; this.past[o + 5] += this.ringN[s * 2 + 1]!;
      }
    }
  }

  /**
   * The last `window` minutes (its index in `windows`) up to the latest trade: full minutes
   * from the ring plus the current partial one. Minutes before the first trade count as empty.
   */
  rolling(index: number): WindowStats {
    const o = index * 6;
    const s = this.curMinute % 60;
    if (Number.isNaN(this.curMinute)) return emptyStats();
    return {
      buyVolume: this.past[o]! + this.ring[s * 4]!, sellVolume: this.past[o + 1]! + this.ring[s * 4 + 1]!,
      buyQuote: this.past[o + 2]! + this.ring[s * 4 + 2]!, sellQuote: this.past[o + 3]! + this.ring[s * 4 + 3]!,
      buyTrades: this.past[o + 4]! + this.ringN[s * 2]!, sellTrades: this.past[o + 5]! + this.ringN[s * 2 + 1]!,
    };
  }

  /** The open (not yet closed) window of each length, for display. */
  open(index: number): ClosedWindow | null {
    const a = this.acc[index]!;
    return Number.isNaN(a.start) ? null : this.closed(index, a);
  }
}
