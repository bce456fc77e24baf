/**
 * Math Operators and Math Transform (TA-Lib groups): element-wise arithmetic, rolling
 * SUM/MAX/MIN (+ index variants) and the libm transforms.
 *
 * MAX/MIN follow TA-Lib's extreme tracking (keep the current extreme, rescan the window
 * only when it slides out) rather than a monotonic deque: the *INDEX outputs must pick the
 * same bar as TA-Lib when values tie, and that choice is path dependent (a rescan keeps
 * the oldest tie, an incoming equal value takes over). NaN inputs are not special-cased;
 * they propagate through arithmetic and comparisons exactly as in TA-Lib's C.
 */
import { nanArray, periodParam, type IndicatorDef } from './types.js';
import { integer, p, real } from './defkit.js';

const OPS = 'Math Operators';
const TRANSFORM = 'Math Transform';

// -- rolling extremes --------------------------------------------------------------------

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

export function max(real: Float64Array, period: number): Float64Array {
  const out = nanArray(real.length);
  highestInto(real, period, out, null);
  return out;
}

export function min(real: Float64Array, period: number): Float64Array {
  const out = nanArray(real.length);
  lowestInto(real, period, out, null);
  return out;
}

export function maxIndex(real: Float64Array, period: number): Float64Array {
  const out = nanArray(real.length);
  highestInto(real, period, null, out);
  return out;
}

export function minIndex(real: Float64Array, period: number): Float64Array {
  const out = nanArray(real.length);
  lowestInto(real, period, null, out);
  return out;
}

export function minMax(real: Float64Array, period: number): [Float64Array, Float64Array] {
  const lo = nanArray(real.length);
  const hi = nanArray(real.length);
  lowestInto(real, period, lo, null);
  highestInto(real, period, hi, null);
  return [lo, hi];
}

export function minMaxIndex(real: Float64Array, period: number): [Float64Array, Float64Array] {
  const lo = nanArray(real.length);
  const hi = nanArray(real.length);
  lowestInto(real, period, null, lo);
  highestInto(real, period, null, hi);
  return [lo, hi];
}

/** Rolling sum; the running total adds the newest before output and drops the oldest after (TA-Lib's order). */
export function sum(real: Float64Array, period: number): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  const start = period - 1;
  if (start >= n) return out;
  let total = 0;
  for (let i = 0; i < start; i++) total += real[i]!;
  for (let i = start, t = 0; i < n; i++, t++) {
    total += real[i]!;
    out[i] = total;
    total -= real[t]!;
  }
  return out;
}

// -- element-wise --------------------------------------------------------------------------

function binary(a: Float64Array, b: Float64Array, op: 0 | 1 | 2 | 3): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  // One loop per operator keeps the hot loop free of calls and branches.
  if (op === 0) for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
  else if (op === 1) for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
  else if (op === 2) for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
  else for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!;
  return out;
}

export function add(real0: Float64Array, real1: Float64Array): Float64Array { return binary(real0, real1, 0); }
export function sub(real0: Float64Array, real1: Float64Array): Float64Array { return binary(real0, real1, 1); }
export function mult(real0: Float64Array, real1: Float64Array): Float64Array { return binary(real0, real1, 2); }
export function div(real0: Float64Array, real1: Float64Array): Float64Array { return binary(real0, real1, 3); }

export function transform(real: Float64Array, fn: (x: number) => number): Float64Array {
  const n = real.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = fn(real[i]!);
  return out;
}

// -- definitions ---------------------------------------------------------------------------

const period30 = [periodParam(30)];
const lb = (params: Readonly<Record<string, number>>) => p(params, 'timePeriod') - 1;

function binaryDef(name: string, description: string, op: 0 | 1 | 2 | 3): IndicatorDef {
  return {
    name, group: OPS, description, inputs: ['real0', 'real1'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([a, b]) => [binary(a!, b!, op)],
  };
}

function windowDef(name: string, description: string, kind: 'real' | 'integer', fn: (x: Float64Array, period: number) => Float64Array): IndicatorDef {
  return {
    name, group: OPS, description, inputs: ['real'], params: period30,
    outputs: kind === 'real' ? real() : integer(),
    lookback: lb,
    compute: ([x], params) => [fn(x!, p(params, 'timePeriod'))],
  };
}

function transformDef(name: string, description: string, fn: (x: number) => number): IndicatorDef {
  return {
    name, group: TRANSFORM, description, inputs: ['real'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([x]) => [transform(x!, fn)],
  };
}

export const definitions: IndicatorDef[] = [
  binaryDef('ADD', 'real0 + real1 per bar.', 0),
  binaryDef('SUB', 'real0 - real1 per bar.', 1),
  binaryDef('MULT', 'real0 * real1 per bar.', 2),
  binaryDef('DIV', 'real0 / real1 per bar.', 3),
  windowDef('MAX', 'Highest value over the last timePeriod bars.', 'real', max),
  windowDef('MIN', 'Lowest value over the last timePeriod bars.', 'real', min),
  windowDef('MAXINDEX', 'Bar index (into the input) of the highest value over the last timePeriod bars.', 'integer', maxIndex),
  windowDef('MININDEX', 'Bar index (into the input) of the lowest value over the last timePeriod bars.', 'integer', minIndex),
  windowDef('SUM', 'Sum of the last timePeriod values.', 'real', sum),
  {
    name: 'MINMAX', group: OPS, description: 'Lowest (outMin) and highest (outMax) value over the last timePeriod bars.',
    inputs: ['real'], params: period30, outputs: real('outMin', 'outMax'), lookback: lb,
    compute: ([x], params) => minMax(x!, p(params, 'timePeriod')),
  },
  {
    name: 'MINMAXINDEX', group: OPS, description: 'Bar indices (into the input) of the lowest (outMinIdx) and highest (outMaxIdx) value over the last timePeriod bars.',
    inputs: ['real'], params: period30, outputs: integer('outMinIdx', 'outMaxIdx'), lookback: lb,
    compute: ([x], params) => minMaxIndex(x!, p(params, 'timePeriod')),
  },
  transformDef('ACOS', 'Arc cosine (radians); NaN outside [-1, 1].', Math.acos),
  transformDef('ASIN', 'Arc sine (radians); NaN outside [-1, 1].', Math.asin),
  transformDef('ATAN', 'Arc tangent (radians).', Math.atan),
  transformDef('CEIL', 'Smallest integer >= the value.', Math.ceil),
  transformDef('COS', 'Cosine of the value (radians).', Math.cos),
  transformDef('COSH', 'Hyperbolic cosine.', Math.cosh),
  transformDef('EXP', 'e raised to the value.', Math.exp),
  transformDef('FLOOR', 'Largest integer <= the value.', Math.floor),
  transformDef('LN', 'Natural logarithm; NaN for negative values.', Math.log),
  transformDef('LOG10', 'Base-10 logarithm; NaN for negative values.', Math.log10),
  transformDef('SIN', 'Sine of the value (radians).', Math.sin),
  transformDef('SINH', 'Hyperbolic sine.', Math.sinh),
  transformDef('SQRT', 'Square root; NaN for negative values.', Math.sqrt),
  transformDef('TAN', 'Tangent of the value (radians).', Math.tan),
  transformDef('TANH', 'Hyperbolic tangent.', Math.tanh),
];
