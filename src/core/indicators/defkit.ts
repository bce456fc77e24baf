/**
 * Small builders shared by every indicator file: parameter/output specs (so definitions read
 * as tables of TA-Lib metadata), TA-Lib's zero test, and the true range.
 */
import type { OutputSpec, ParamSpec } from './types.js';

/** TA-Lib's bound for "any real" parameters (TA_REAL_MIN/MAX in its metadata). */
export const REAL_BOUND = 3e37;

export function intParam(name: string, def: number, min: number, max: number, description: string): ParamSpec {
  return { name, type: 'integer', default: def, min, max, description };
}

/** TA-Lib's usual time period (2..100000 unless `min` says otherwise). */
export function periodParam(def: number, name = 'timePeriod', min = 2, description = 'Number of bars in the window'): ParamSpec {
  return intParam(name, def, min, 100000, description);
}

export function realParam(name: string, def: number, min: number, max: number, description: string): ParamSpec {
  return { name, type: 'real', default: def, min, max, description };
}

export function maTypeParam(name = 'maType', def = 0, description = 'Moving-average type (0=SMA 1=EMA 2=WMA 3=DEMA 4=TEMA 5=TRIMA 6=KAMA 7=MAMA 8=T3)'): ParamSpec {
  return { name, type: 'maType', default: def, min: 0, max: 8, description };
}

export function real(...names: string[]): OutputSpec[] {
  return (names.length ? names : ['outReal']).map((name) => ({ name, kind: 'real' as const }));
}

export function integer(...names: string[]): OutputSpec[] {
  return (names.length ? names : ['outInteger']).map((name) => ({ name, kind: 'integer' as const }));
}

/** Params arrive validated and defaulted (resolveParams); this only narrows the type. */
export function p(params: Readonly<Record<string, number>>, name: string): number {
  return params[name]!;
}

/**
 * An integer parameter as a small integer. Params objects may hold their numbers boxed (V8 gives
 * a property one representation per object shape, and a double stored anywhere under that name
 * makes it a double field); kernels bound with a boxed period deoptimize and run slower.
 * Integer params are validated integers within their bounds, so `| 0` keeps the value.
 */
export function ip(params: Readonly<Record<string, number>>, name: string): number {
  return params[name]! | 0;
}

/** TA-Lib's TA_IS_ZERO: |v| < 1e-14. */
export function isZero(v: number): boolean {
  return v > -1e-14 && v < 1e-14;
}

/**
 * True range of a bar: max(high - low, |prevClose - high|, |prevClose - low|), compared in
 * TA-Lib's order with strict `>` so a NaN operand never wins over the bar's own range.
 */
export function trueRange(high: number, low: number, prevClose: number): number {
  let tr = high - low;
  const up = Math.abs(prevClose - high);
  if (up > tr) tr = up;
  const down = Math.abs(prevClose - low);
  if (down > tr) tr = down;
  return tr;
}

/**
 * An output array whose warm-up prefix is NaN: `fill` writes everything from `lookback` on,
 * so only the prefix needs filling (saves a full pass on long series). `into` is the caller's
 * output to write instead of a fresh array.
 */
export function withWarmup(length: number, lookback: number, fill: (out: Float64Array) => void, into?: Float64Array): Float64Array {
  const out = into ?? new Float64Array(length);
  fill(out);
  out.fill(NaN, 0, Math.min(lookback, length));
  return out;
}
