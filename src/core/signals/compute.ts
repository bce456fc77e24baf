import { type Candles, candleCount, sliceCandles } from '../series.js';
import { finiteOrNull, significant as fmt } from '../numbers.js';
// The two kernels alone, not the registry: importing all 161 indicators costs a compute
// thread ~120 ms of CPU at start. Same functions the registry's RSI and ATR run.
import { rsi as rsiKernel, RSI } from '../indicators/momentum/rsi.js';
import { atr as atrKernel, ATR } from '../indicators/volatility/atr.js';
import { type IndicatorDef, IndicatorError } from '../indicators/types.js';
import { fibLevels } from '../structure/fibonacci.js';
import { findSwings } from '../structure/swings.js';
import { resolveStructureConfig } from './config.js';
import { measureConfidence } from './confidence.js';
import { FACTOR_BIT, confluenceOf, factorList, scoreOf } from './factors.js';
import { type BarEval, type Leg, type SetupFilter, StructureWalk } from './walk.js';
import type { FactorName, FibLevels, KeptStructure, Signal, SignalOptions, StructureConfig, StructureResult, Swing } from './types.js';

/**
 * Market structure, trade plan and calibrated confidence as known at the close of bar
 * `at` (default: the last bar). Only candles [0..at] are read, so the result at `at` on
 * a long series equals the result on the prefix ending at `at`. Pure: no I/O, no clock.
 */
export function computeSignal(candles: Candles, opts: SignalOptions = {}): StructureResult {
  const cfg = resolveStructureConfig(opts);
  const total = candleCount(candles);
  if (total === 0) throw new RangeError('computeSignal: no candles');
  const at = opts.at ?? total - 1;
  if (!Number.isInteger(at) || at < 0 || at >= total) throw new RangeError(`computeSignal: at must be an integer in [0, ${total - 1}], got ${at}`);
  const c = at === total - 1 ? candles : sliceCandles(candles, 0, at + 1);
  const n = at + 1;

  const { walk, rsi, atr } = structureWalk(c, cfg);
  for (let i = 0; i < n; i++) walk.step(i);
  return describe(c, walk, rsi, atr, cfg, opts, at);
}

/**
 * computeSignal(series, { ...opts, at }) for a rising `at` on one series, walking each bar
 * once: the walk's state after bar i reads bars [0..i] only (the no-look-ahead rule), so
 * the walk up to the previous `at` is continued, not redone. RSI and ATR at a bar read only
 * the bars up to it, with the same operations whatever follows, so they are computed once
 * on the whole series; swings are found once too (the walk takes a swing in only at its
 * confirmation bar). The result at `at` reads candles [0..at] only; an `at` below the
 * previous one starts the walk over. For callers that ask about every closed candle of a
 * series in turn (the pipeline's replay).
 */
export class PrefixSignals {
  private readonly cfg: StructureConfig;
  private inputs: { rsi: Float64Array; atr: Float64Array; tol: Float64Array; swings: Swing[] } | null = null;
  private walk: StructureWalk | null = null;
  /** Next bar to step. */
  private next = 0;

  /** `cfg` and `swings` when the caller already has them for this series (WindowSignals). */
  constructor(readonly series: Candles, private readonly opts: SignalOptions = {}, cfg?: StructureConfig, private readonly seriesSwings?: Swing[]) {
    this.cfg = cfg ?? resolveStructureConfig(opts);
  }

  at(at: number): StructureResult {
    const walk = this.advance(at);
    return describe(this.series, walk, this.inputs!.rsi, this.inputs!.atr, this.cfg, this.opts, at);
  }

  /** What a store keeps of at(at), the last `swings` swings of it. */
  kept(at: number, swings: number): KeptStructure {
    const walk = this.advance(at);
    return describeKept(this.series, walk, this.inputs!.rsi, this.inputs!.atr, this.cfg, this.opts, at, swings);
  }

