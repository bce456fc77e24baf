import type { Candles } from '../series.js';
import { findSwings } from '../structure/swings.js';
import { LevelBook } from '../structure/levels.js';
import { OrderBlockTracker } from '../structure/orderblocks.js';
import { pullbackState, retracementPrice } from '../structure/fibonacci.js';
import { FACTOR_BIT } from './factors.js';
import { planProblems, planSound, stopDepth, tradePlan, type TradePlan } from './plan.js';
import type { Setup } from './confidence.js';
import type { OrderBlock, PullbackState, StructureConfig, Swing } from './types.js';

/** The factors of the entry zone (zoneFactors); the others are the bar's own (barFactors, and FIB). */
const ZONE_BITS = FACTOR_BIT.OB | FACTOR_BIT.SR;

export interface Leg {
  from: Swing;
  to: Swing;
  /** The swing of `to`'s kind before it (for the SWING factor), if any. */
  prevSame: Swing | null;
}

/** Everything decided at one bar; strings only when asked to explain. */
export interface BarEval {
  plan: TradePlan;
  depth: number;
  pullback: PullbackState;
  /** Depth of the plan's stop, past which a close invalidates the leg. */
  invalidAt: number;
  mask: number;
  problems: string[];
  zoneLow: number;
  zoneHigh: number;
  srLevel: number;
  block: OrderBlock | null;
}

/**
 * Which setups a walk records: all of them, none, or only those of one direction and factor
 * set. Calibrated confidence counts the setups of the bar's own direction and factor set,
 * and only when the bar's plan is valid; recording them is about half of a walk's cost.
 */
export type SetupFilter = 'all' | 'none' | { direction: 'long' | 'short'; mask: number };

/** SetupFilter as StructureWalk.wantMask: every set, no set. */
const WANT_ALL = -1;
const WANT_NONE = -2;

interface PlanMemo {
  leg: Leg;
  zones: unknown;
  blocks: number;
  block: OrderBlock | null;
  plan: TradePlan;
  /** planSound(plan): no problem that holds whatever the bar. */
  sound: boolean;
  /** Depth of the plan's stop, past which a close invalidates the leg. */
  invalidAt: number;
}

/**
 * One pass over the bars that keeps the structure as it was known at each close:
 * swings enter at their confirmation bar, levels and order blocks grow and break bar by
 * bar, and each bar's plan is evaluated. Valid plans are recorded as setups the first
 * time their (leg, direction, factor set) appears, which is what calibrated confidence
 * counts; so one walk yields both the state at the last bar and the history it needs.
 */
export class StructureWalk {
  readonly confirmed: Swing[] = [];
  readonly levels: LevelBook;
  readonly blocks: OrderBlockTracker;
  readonly setups: Setup[] = [];
  leg: Leg | null = null;
  /** Over bars after leg.to: worst close against the plan and farthest price beyond the leg's end. */
  private worstClose = NaN;
  private beyond = NaN;
  /** Bit m set: a setup with factor set m was recorded on the current leg (five factors, so m < 32). */
  private seenMasks = 0;
  private readonly pending: readonly Swing[];
  private next = 0;
  private lastHigh: Swing | null = null;
  private lastLow: Swing | null = null;
  /** The plan changes only with the leg, the active levels or the unbroken blocks: reuse it otherwise. */
  private planMemo: PlanMemo | null = null;
  /** The setups recorded (SetupFilter): WANT_ALL, WANT_NONE or the one factor set, on legs up (long) when wantUp. */
  private readonly wantMask: number;
  private readonly wantUp: boolean;
  /** Bars stepped so far. */
  private bars = 0;

