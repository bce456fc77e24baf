/**
 * TA-Lib's candle settings and the shared machinery of the candlestick patterns.
 *
 * Every pattern compares a candle's body or shadow with "the average range of the N previous
 * candles" for some setting. TA-Lib keeps that average as a running total over the setting's
 * averaging period, started at the function's first output bar and updated after each output
 * by adding the newest range and removing the trailing one. To agree with TA-Lib bit for bit the
 * totals here are built and updated in the same order (`RunningAvg`).
 */
import type { IndicatorDef, ParamSpec, Params } from '../types.js';

/** How a setting measures a candle. */
export const RangeType = { RealBody: 0, HighLow: 1, Shadows: 2 } as const;
export type RangeTypeValue = (typeof RangeType)[keyof typeof RangeType];

export interface CandleSetting {
  readonly name: string;
  readonly rangeType: RangeTypeValue;
  /** Number of previous candles averaged; 0 means "the candle's own range". */
  readonly avgPeriod: number;
  readonly factor: number;
}

function setting(name: string, rangeType: RangeTypeValue, avgPeriod: number, factor: number): CandleSetting {
  return Object.freeze({ name, rangeType, avgPeriod, factor });
}

/** TA-Lib's defaults (TA_CandleDefaultSettings). */
export const BodyLong = setting('BodyLong', RangeType.RealBody, 10, 1.0);
export const BodyVeryLong = setting('BodyVeryLong', RangeType.RealBody, 10, 3.0);
export const BodyShort = setting('BodyShort', RangeType.RealBody, 10, 1.0);
export const BodyDoji = setting('BodyDoji', RangeType.HighLow, 10, 0.1);
export const ShadowLong = setting('ShadowLong', RangeType.RealBody, 0, 1.0);
export const ShadowVeryLong = setting('ShadowVeryLong', RangeType.RealBody, 0, 2.0);
export const ShadowShort = setting('ShadowShort', RangeType.Shadows, 10, 1.0);
export const ShadowVeryShort = setting('ShadowVeryShort', RangeType.HighLow, 10, 0.1);
export const Near = setting('Near', RangeType.HighLow, 5, 0.2);
export const Far = setting('Far', RangeType.HighLow, 5, 0.6);
export const Equal = setting('Equal', RangeType.HighLow, 5, 0.05);

export const CandleSettings = {
  BodyLong, BodyVeryLong, BodyShort, BodyDoji, ShadowLong, ShadowVeryLong,
  ShadowShort, ShadowVeryShort, Near, Far, Equal,
} as const;

/** The four price series of a candle sequence. */
export interface Candles {
  readonly o: Float64Array;
  readonly h: Float64Array;
  readonly l: Float64Array;
  readonly c: Float64Array;
}

export function realBody(d: Candles, i: number): number {
  return Math.abs(d.c[i]! - d.o[i]!);
}
export function upperShadow(d: Candles, i: number): number {
  return d.h[i]! - (d.c[i]! >= d.o[i]! ? d.c[i]! : d.o[i]!);
}
export function lowerShadow(d: Candles, i: number): number {
  return (d.c[i]! >= d.o[i]! ? d.o[i]! : d.c[i]!) - d.l[i]!;
}
export function highLowRange(d: Candles, i: number): number {
  return d.h[i]! - d.l[i]!;
}
/** 1 for white (close >= open), -1 for black. */
export function color(d: Candles, i: number): number {
  return d.c[i]! >= d.o[i]! ? 1 : -1;
}
export function bodyTop(d: Candles, i: number): number {
  return Math.max(d.o[i]!, d.c[i]!);
}
export function bodyBottom(d: Candles, i: number): number {
  return Math.min(d.o[i]!, d.c[i]!);
}
/** Real body of `i2` entirely above the real body of `i1`. */
export function realBodyGapUp(d: Candles, i2: number, i1: number): boolean {
  return bodyBottom(d, i2) > bodyTop(d, i1);
}
/** Real body of `i2` entirely below the real body of `i1`. */
export function realBodyGapDown(d: Candles, i2: number, i1: number): boolean {
  return bodyTop(d, i2) < bodyBottom(d, i1);
}
/** Candle `i2`'s low above candle `i1`'s high. */
export function candleGapUp(d: Candles, i2: number, i1: number): boolean {
  return d.l[i2]! > d.h[i1]!;
}
/** Candle `i2`'s high below candle `i1`'s low. */
export function candleGapDown(d: Candles, i2: number, i1: number): boolean {
  return d.h[i2]! < d.l[i1]!;
}