  /** The walk stepped through bar `at`. */
  private advance(at: number): StructureWalk {
    const total = candleCount(this.series);
    if (!Number.isInteger(at) || at < 0 || at >= total) throw new RangeError(`PrefixSignals: at must be an integer in [0, ${total - 1}], got ${at}`);
    if (!this.inputs) {
      const { rsi, atr, tol } = indicatorsOf(this.series, this.cfg);
      const swings = this.seriesSwings ?? findSwings(this.series.time, this.series.high, this.series.low, this.cfg.strength);
      this.inputs = { rsi, atr, tol, swings };
    }
    if (!this.walk || at < this.next - 1) {
      const { rsi, tol, swings } = this.inputs;
      this.walk = new StructureWalk(this.series, this.cfg, rsi, tol, false, swings);
      this.next = 0;
    }
    for (; this.next <= at; this.next++) this.walk.step(this.next);
    return this.walk;
  }
}

/**
 * computeSignal(sliceCandles(series, start, at + 1), opts) for any window of one series,
 * with what windows of the series can share computed once: the resolved config, the swings
 * (a swing at bar j reads bars j - strength .. j + strength only, so the swings of a window
 * are the series' swings whose whole neighbourhood lies in it, re-indexed) and the
 * indicator buffers, reused from window to window. Windows starting at the series' first
 * candle continue one walk (PrefixSignals). Each other window is walked afresh from its
 * first candle, as computeSignal does: ATR and RSI are seeded there, levels clustered from
 * its first swing. For the pipeline, which asks for the lookback window of every candle.
 */
export class WindowSignals {
  private readonly cfg: StructureConfig;
  private readonly prefix: PrefixSignals;
  private readonly swings: Swing[];
  /** RSI, ATR and volatility unit of the current window, reused by the next one of the same length. */
  private rsiBuf = new Float64Array(0);
  private atrBuf = new Float64Array(0);
  private tolBuf = new Float64Array(0);
  /**
   * The setups a window's walk records: those of the previous window's direction and factor
   * set when its signal was valid, else none. Confidence needs the setups of the window's
   * last bar's own set, and only when its signal is valid (a quarter of the bundled replay's
   * candles): a walk recording every set costs ~1.7 times one recording none (the zone
   * factors and plans of every pullback bar), and even one set costs a few percent. A valid
   * window mostly follows a valid one with the same set; when the guess misses (~2 valid
   * windows in 5), the walk runs again for the right set (StructureWalk.setupsOf). Same
   * setups, so the same results. Guessing after invalid windows too (the last valid set)
   * misses less (757 vs 826 of 2025) but records on 8239 windows instead of 2020: ~4% more
   * compute in alternated runs.
   */
  private record: SetupFilter = 'none';

  constructor(readonly series: Candles, private readonly opts: SignalOptions = {}) {
    this.cfg = resolveStructureConfig(opts);
    checkPeriod(RSI, this.cfg.rsiPeriod);
    checkPeriod(ATR, this.cfg.atrPeriod);
    this.swings = findSwings(series.time, series.high, series.low, this.cfg.strength);
    // The prefix walk reads the series through a view of the same shape as the windows'
    // slices: a history object of another shape (a thread's structured clone) would make the
    // walk's hot functions deoptimize and compile again when the first window of another
    // start arrives. Same arrays, same values.
    this.prefix = new PrefixSignals(sliceCandles(series, 0), opts, this.cfg, this.swings);
  }

  /** The result at bar `at` of the window [start, at] of the series, indexes counted from `start`. */
  window(start: number, at: number): StructureResult {
    if (this.check(start, at) === 0) return this.prefix.at(at);
    const { c, walk, rsi, atr } = this.walkWindow(start, at);
    return this.guessed(describe(c, walk, rsi, atr, this.cfg, this.opts, at - start));
  }

  /** What a store keeps of window(start, at), the last `swings` swings of it. */
  kept(start: number, at: number, swings: number): KeptStructure {
    if (this.check(start, at) === 0) return this.prefix.kept(at, swings);
    const { c, walk, rsi, atr } = this.walkWindow(start, at);
    return this.guessed(describeKept(c, walk, rsi, atr, this.cfg, this.opts, at - start, swings));
  }

