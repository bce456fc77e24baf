import { type Candles, candleCount, sliceCandles } from '../series.js';
import { finiteOrNull, significant as fmt } from '../numbers.js';
import { runIndicator } from '../indicators/registry.js';
import { fibLevels } from '../structure/fibonacci.js';
import { resolveStructureConfig } from './config.js';
import { measureConfidence } from './confidence.js';
import { FACTOR_BIT, confluenceOf, factorList, scoreOf } from './factors.js';
import { StructureWalk } from './walk.js';
import type { FactorName, Signal, SignalOptions, StructureConfig, StructureResult } from './types.js';

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
 * the walk up to the previous `at` is continued, not redone. The result at `at` reads
 * candles [0..at] only; an `at` below the previous one starts the walk over. For callers
 * that ask about every closed candle of a series in turn (the pipeline's replay).
 */
export class PrefixSignals {
  private readonly cfg: StructureConfig;
  private walk: StructureWalk | null = null;
  /** Next bar to step. */
  private next = 0;

  constructor(readonly series: Candles, private readonly opts: SignalOptions = {}) {
    this.cfg = resolveStructureConfig(opts);
  }

  at(at: number): StructureResult {
    const total = candleCount(this.series);
    if (!Number.isInteger(at) || at < 0 || at >= total) throw new RangeError(`PrefixSignals: at must be an integer in [0, ${total - 1}], got ${at}`);
    if (at < this.next - 1) {
      this.walk = null;
      this.next = 0;
    }
    const c = at === total - 1 ? this.series : sliceCandles(this.series, 0, at + 1);
    const { rsi, atr, tol } = indicatorsOf(c, this.cfg);
    if (this.walk) this.walk.extend(c, rsi, tol);
    else this.walk = new StructureWalk(c, this.cfg, rsi, tol);
    for (; this.next <= at; this.next++) this.walk.step(this.next);
    return describe(c, this.walk, rsi, atr, this.cfg, this.opts, at);
  }
}

/** The result at the last bar `at` of `c`, from the walk stepped through it. */
function describe(c: Candles, walk: StructureWalk, rsi: Float64Array, atr: Float64Array, cfg: StructureConfig, opts: SignalOptions, at: number): StructureResult {
  const close = c.close[at]!;
  const near = walk.levels.nearest(close);
  const rsiAt = finiteOrNull(rsi[at]!);
  const atrAt = finiteOrNull(atr[at]!);
  const signal: Signal = {
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
  const base = {
    swings: walk.confirmed.slice(),
    levels: walk.levels.snapshot(close),
    orderBlocks: walk.blocks.blocks.map((b) => ({ ...b })),
    rsi: rsiAt,
    atr: atrAt,
    at,
    config: cfg,
  };

  const leg = walk.leg;
  if (!leg) {
    signal.invalidReasons.push(walk.confirmed.length ? 'no swing leg yet: need a confirmed swing high and low' : `no confirmed swing yet (strength ${cfg.strength} needs ${2 * cfg.strength + 1} bars around a turn)`);
    const none = 'no swing leg';
    return { ...base, signal, fib: null, planBasis: null, factors: factorList(0, { OB: none, SR: none, RSI: none, FIB: none, SWING: none }) };
  }

  const ev = walk.evaluate(at, true);
  const p = ev.plan;
  const up = p.direction === 'long';
  const { worstClose, beyond } = walk.extremes();
  const fib = fibLevels({ from: leg.from, to: leg.to, close, worstClose, beyondExtreme: beyond, side: up ? cfg.fibLong : cfg.fibShort, pullbackStart: cfg.pullbackStart, invalidationDepth: ev.invalidAt });
  const valid = ev.problems.length === 0;
  const conf = valid ? measureConfidence(c, walk.setups, p.direction, ev.mask, at, cfg.minSample) : null;
  Object.assign(signal, {
    marketScore: scoreOf(ev.mask),
    direction: p.direction,
    entry1: p.entry1, entry2: p.entry2, sl: p.sl, tp1: p.tp1, tp2: p.tp2, tp3: p.tp3,
    swingHigh: Math.max(leg.from.price, leg.to.price),
    swingLow: Math.min(leg.from.price, leg.to.price),
    confluence: confluenceOf(ev.mask),
    riskRewardRatio: finiteOrNull(p.riskReward),
    confidenceScore: conf?.score ?? null,
    confidenceSample: conf?.sample ?? 0,
    valid,
    invalidReasons: ev.problems,
  } satisfies Partial<Signal>);

  const zone = `entry zone ${fmt(ev.zoneLow)}–${fmt(ev.zoneHigh)}`;
  const has = (f: FactorName) => (ev.mask & FACTOR_BIT[f]) !== 0;
  const prev = leg.prevSame;
  const details: Record<FactorName, string> = {
    OB: ev.block ? `${ev.block.kind} order block ${fmt(ev.block.low)}–${fmt(ev.block.high)} (${ev.block.state}) in the ${zone}` : `no unbroken ${up ? 'bullish' : 'bearish'} order block in the ${zone}`,
    SR: has('SR') ? `active level ${fmt(ev.srLevel)} in the ${zone}` : `no active level in the ${zone}`,
    RSI: rsiAt === null ? 'RSI in warm-up' : `RSI ${fmt(rsiAt)} ${has('RSI') ? (up ? '<=' : '>=') : (up ? '>' : '<')} ${up ? `oversold ${cfg.rsiOversold}` : `overbought ${cfg.rsiOverbought}`}`,
    FIB: `retraced ${fmt(ev.depth)} of the leg (${ev.pullback}); fires from ${up ? cfg.fibLong.approaching : cfg.fibShort.approaching} until the stop`,
    SWING: prev ? `swing ${leg.to.kind} ${fmt(leg.to.price)} vs previous ${fmt(prev.price)}: ${has('SWING') ? (up ? 'higher high' : 'lower low') : (up ? 'no higher high' : 'no lower low')}` : `no earlier swing ${leg.to.kind} to compare`,
  };
  const planBasis = { stopAnchor: p.stopAnchor, stopStructure: p.stopStructure, stopBuffer: Math.abs(p.stopStructure - p.sl), targetSources: [...p.targetSources] };
  return { ...base, signal, fib, planBasis, factors: factorList(ev.mask, details) };
}

/**
 * The walk over `c` with its indicator inputs, not stepped yet. `exhaustive` evaluates the
 * plan at every bar, as the rules are written, instead of only where a setup can arise:
 * the reference the shortcuts are tested against.
 */
export function structureWalk(c: Candles, cfg: StructureConfig, opts: { exhaustive?: boolean } = {}): { walk: StructureWalk; rsi: Float64Array; atr: Float64Array } {
  const { rsi, atr, tol } = indicatorsOf(c, cfg);
  const walk = new StructureWalk(c, cfg, rsi, tol, opts.exhaustive ?? false);
  return { walk, rsi, atr };
}

function indicatorsOf(c: Candles, cfg: StructureConfig): { rsi: Float64Array; atr: Float64Array; tol: Float64Array } {
  const rsi = runIndicator('RSI', [c.close], { timePeriod: cfg.rsiPeriod }).outputs[0]!;
  const atr = runIndicator('ATR', [c.high, c.low, c.close], { timePeriod: cfg.atrPeriod }).outputs[0]!;
  return { rsi, atr, tol: volatilityUnit(c, atr) };
}

/**
 * ATR where defined; during ATR's warm-up the mean high-low range so far, so the first
 * swings still get a tolerance in price units that uses only past bars.
 */
function volatilityUnit(c: Candles, atr: Float64Array): Float64Array {
  const n = atr.length;
  const out = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += c.high[i]! - c.low[i]!;
    const a = atr[i]!;
    out[i] = Number.isFinite(a) ? a : sum / (i + 1);
  }
  return out;
}