/** The range a setting measures on candle i. */
export function candleRange(s: CandleSetting, d: Candles, i: number): number {
  switch (s.rangeType) {
    case RangeType.RealBody: return realBody(d, i);
    case RangeType.HighLow: return highLowRange(d, i);
    default: return upperShadow(d, i) + lowerShadow(d, i);
  }
}

/** TA_CANDLEAVERAGE: factor × (total / period, or candle idx's own range for period 0), halved for Shadows. */
export function candleAverage(s: CandleSetting, total: number, d: Candles, idx: number): number {
  return s.factor * (s.avgPeriod !== 0 ? total / s.avgPeriod : candleRange(s, d, idx)) / (s.rangeType === RangeType.Shadows ? 2.0 : 1.0);
}

/** Per-candle range of each range type, computed once per compute() on first use. */
/**
 * TA_CANDLEAVERAGE's running total, kept in rolling form as TA-Lib's own code does: each step adds
 * the range of the candle entering the window and subtracts the one leaving it, computed from the
 * candle (no full-length range series). The range formulas and the order of operations are
 * TA-Lib's, so the totals are the same bits. One class per RangeType, each with its own copy of
 * the methods, so every call site in a pattern kernel is monomorphic and inlines to a few loads.
 */
export interface RunningAvg {
  total: number;
  /** The candle's range for this setting's RangeType. */
  range(i: number): number;
  /** TA_CANDLEAVERAGE for candle `idx` (the candle the total stands for). */
  at(idx: number): number;
  advance(i: number): void;
}

class BodyAvg implements RunningAvg {
  total = 0;
  private trail: number;
  private readonly o: Float64Array;
  private readonly h: Float64Array;
  private readonly l: Float64Array;
  private readonly c: Float64Array;
  private readonly period: number;
  private readonly factor: number;
  private readonly k: number;

  constructor(s: CandleSetting, d: Candles, start: number, k: number) {
    this.o = d.o;
    this.h = d.h;
    this.l = d.l;
    this.c = d.c;
    this.period = s.avgPeriod;
    this.factor = s.factor;
    this.k = k;
    this.trail = start - k - s.avgPeriod;
    for (let j = this.trail; j < start - k; j++) this.total += this.range(j);
  }

  range(i: number): number {
    return Math.abs(this.c[i]! - this.o[i]!);
  }

  at(idx: number): number {
    return this.factor * (this.period !== 0 ? this.total / this.period : this.range(idx));
  }

  advance(i: number): void {
    // (entering - leaving) first, then added to the total: TA-Lib's order.
    this.total += this.range(i - this.k) - this.range(this.trail);
    this.trail++;
  }
}

class HighLowAvg implements RunningAvg {
  total = 0;
  private trail: number;
  private readonly o: Float64Array;
  private readonly h: Float64Array;
  private readonly l: Float64Array;
  private readonly c: Float64Array;
  private readonly period: number;
  private readonly factor: number;
  private readonly k: number;

  constructor(s: CandleSetting, d: Candles, start: number, k: number) {
    this.o = d.o;
    this.h = d.h;
    this.l = d.l;
    this.c = d.c;
    this.period = s.avgPeriod;
    this.factor = s.factor;
    this.k = k;
    this.trail = start - k - s.avgPeriod;
    for (let j = this.trail; j < start - k; j++) this.total += this.range(j);
  }