  /** Takes a valid signal's direction and factor set as the next window's setup filter, none after an invalid one. */
  private guessed<T extends { signal: Signal }>(r: T): T {
    const s = r.signal;
    if (s.valid && s.direction !== 'neutral') {
      let mask = 0;
      for (const f of s.confluence) mask |= FACTOR_BIT[f];
      const r0 = this.record;
      if (r0 === 'none' || r0 === 'all' || r0.direction !== s.direction || r0.mask !== mask) this.record = { direction: s.direction, mask };
    } else this.record = 'none';
    return r;
  }

  private check(start: number, at: number): number {
    const total = candleCount(this.series);
    if (!Number.isInteger(at) || !Number.isInteger(start) || start < 0 || start > at || at >= total) {
      throw new RangeError(`WindowSignals: need integers 0 <= start <= at < ${total}, got start ${start}, at ${at}`);
    }
    return start;
  }

  /** The walk over the window [start, at], stepped through its last bar (the RSI and ATR arrays are reused by the next window). */
  private walkWindow(start: number, at: number): { c: Candles; walk: StructureWalk; rsi: Float64Array; atr: Float64Array } {
    const c = sliceCandles(this.series, start, at + 1);
    const n = at + 1 - start;
    if (this.tolBuf.length !== n) {
      this.rsiBuf = new Float64Array(n);
      this.atrBuf = new Float64Array(n);
      this.tolBuf = new Float64Array(n);
    }
    // Every cell is written (NaN during the warm-up), so nothing of the previous window remains.
    const rsi = rsiKernel(c.close, this.cfg.rsiPeriod, this.rsiBuf);
    const atr = atrKernel(c.high, c.low, c.close, this.cfg.atrPeriod, this.atrBuf);
    const tol = volatilityUnit(c, atr, this.tolBuf);
    const walk = new StructureWalk(c, this.cfg, rsi, tol, false, this.windowSwings(start, at), this.record);
    for (let i = 0; i < n; i++) walk.step(i);
    return { c, walk, rsi, atr };
  }

  /** findSwings on the window [start, at]: the series' swings at bars start + strength .. at - strength. */
  private windowSwings(start: number, at: number): Swing[] {
    const all = this.swings;
    const strength = this.cfg.strength;
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (all[mid]!.index < start + strength) lo = mid + 1;
      else hi = mid;
    }
    const out: Swing[] = [];
    for (let k = lo; k < all.length; k++) {
      const s = all[k]!;
      if (s.index + strength > at) break;
      out.push({ index: s.index - start, confirmedAt: s.confirmedAt - start, time: s.time, price: s.price, kind: s.kind });
    }
    return out;
  }
}

/** The result at the last bar `at` of `c`, from the walk stepped through it. */
function describe(c: Candles, walk: StructureWalk, rsi: Float64Array, atr: Float64Array, cfg: StructureConfig, opts: SignalOptions, at: number): StructureResult {
  const close = c.close[at]!;
  const signal = baseSignal(c, walk, opts, at);
  const base = {
    swings: walk.confirmed.slice(),
    levels: walk.levels.snapshot(close),
    orderBlocks: walk.blocks.blocks.map((b) => ({ ...b })),
    rsi: finiteOrNull(rsi[at]!),
    atr: finiteOrNull(atr[at]!),
    at,
    config: cfg,
  };
  const leg = walk.leg;
  if (!leg) {
    signal.invalidReasons.push(noLegReason(walk, cfg));
    const none = 'no swing leg';
    return { ...base, signal, fib: null, planBasis: null, factors: factorList(0, { OB: none, SR: none, RSI: none, FIB: none, SWING: none }) };
  }
  const ev = walk.evaluate(at, true);
  const p = ev.plan;
  const fib = fibOf(walk, leg, ev, close, cfg);
  placePlan(signal, c, walk, leg, ev, at, cfg);
  const planBasis = { stopAnchor: p.stopAnchor, stopStructure: p.stopStructure, stopBuffer: Math.abs(p.stopStructure - p.sl), targetSources: [...p.targetSources] };
  return { ...base, signal, fib, planBasis, factors: factorList(ev.mask, factorDetails(leg, ev, base.rsi, cfg)) };
}

