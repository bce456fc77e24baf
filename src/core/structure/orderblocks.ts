import type { Candles } from '../series.js';
import type { OrderBlock, Swing } from '../signals/types.js';

/**
 * Order blocks found bar by bar.
 *
 * Structure reference: the latest confirmed swing high (low). A bullish break of
 * structure is the first close above the reference high at or after its confirmation;
 * the reference is then spent until the next swing high confirms, so one swing yields
 * at most one block. The break counts as a displacement when the breaking candle is
 * bullish with a body of at least `displacementAtr` x ATR; then the bullish order block
 * is the last bearish candle (close < open) within `maxLookback` bars before the break.
 * Bearish blocks mirror this. Zone = the block candle's [low, high].
 *
 * Mitigation, from the bar after the break: a close beyond the far side (below a bullish
 * block's low) breaks it; otherwise trading back into the zone (low <= high of a bullish
 * block) mitigates it. Broken is final and wins when both happen on the same bar.
 */
export class OrderBlockTracker {
  readonly blocks: OrderBlock[] = [];
  /** Changes whenever the set of unbroken blocks does (a block forms or breaks). */
  version = 0;
  private live: OrderBlock[] = [];
  private refHigh: Swing | null = null;
  private refLow: Swing | null = null;

  constructor(
    private readonly c: Candles,
    private readonly displacementAtr: number,
    private readonly maxLookback: number,
    /** Visit every live block on every bar (the reference the trigger shortcut is tested against). */
    private readonly exhaustive = false,
  ) {}

  onSwing(s: Swing): void {
    if (s.kind === 'high') this.refHigh = s;
    else this.refLow = s;
  }

  /**
   * Prices that can change a live block: a close below the highest bullish low or above the
   * lowest bearish high breaks one, a low at or under the highest fresh bullish high or a
   * high at or over the lowest fresh bearish low mitigates one. A bar inside all four
   * leaves every block as it was, and onBar skips the visit. Recomputed when blocks change.
   */
  private bullBreak = -Infinity;
  private bullMitigate = -Infinity;
  private bearBreak = Infinity;
  private bearMitigate = Infinity;
  private triggersStale = false;

  private settleTriggers(): void {
    let bullBreak = -Infinity;
    let bullMitigate = -Infinity;
    let bearBreak = Infinity;
    let bearMitigate = Infinity;
    for (const b of this.live) {
      if (b.kind === 'bullish') {
        if (b.low > bullBreak) bullBreak = b.low;
        if (b.state === 'fresh' && b.high > bullMitigate) bullMitigate = b.high;
      } else {
        if (b.high < bearBreak) bearBreak = b.high;
        if (b.state === 'fresh' && b.low < bearMitigate) bearMitigate = b.low;
      }
    }
    this.bullBreak = bullBreak;
    this.bullMitigate = bullMitigate;
    this.bearBreak = bearBreak;
    this.bearMitigate = bearMitigate;
    this.triggersStale = false;
  }

  /** Advances to bar i; `atr` is the volatility scale known at bar i. */
  onBar(i: number, atr: number): void {
    const { open, high, low, close } = this.c;
    if (this.triggersStale) this.settleTriggers();
    const touched = this.exhaustive || close[i]! < this.bullBreak || low[i]! <= this.bullMitigate || close[i]! > this.bearBreak || high[i]! >= this.bearMitigate;
    if (touched && this.live.length) {
      this.triggersStale = true;
      let keep = 0;
      for (const b of this.live) {
        if (b.kind === 'bullish') {
          if (close[i]! < b.low) { b.state = 'broken'; b.brokenAt = i; }
          else if (b.state === 'fresh' && low[i]! <= b.high) { b.state = 'mitigated'; b.mitigatedAt = i; }
        } else {
          if (close[i]! > b.high) { b.state = 'broken'; b.brokenAt = i; }
          else if (b.state === 'fresh' && high[i]! >= b.low) { b.state = 'mitigated'; b.mitigatedAt = i; }
        }
        if (b.state !== 'broken') this.live[keep++] = b;
      }
      // Setting an array's length is a runtime call even when it does not change.
      if (keep !== this.live.length) {
        this.version++;
        this.live.length = keep;
      }
    }
    const body = close[i]! - open[i]!;
    if (this.refHigh && close[i]! > this.refHigh.price) {
      const swing = this.refHigh;
      this.refHigh = null;
      if (body >= this.displacementAtr * atr) this.form('bullish', i, swing);
    }
    if (this.refLow && close[i]! < this.refLow.price) {
      const swing = this.refLow;
      this.refLow = null;
      if (-body >= this.displacementAtr * atr) this.form('bearish', i, swing);
    }
  }

  /** Blocks not broken yet. */
  unbroken(): readonly OrderBlock[] {
    return this.live;
  }

  private form(kind: OrderBlock['kind'], i: number, swing: Swing): void {
    const { time, open, high, low, close } = this.c;
    const stop = Math.max(0, i - this.maxLookback);
    for (let k = i - 1; k >= stop; k--) {
      const opposite = kind === 'bullish' ? close[k]! < open[k]! : close[k]! > open[k]!;
      if (!opposite) continue;
      const b: OrderBlock = {
        kind, index: k, formedAt: i, time: time[k]!, high: high[k]!, low: low[k]!,
        brokenSwing: swing.index, state: 'fresh', mitigatedAt: null, brokenAt: null,
      };
      this.blocks.push(b);
      this.live.push(b);
      this.triggersStale = true;
      this.version++;
      return;
    }
  }
}