  range(i: number): number {
    return this.h[i]! - this.l[i]!;
  }

  at(idx: number): number {
    return this.factor * (this.period !== 0 ? this.total / this.period : this.range(idx));
  }

  advance(i: number): void {
    // (entering - leaving) first, then added to the total: TA-Lib's order.
    this.total += this.range(i - this.k) - this.range(this.trail);
    this.trail++;
  }
}

class ShadowAvg implements RunningAvg {
  total = 0;
  private trail: number;
  private readonly o: Float64Array;
  private readonly h: Float64Array;
  private readonly l: Float64Array;
  private readonly c: Float64Array;
  private readonly period: number;
  private readonly factor: number;
  private readonly k: number;

  constructor(s: CandleSetting, d: Candles, start: number, k: number) {
    this.o = d.o;
    this.h = d.h;
    this.l = d.l;
    this.c = d.c;
    this.period = s.avgPeriod;
    this.factor = s.factor;
    this.k = k;
    this.trail = start - k - s.avgPeriod;
    for (let j = this.trail; j < start - k; j++) this.total += this.range(j);
  }

  range(i: number): number {
    return (this.h[i]! - (this.c[i]! >= this.o[i]! ? this.c[i]! : this.o[i]!)) + ((this.c[i]! >= this.o[i]! ? this.o[i]! : this.c[i]!) - this.l[i]!);
  }

  at(idx: number): number {
    return this.factor * (this.period !== 0 ? this.total / this.period : this.range(idx)) / 2.0;
  }

  advance(i: number): void {
    // (entering - leaving) first, then added to the total: TA-Lib's order.
    this.total += this.range(i - this.k) - this.range(this.trail);
    this.trail++;
  }
}

/** The running average of setting `s` for a kernel starting at `start` (k: candles back). */
export function runningAvg(s: CandleSetting, d: Candles, start: number, k = 0): RunningAvg {
  if (s.rangeType === RangeType.RealBody) return new BodyAvg(s, d, start, k);
  if (s.rangeType === RangeType.HighLow) return new HighLowAvg(s, d, start, k);
  return new ShadowAvg(s, d, start, k);
}

export function maxPeriod(...settings: CandleSetting[]): number {
  let m = 0;
  for (const s of settings) if (s.avgPeriod > m) m = s.avgPeriod;
  return m;
}

/** Fills out[start..] for candles d; start is the lookback (first output bar). */
export type PatternKernel = (d: Candles, out: Float64Array, start: number, params: Params) => void;

export const PATTERN_GROUP = 'Pattern Recognition';

export function penetrationParam(def: number): ParamSpec {
  return {
    name: 'penetration', type: 'real', default: def, min: 0, max: 3e37,
    description: 'Percentage of penetration of a candle within another candle',
  };
}

/** Builds the IndicatorDef of a candlestick pattern around its kernel. */
export function patternDef(
  name: string,
  description: string,
  interpretation: string,
  lookback: number,
  kernel: PatternKernel,
  params: readonly ParamSpec[] = [],
): IndicatorDef {
  const run = (inputs: readonly Float64Array[], params: Params, out: Float64Array): void => {
    const [o, h, l, c] = inputs as [Float64Array, Float64Array, Float64Array, Float64Array];
    const n = o.length;
    out.fill(NaN, 0, Math.min(lookback, n));
    if (n > lookback) kernel({ o, h, l, c }, out, lookback, params);
  };
  return {
    name,
    group: PATTERN_GROUP,
    description,
    interpretation,
    inputs: ['open', 'high', 'low', 'close'],
    params,
    outputs: [{ name: 'outInteger', kind: 'integer' }],
    lookback: () => lookback,
    compute(inputs, params) {
      const out = new Float64Array(inputs[0]!.length);
      run(inputs, params, out);
      return [out];
    },
    computeInto(inputs, params, [out]) {
      run(inputs, params, out!);
    },
  };
}
