/**
 * MAX, MIN, MAXINDEX, MININDEX, MINMAX and MINMAXINDEX: rolling extremes over the window
 * (warm-up period - 1), and the `highestInto` / `lowestInto` kernels other groups use.
 *
 * They follow TA-Lib's extreme tracking (keep the current extreme, rescan the window only when
 * it slides out) rather than a monotonic deque: the *INDEX outputs must pick the same bar as
 * TA-Lib when values tie, and that choice is path dependent (a rescan keeps the oldest tie, an
 * incoming equal value takes over). NaN inputs propagate through the comparisons as in TA-Lib.
 */
import { outArray } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { integer, p, periodParam, real } from '../defkit.js';

export const MATH_OPERATORS = 'Math Operators';

/** Rolling max over `period` bars; writes values and/or absolute indices from period-1. */
export function highestInto(src: Float64Array, period: number, outVal: Float64Array | null, outIdx: Float64Array | null): void {
  const n = src.length;
  let trailing = 0;
  let hiIdx = -1;
  let hi = 0;
  for (let today = period - 1; today < n; today++, trailing++) {
    const v = src[today]!;
    if (hiIdx < trailing) {
      hiIdx = trailing;
      hi = src[trailing]!;
      for (let i = trailing + 1; i <= today; i++) {
        const t = src[i]!;
        if (t > hi) { hiIdx = i; hi = t; }
      }
    } else if (v >= hi) {
      hiIdx = today;
      hi = v;
    }
    if (outVal) outVal[today] = hi;
    if (outIdx) outIdx[today] = hiIdx;
  }
}

/** Rolling min over `period` bars; mirror of highestInto. */
export function lowestInto(src: Float64Array, period: number, outVal: Float64Array | null, outIdx: Float64Array | null): void {
  const n = src.length;
  let trailing = 0;
  let loIdx = -1;
  let lo = 0;
  for (let today = period - 1; today < n; today++, trailing++) {
    const v = src[today]!;
    if (loIdx < trailing) {
      loIdx = trailing;
      lo = src[trailing]!;
      for (let i = trailing + 1; i <= today; i++) {
        const t = src[i]!;
        if (t < lo) { loIdx = i; lo = t; }
      }
    } else if (v <= lo) {
      loIdx = today;
      lo = v;
    }
    if (outVal) outVal[today] = lo;
    if (outIdx) outIdx[today] = loIdx;
  }
}

/**
 * (rolling max of `hiSrc` + rolling min of `loSrc`) / 2 from period-1 on, in one pass with both
 * trackers of highestInto/lowestInto (same extremes, so the same values): MIDPRICE and MIDPOINT.
 */
export function midInto(hiSrc: Float64Array, loSrc: Float64Array, period: number, out: Float64Array): void {
  const n = hiSrc.length;
  let trailing = 0;
  let hiIdx = -1;
  let hi = 0;
  let loIdx = -1;
  let lo = 0;
  for (let today = period - 1; today < n; today++, trailing++) {
    const vh = hiSrc[today]!;
    if (hiIdx < trailing) {
      hiIdx = trailing;
      hi = hiSrc[trailing]!;
      for (let i = trailing + 1; i <= today; i++) {
        const t = hiSrc[i]!;
        if (t > hi) { hiIdx = i; hi = t; }
      }
    } else if (vh >= hi) {
      hiIdx = today;
      hi = vh;
    }
    const vl = loSrc[today]!;
    if (loIdx < trailing) {
      loIdx = trailing;
      lo = loSrc[trailing]!;
      for (let i = trailing + 1; i <= today; i++) {
        const t = loSrc[i]!;
        if (t < lo) { loIdx = i; lo = t; }
      }
    } else if (vl <= lo) {
      loIdx = today;
      lo = vl;
    }
    out[today] = (hi + lo) / 2;
  }
}