/**
 * What a store keeps of the result at the last bar `at` of `c` (see KeptStructure), the
 * same values as describe() has there, without what the store does not keep: the order
 * blocks, the plan basis, all but the last `swings` swings, and the reasons and factor
 * details of a signal that is not valid.
 */
function describeKept(c: Candles, walk: StructureWalk, rsi: Float64Array, atr: Float64Array, cfg: StructureConfig, opts: SignalOptions, at: number, swings: number): KeptStructure {
  const close = c.close[at]!;
  const signal = baseSignal(c, walk, opts, at);
  const confirmed = walk.confirmed;
  const kept: KeptStructure = {
    signal,
    swings: confirmed.slice(Math.max(0, confirmed.length - swings)),
    levels: walk.levels.snapshot(close),
    fib: null,
    factors: null,
    rsi: finiteOrNull(rsi[at]!),
    atr: finiteOrNull(atr[at]!),
  };
  const leg = walk.leg;
  if (!leg) return kept;
  const ev = walk.evaluate(at, false);
  kept.fib = fibOf(walk, leg, ev, close, cfg);
  if (ev.problems.length !== 0) return kept;
  placePlan(signal, c, walk, leg, ev, at, cfg);
  kept.factors = factorList(ev.mask, factorDetails(leg, ev, kept.rsi, cfg));
  return kept;
}

/** The signal before the plan: neutral, invalid, with the bar's price and nearest levels. */
function baseSignal(c: Candles, walk: StructureWalk, opts: SignalOptions, at: number): Signal {
  const close = c.close[at]!;
  const near = walk.levels.nearest(close);
  return {
    symbol: opts.symbol ?? '',
    timeframe: opts.timeframe ?? '',
    time: c.time[at]!,
    direction: 'neutral',
    marketScore: 0,
    price: close,
    entry1: null, entry2: null, sl: null, tp1: null, tp2: null, tp3: null,
    swingHigh: null, swingLow: null,
    supportLevel: finiteOrNull(near.support),
    resistanceLevel: finiteOrNull(near.resistance),
    confluence: [],
    riskRewardRatio: null,
    confidenceScore: null,
    confidenceSample: 0,
    valid: false,
    invalidReasons: [],
  };
}

function noLegReason(walk: StructureWalk, cfg: StructureConfig): string {
  return walk.confirmed.length ? 'no swing leg yet: need a confirmed swing high and low' : `no confirmed swing yet (strength ${cfg.strength} needs ${2 * cfg.strength + 1} bars around a turn)`;
}

function fibOf(walk: StructureWalk, leg: Leg, ev: BarEval, close: number, cfg: StructureConfig): FibLevels {
  const { worstClose, beyond } = walk.extremes();
  const up = ev.plan.direction === 'long';
  return fibLevels({ from: leg.from, to: leg.to, close, worstClose, beyondExtreme: beyond, side: up ? cfg.fibLong : cfg.fibShort, pullbackStart: cfg.pullbackStart, invalidationDepth: ev.invalidAt });
}

/** The plan, score and measured confidence of bar `at` into `signal`. */
function placePlan(signal: Signal, c: Candles, walk: StructureWalk, leg: Leg, ev: BarEval, at: number, cfg: StructureConfig): void {
  const p = ev.plan;
  const valid = ev.problems.length === 0;
  const conf = valid ? measureConfidence(c, walk.setupsOf(p.direction, ev.mask), p.direction, ev.mask, at, cfg.minSample) : null;
  signal.marketScore = scoreOf(ev.mask);
  signal.direction = p.direction;
  signal.entry1 = p.entry1;
  signal.entry2 = p.entry2;
  signal.sl = p.sl;
  signal.tp1 = p.tp1;
  signal.tp2 = p.tp2;
  signal.tp3 = p.tp3;
  signal.swingHigh = Math.max(leg.from.price, leg.to.price);
  signal.swingLow = Math.min(leg.from.price, leg.to.price);
  signal.confluence = confluenceOf(ev.mask);
  signal.riskRewardRatio = finiteOrNull(p.riskReward);
  signal.confidenceScore = conf?.score ?? null;
  signal.confidenceSample = conf?.sample ?? 0;
  signal.valid = valid;
  signal.invalidReasons = ev.problems;
}