  constructor(
    private readonly c: Candles,
    private readonly cfg: StructureConfig,
    private readonly rsi: Float64Array,
    /** ATR known at each bar (with a warm-up fallback), the volatility unit. */
    private readonly tol: Float64Array,
    /** Evaluate the plan at every bar and visit every level and block (the reference the shortcuts are tested against). */
    private readonly exhaustive = false,
    /** The swings of `c` (findSwings' answer) when the caller has them already; read, never changed. */
    swings?: readonly Swing[],
    /** The setups to record (an exhaustive walk records all). */
    record: SetupFilter = 'all',
  ) {
    this.pending = swings ?? findSwings(c.time, c.high, c.low, cfg.strength);
    this.wantMask = exhaustive || record === 'all' ? WANT_ALL : record === 'none' ? WANT_NONE : record.mask;
    this.wantUp = typeof record === 'object' && record.direction === 'long';
    this.levels = new LevelBook(exhaustive);
    this.blocks = new OrderBlockTracker(c, cfg.obDisplacementAtr, cfg.obMaxLookback, exhaustive);
  }

  /** Advances through bar i (bars must come in order 0, 1, 2, ...). */
  step(i: number): void {
    const { close, high, low, open } = this.c;
    this.bars = i + 1;
    let legChanged = false;
    let newest: Swing | null = null;
    while (this.next < this.pending.length && this.pending[this.next]!.confirmedAt === i) {
      const s = this.pending[this.next++]!;
      this.confirmed.push(s);
      this.levels.add(s, this.cfg.levelTolAtr * this.tol[i]!);
      this.blocks.onSwing(s);
      // An outside bar makes a high and a low at once: a bullish candle most likely
      // printed its low first, so its high is the leg's end (and the reverse).
      if (!newest || s.index > newest.index || (s.index === newest.index && (s.kind === 'high') === (close[s.index]! >= open[s.index]!))) newest = s;
      if (s.kind === 'high') this.lastHigh = s;
      else this.lastLow = s;
    }
    if (newest) {
      const from = newest.kind === 'high' ? this.prevBefore('low', newest.index) : this.prevBefore('high', newest.index);
      this.leg = from ? { from, to: newest, prevSame: this.prevBefore(newest.kind, newest.index) } : null;
      legChanged = true;
    }
    this.levels.onClose(close[i]!);
    this.blocks.onBar(i, this.tol[i]!);
    const leg = this.leg;
    if (!leg) return;
    const up = leg.to.price >= leg.from.price;
    if (legChanged) {
      this.worstClose = up ? Infinity : -Infinity;
      this.beyond = up ? -Infinity : Infinity;
      this.seenMasks = 0;
      for (let k = leg.to.index + 1; k < i; k++) this.track(up, close[k]!, high[k]!, low[k]!);
    }
    this.track(up, close[i]!, high[i]!, low[i]!);
    if (this.exhaustive) {
      this.record(i, leg, this.evaluate(i, false));
      return;
    }
    if (this.wantMask === WANT_NONE) return;
    // A bar only records a setup when its plan has no problem. Price beyond the leg's end
    // (extended, or invalidated) and a retracement short of the pullback start (none,
    // extended or invalidated) are each a problem whatever the plan says, so such bars
    // skip the plan: the same setups at a fraction of the cost, since the walk runs over
    // the whole lookback window for every closed candle.
    if (up ? this.beyond > leg.to.price : this.beyond < leg.to.price) return;
    const depth = (leg.to.price - close[i]!) / (leg.to.price - leg.from.price);
    if (!(depth >= this.cfg.pullbackStart)) return;
    // The factors a valid plan at this bar would fire (FIB from the depth alone, as it is
    // when the leg is not invalidated); a set already recorded for this leg adds no setup
    // whatever the plan's problems are. A setup of one set never depends on those of
    // another (each set has its own bit in seenMasks), so a walk that records one set skips
    // every bar of another: first on the bar's own factors, then on the zone's.
    const side = up ? this.cfg.fibLong : this.cfg.fibShort;
    const own = this.barFactors(i, leg, up) | (depth >= side.entry1 || depth >= side.approaching ? FACTOR_BIT.FIB : 0);
    const want = this.wantMask;
    if (want !== WANT_ALL && (up !== this.wantUp || own !== (want & ~ZONE_BITS))) return;
    const ifValid = this.zoneFactors(leg, up) | own;
    if (want !== WANT_ALL && ifValid !== want) return;
    if ((this.seenMasks >>> ifValid) & 1) return;
    // What evaluate() + record() would decide, without building the bar's evaluation: here
    // the pullback is neither extended nor short of its start (both returned above), so the
    // plan is valid exactly when it is sound (prices in order, R:R met: the same for every
    // bar of one plan) and no close since the leg's end went beyond its stop; a valid plan's
    // factor set is then `ifValid`.
    const m = this.planFor(leg, this.zBlock);
    if (!m.sound) return;
    if ((leg.to.price - this.worstClose) / (leg.to.price - leg.from.price) > m.invalidAt) return;
    this.seenMasks |= 1 << ifValid;
    const plan = m.plan;
    this.setups.push({
      index: i, direction: plan.direction, mask: ifValid, fromIndex: leg.from.index, toIndex: leg.to.index,
      entry1: plan.entry1, sl: plan.sl, tp1: plan.tp1,
    });
  }

