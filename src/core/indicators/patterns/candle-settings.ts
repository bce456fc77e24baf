/**
 * TA-Lib's candle settings and the shared machinery of the candlestick patterns.
 *
 * Every pattern compares a candle's body or shadow with "the average range of the N previous
 * candles" for some setting. TA-Lib keeps that average as a running total over the setting's
 * averaging period, started at the function's first output bar and updated after each output
 * by adding the newest range and removing the trailing one. To agree with TA-Lib bit for bit the
 * kernels build and update their totals in the same order (see "running totals" below).
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

/*
 * The candle measures, as functions of the price arrays and a bar index. They take the arrays
 * themselves (not an object holding them) and are a few operations each, so V8 inlines every call
 * in a kernel's loop and each array is checked once per bar. The formulas and their order are
 * TA-Lib's macros (TA_REALBODY, TA_UPPERSHADOW, ...), which keeps the outputs bit-identical.
 */

/** TA_REALBODY: |close - open|. */
export function realBody(o: Float64Array, c: Float64Array, i: number): number {
  return Math.abs(c[i]! - o[i]!);
}
/** TA_UPPERSHADOW: high - max(close, open). */
export function upperShadow(o: Float64Array, h: Float64Array, c: Float64Array, i: number): number {
  const ci = c[i]!, oi = o[i]!;
  return h[i]! - (ci >= oi ? ci : oi);
}
/** TA_LOWERSHADOW: min(close, open) - low. */
export function lowerShadow(o: Float64Array, l: Float64Array, c: Float64Array, i: number): number {
  const ci = c[i]!, oi = o[i]!;
  return (ci >= oi ? oi : ci) - l[i]!;
}
/** TA_HIGHLOWRANGE: high - low. */
export function highLowRange(h: Float64Array, l: Float64Array, i: number): number {
  return h[i]! - l[i]!;
}
/** The Shadows range type: upper shadow + lower shadow (TA_CANDLERANGE). */
export function shadowRange(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, i: number): number {
  const ci = c[i]!, oi = o[i]!;
  return (h[i]! - (ci >= oi ? ci : oi)) + ((ci >= oi ? oi : ci) - l[i]!);
}
/** TA_CANDLECOLOR: 1 for white (close >= open), -1 for black. */
export function color(o: Float64Array, c: Float64Array, i: number): number {
  return c[i]! >= o[i]! ? 1 : -1;
}
export function bodyTop(o: Float64Array, c: Float64Array, i: number): number {
  return Math.max(o[i]!, c[i]!);
}
export function bodyBottom(o: Float64Array, c: Float64Array, i: number): number {
  return Math.min(o[i]!, c[i]!);
}
/** Real body of `i2` entirely above the real body of `i1`. */
export function realBodyGapUp(o: Float64Array, c: Float64Array, i2: number, i1: number): boolean {
  return Math.min(o[i2]!, c[i2]!) > Math.max(o[i1]!, c[i1]!);
}
/** Real body of `i2` entirely below the real body of `i1`. */
export function realBodyGapDown(o: Float64Array, c: Float64Array, i2: number, i1: number): boolean {
  return Math.max(o[i2]!, c[i2]!) < Math.min(o[i1]!, c[i1]!);
}
/** Candle `i2`'s low above candle `i1`'s high. */
export function candleGapUp(h: Float64Array, l: Float64Array, i2: number, i1: number): boolean {
  return l[i2]! > h[i1]!;
}
/** Candle `i2`'s high below candle `i1`'s low. */
export function candleGapDown(h: Float64Array, l: Float64Array, i2: number, i1: number): boolean {
  return h[i2]! < l[i1]!;
}

/*
 * TA_CANDLEAVERAGE's running totals. TA-Lib keeps, per setting and per candle offset k of the
 * pattern, a total of the setting's range over the `avgPeriod` candles before candle i-k: started
 * at the first output bar by summing [start-k-period, start-k) in order, then moved after each
 * bar by `total += range(i-k) - range(i-k-period)` (entering minus leaving first, then added).
 * The kernels keep each total as a plain local number and write that update inline: no object or
 * closure per setting, so the loop state lives in registers (an object per setting cost 3-7x
 * TA-Lib C's time). The average itself is `factor * (total / period)` (halved for the Shadows
 * type) or, for the period-0 settings (ShadowLong, ShadowVeryLong), `factor * realBody(idx)`.
 * Which range each setting uses is fixed by the table above; the kernels read period and factor
 * from it.
 */

/*
 * BRANCH-FREE tests. A pattern's first tests (candle colours, body gaps) are true about half the
 * time in no predictable order, so as `&&` chains or `cond ? x : 0` they are branches the CPU
 * mispredicts on a large share of bars; that, not the arithmetic, was most of the kernels' time.
 * The kernels therefore combine those tests as numbers: `+(a < b) & +(c >= d)` is 0 or 1 with no
 * branch, and `min(a, b) > max(c, d)` is written as its four comparisons (equal for every input,
 * NaN included, as both forms are false whenever an operand is NaN). Only when that cheap mask is
 * set (rarely) does a kernel branch into the rest of the pattern. Results are written as
 * `100 * mask` (never `-100 * 0`, which would be -0). Inside the loop the bar values are read once
 * into locals and the measures are written out (realBody = Math.abs(c - o), ...) rather than
 * called from this module: an imported function costs a load and a check on every call.
 */

/** Σ realBody over [from, to), in index order: the start of a RealBody total. */
export function sumRealBody(o: Float64Array, c: Float64Array, from: number, to: number): number {
  let t = 0;
  for (let j = from; j < to; j++) t += realBody(o, c, j);
  return t;
}
/** Σ highLowRange over [from, to), in index order. */
export function sumHighLow(h: Float64Array, l: Float64Array, from: number, to: number): number {
  let t = 0;
  for (let j = from; j < to; j++) t += highLowRange(h, l, j);
  return t;
}
/** Σ shadowRange over [from, to), in index order. */
export function sumShadows(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, from: number, to: number): number {
  let t = 0;
  for (let j = from; j < to; j++) t += shadowRange(o, h, l, c, j);
  return t;
}

export function maxPeriod(...settings: CandleSetting[]): number {
  let m = 0;
  for (const s of settings) if (s.avgPeriod > m) m = s.avgPeriod;
  return m;
}

/**
 * Fills out[start..n) from the price arrays; start is the lookback (first output bar, < n).
 * `pen` is the penetration parameter of the patterns that take one (else 0).
 */
export type PatternKernel = (
  o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number, pen: number,
) => void;

/**
 * A pattern's kernel for series in the series heap (wasm/candles.ts): the same arguments, true when
 * it filled out[start..n), false when the JavaScript kernel must (arrays elsewhere, aliasing, short).
 */
export type HeapPatternKernel = (
  o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number, pen: number,
) => boolean;

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
  heap?: HeapPatternKernel,
): IndicatorDef {
  const run = (inputs: readonly Float64Array[], params: Params, out: Float64Array): void => {
    const [o, h, l, c] = inputs as [Float64Array, Float64Array, Float64Array, Float64Array];
    const n = o.length;
    const pen = params['penetration'] ?? 0;
    out.fill(NaN, 0, Math.min(lookback, n));
    if (n > lookback && !(heap !== undefined && heap(o, h, l, c, out, lookback, pen))) kernel(o, h, l, c, out, lookback, pen);
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