function factorDetails(leg: Leg, ev: BarEval, rsiAt: number | null, cfg: StructureConfig): Record<FactorName, string> {
  const up = ev.plan.direction === 'long';
  const zone = `entry zone ${fmt(ev.zoneLow)}–${fmt(ev.zoneHigh)}`;
  const has = (f: FactorName) => (ev.mask & FACTOR_BIT[f]) !== 0;
  const prev = leg.prevSame;
  return {
    OB: ev.block ? `${ev.block.kind} order block ${fmt(ev.block.low)}–${fmt(ev.block.high)} (${ev.block.state}) in the ${zone}` : `no unbroken ${up ? 'bullish' : 'bearish'} order block in the ${zone}`,
    SR: has('SR') ? `active level ${fmt(ev.srLevel)} in the ${zone}` : `no active level in the ${zone}`,
    RSI: rsiAt === null ? 'RSI in warm-up' : `RSI ${fmt(rsiAt)} ${has('RSI') ? (up ? '<=' : '>=') : (up ? '>' : '<')} ${up ? `oversold ${cfg.rsiOversold}` : `overbought ${cfg.rsiOverbought}`}`,
    FIB: `retraced ${fmt(ev.depth)} of the leg (${ev.pullback}); fires from ${up ? cfg.fibLong.approaching : cfg.fibShort.approaching} until the stop`,
    SWING: prev ? `swing ${leg.to.kind} ${fmt(leg.to.price)} vs previous ${fmt(prev.price)}: ${has('SWING') ? (up ? 'higher high' : 'lower low') : (up ? 'no higher high' : 'no lower low')}` : `no earlier swing ${leg.to.kind} to compare`,
  };
}

/**
 * The walk over `c` with its indicator inputs, not stepped yet. `exhaustive` evaluates the
 * plan at every bar, as the rules are written, instead of only where a setup can arise:
 * the reference the shortcuts are tested against. `record`: the setups it records (all).
 */
export function structureWalk(c: Candles, cfg: StructureConfig, opts: { exhaustive?: boolean; record?: SetupFilter } = {}): { walk: StructureWalk; rsi: Float64Array; atr: Float64Array } {
  const { rsi, atr, tol } = indicatorsOf(c, cfg);
  const walk = new StructureWalk(c, cfg, rsi, tol, opts.exhaustive ?? false, undefined, opts.record);
  return { walk, rsi, atr };
}

function indicatorsOf(c: Candles, cfg: StructureConfig): { rsi: Float64Array; atr: Float64Array; tol: Float64Array } {
  checkPeriod(RSI, cfg.rsiPeriod);
  checkPeriod(ATR, cfg.atrPeriod);
  const rsi = rsiKernel(c.close, cfg.rsiPeriod);
  const atr = atrKernel(c.high, c.low, c.close, cfg.atrPeriod);
  return { rsi, atr, tol: volatilityUnit(c, atr) };
}

/** The registry's check of an indicator's one period parameter (resolveParams), with its errors. */
function checkPeriod(def: IndicatorDef, value: number): void {
  const spec = def.params[0]!;
  if (typeof value !== 'number' || Number.isNaN(value)) throw new IndicatorError(`${def.name}: parameter ${spec.name} must be a number`, spec.name);
  if (!Number.isInteger(value)) throw new IndicatorError(`${def.name}: parameter ${spec.name} must be an integer`, spec.name);
  if (value < spec.min || value > spec.max) {
    throw new IndicatorError(`${def.name}: parameter ${spec.name} must be in [${spec.min}, ${spec.max}], got ${value}`, spec.name);
  }
}

/**
 * ATR where defined; during ATR's warm-up the mean high-low range so far, so the first
 * swings still get a tolerance in price units that uses only past bars.
 */
function volatilityUnit(c: Candles, atr: Float64Array, out = new Float64Array(atr.length)): Float64Array {
  const n = atr.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += c.high[i]! - c.low[i]!;
    const a = atr[i]!;
    out[i] = Number.isFinite(a) ? a : sum / (i + 1);
  }
  return out;
}