  /**
   * The setups of `direction` with factor set `mask` recorded over the bars stepped so far
   * (with others, when this walk records them): this walk's own when it records that set,
   * else those of a second walk over the same bars that records only that set.
   */
  setupsOf(direction: 'long' | 'short', mask: number): readonly Setup[] {
    if (this.wantMask === WANT_ALL || (this.wantMask === mask && this.wantUp === (direction === 'long'))) return this.setups;
    const w = new StructureWalk(this.c, this.cfg, this.rsi, this.tol, false, this.pending, { direction, mask });
    for (let i = 0; i < this.bars; i++) w.step(i);
    return w.setups;
  }

  /** A valid plan is a setup the first time its factor set appears on the leg. */
  private record(i: number, leg: Leg, ev: BarEval): void {
    if (ev.problems.length === 0 && !((this.seenMasks >>> ev.mask) & 1)) {
      this.seenMasks |= 1 << ev.mask;
      this.setups.push({
        index: i, direction: ev.plan.direction, mask: ev.mask, fromIndex: leg.from.index, toIndex: leg.to.index,
        entry1: ev.plan.entry1, sl: ev.plan.sl, tp1: ev.plan.tp1,
      });
    }
  }

  /** Scratch of zoneFactors: the leg's entry zone and what overlaps it. */
  private zLow = NaN;
  private zHigh = NaN;
  private zBlock: OrderBlock | null = null;
  private zLevel = NaN;

  /** What the z* fields were computed from: the same leg, blocks and levels give the same answer. */
  private zLeg: Leg | null = null;
  private zBlocksVersion = -1;
  private zLevelsVersion = -1;
  private zMask = 0;

  /** OB and SR factors of the leg's entry zone at the current bar (zone and overlaps left in the z* fields). */
  private zoneFactors(leg: Leg, up: boolean): number {
    if (!this.exhaustive && leg === this.zLeg && this.blocks.version === this.zBlocksVersion && this.levels.version === this.zLevelsVersion) return this.zMask;
    const side = up ? this.cfg.fibLong : this.cfg.fibShort;
    const approach = retracementPrice(leg.from, leg.to, side.approaching);
    const fibStop = retracementPrice(leg.from, leg.to, side.stop);
    const zoneLow = Math.min(fibStop, approach);
    const zoneHigh = Math.max(fibStop, approach);
    let mask = 0;
    let block: OrderBlock | null = null;
    for (const b of this.blocks.unbroken()) {
      if ((b.kind === 'bullish') === up && b.high >= zoneLow && b.low <= zoneHigh) {
        block = b;
        mask |= FACTOR_BIT.OB;
        break;
      }
    }
    const srLevel = this.levels.activeIn(zoneLow, zoneHigh);
    if (!Number.isNaN(srLevel)) mask |= FACTOR_BIT.SR;
    this.zLow = zoneLow;
    this.zHigh = zoneHigh;
    this.zBlock = block;
    this.zLevel = srLevel;
    this.zLeg = leg;
    this.zBlocksVersion = this.blocks.version;
    this.zLevelsVersion = this.levels.version;
    this.zMask = mask;
    return mask;
  }

  /** RSI and SWING factors at bar i. */
  private barFactors(i: number, leg: Leg, up: boolean): number {
    let mask = 0;
    const r = this.rsi[i]!;
    if (up ? r <= this.cfg.rsiOversold : r >= this.cfg.rsiOverbought) mask |= FACTOR_BIT.RSI;
    const prev = leg.prevSame;
    if (prev && (up ? leg.to.price > prev.price : leg.to.price < prev.price)) mask |= FACTOR_BIT.SWING;
    return mask;
  }