export function max(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  const out = outArray(real.length, period - 1, into);
  highestInto(real, period, out, null);
  return out;
}

export function min(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  const out = outArray(real.length, period - 1, into);
  lowestInto(real, period, out, null);
  return out;
}

export function maxIndex(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  const out = outArray(real.length, period - 1, into);
  highestInto(real, period, null, out);
  return out;
}

export function minIndex(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  const out = outArray(real.length, period - 1, into);
  lowestInto(real, period, null, out);
  return out;
}

export function minMax(real: Float64Array, period: number, into?: readonly Float64Array[]): [Float64Array, Float64Array] {
  const lo = outArray(real.length, period - 1, into?.[0]);
  const hi = outArray(real.length, period - 1, into?.[1]);
  lowestInto(real, period, lo, null);
  highestInto(real, period, hi, null);
  return [lo, hi];
}

export function minMaxIndex(real: Float64Array, period: number, into?: readonly Float64Array[]): [Float64Array, Float64Array] {
  const lo = outArray(real.length, period - 1, into?.[0]);
  const hi = outArray(real.length, period - 1, into?.[1]);
  lowestInto(real, period, null, lo);
  highestInto(real, period, null, hi);
  return [lo, hi];
}

const period30 = [periodParam(30)];
const lb = (params: Readonly<Record<string, number>>) => p(params, 'timePeriod') - 1;

function windowDef(name: string, description: string, interpretation: string, kind: 'real' | 'integer', fn: (x: Float64Array, period: number, into?: Float64Array) => Float64Array): IndicatorDef {
  return {
    name, group: MATH_OPERATORS, description, interpretation, inputs: ['real'], params: period30,
    outputs: kind === 'real' ? real() : integer(),
    lookback: lb,
    compute: ([x], params) => [fn(x!, p(params, 'timePeriod'))],
    computeInto: ([x], params, [out]) => { fn(x!, p(params, 'timePeriod'), out); },
  };
}

export const MAX = windowDef('MAX', 'Highest value over the last timePeriod bars.', 'Units of the input: the window high; a close at MAX is a new timePeriod high.', 'real', max);
export const MIN = windowDef('MIN', 'Lowest value over the last timePeriod bars.', 'Units of the input: the window low; a close at MIN is a new timePeriod low.', 'real', min);
export const MAXINDEX = windowDef('MAXINDEX', 'Bar index (into the input) of the highest value over the last timePeriod bars.', 'Bar index into the input series; the current index means this bar made the window high.', 'integer', maxIndex);
export const MININDEX = windowDef('MININDEX', 'Bar index (into the input) of the lowest value over the last timePeriod bars.', 'Bar index into the input series; the current index means this bar made the window low.', 'integer', minIndex);

export const MINMAX: IndicatorDef = {
  name: 'MINMAX', group: MATH_OPERATORS, description: 'Lowest (outMin) and highest (outMax) value over the last timePeriod bars.',
  interpretation: 'Units of the input: the window low and high (the range\'s edges).',
  inputs: ['real'], params: period30, outputs: real('outMin', 'outMax'), lookback: lb,
  compute: ([x], params) => minMax(x!, p(params, 'timePeriod')),
  computeInto: ([x], params, outs) => { minMax(x!, p(params, 'timePeriod'), outs); },
};

export const MINMAXINDEX: IndicatorDef = {
  name: 'MINMAXINDEX', group: MATH_OPERATORS, description: 'Bar indices (into the input) of the lowest (outMinIdx) and highest (outMaxIdx) value over the last timePeriod bars.',
  interpretation: 'Bar indices into the input series of the window low and high.',
  inputs: ['real'], params: period30, outputs: integer('outMinIdx', 'outMaxIdx'), lookback: lb,
  compute: ([x], params) => minMaxIndex(x!, p(params, 'timePeriod')),
  computeInto: ([x], params, outs) => { minMaxIndex(x!, p(params, 'timePeriod'), outs); },
};