  private track(up: boolean, cl: number, hi: number, lo: number): void {
    if (up) {
      if (cl < this.worstClose) this.worstClose = cl;
      if (hi > this.beyond) this.beyond = hi;
    } else {
      if (cl > this.worstClose) this.worstClose = cl;
      if (lo < this.beyond) this.beyond = lo;
    }
  }

  /** Latest confirmed swing of `kind` with index < before (confirmed is in index order). */
  private prevBefore(kind: Swing['kind'], before: number): Swing | null {
    const last = kind === 'high' ? this.lastHigh : this.lastLow;
    if (last && last.index < before) return last;
    for (let k = this.confirmed.length - 1; k >= 0; k--) {
      const s = this.confirmed[k]!;
      if (s.kind === kind && s.index < before) return s;
    }
    return null;
  }

  /**
   * The plan and factors at bar i (the current bar of the walk). Factor rules, for a long
   * (up-leg) plan; shorts mirror them. The "entry zone" is [Fibonacci stop, approaching]
   * of the leg (SPEC C's ratios; the plan's own stop sits beyond structure, see plan.ts).
   * - OB: an unbroken bullish order block overlaps the entry zone.
   * - SR: an active level's zone overlaps the entry zone.
   * - RSI: RSI(14) at the bar <= oversold (30); short: >= overbought (70).
   * - FIB: the close has retraced to the approaching ratio or deeper (approaching/in-zone)
   *   without a close beyond the stop since the swing.
   * - SWING: the leg's high is a higher high than the previous confirmed swing high
   *   (short: a lower low), i.e. the leg broke structure in its direction.
   */
  evaluate(i: number, explain: boolean): BarEval {
    const leg = this.leg!;
    const cfg = this.cfg;
    const up = leg.to.price >= leg.from.price;
    const side = up ? cfg.fibLong : cfg.fibShort;
    let mask = this.zoneFactors(leg, up);
    const { zLow: zoneLow, zHigh: zoneHigh, zBlock: block, zLevel: srLevel } = this;
    const { plan, invalidAt } = this.planFor(leg, block);
    const span = leg.to.price - leg.from.price;
    const cl = this.c.close[i]!;
    const depth = (leg.to.price - cl) / span;
    const worstDepth = (leg.to.price - this.worstClose) / span;
    const extended = up ? this.beyond > leg.to.price : this.beyond < leg.to.price;
    const pullback = pullbackState(depth, worstDepth, extended, side, cfg.pullbackStart, invalidAt);
    mask |= this.barFactors(i, leg, up);
    if (pullback === 'approaching' || pullback === 'in-zone') mask |= FACTOR_BIT.FIB;
    const problems = planProblems(plan, pullback, depth, leg.to.price, cfg, explain);
    return { plan, depth, pullback, invalidAt, mask, problems, zoneLow, zoneHigh, srLevel, block };
  }

  /** The trade plan on `leg` with the current levels and blocks, the entries on `block` (memoised). */
  private planFor(leg: Leg, block: OrderBlock | null): PlanMemo {
    const zones = this.levels.activeZones();
    const memo = this.planMemo;
    if (memo !== null && memo.leg === leg && memo.zones === zones && memo.blocks === this.blocks.version && memo.block === block) return memo;
    const plan = tradePlan(leg.from, leg.to, this.cfg, { levels: zones, blocks: this.blocks.unbroken(), entryBlock: block, atr: this.tol[leg.to.confirmedAt]! });
    const m: PlanMemo = { leg, zones, blocks: this.blocks.version, block, plan, sound: planSound(plan, this.cfg), invalidAt: stopDepth(leg.from, leg.to, plan.sl) };
    this.planMemo = m;
    return m;
  }

  /** Extremes since the leg's end, for building the full Fibonacci view. */
  extremes(): { worstClose: number; beyond: number } {
    return { worstClose: this.worstClose, beyond: this.beyond };
  }
}
