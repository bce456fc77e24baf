/**
 * What the momentum files share: the group name and the builder of a one-period definition.
 * Kernels reproduce TA-Lib 0.6 (default unstable period 0, classic, not Metastock,
 * compatibility) with its operation order; NaN inputs are not special-cased and propagate
 * through the arithmetic exactly as in TA-Lib.
 */
import type { Arena } from '../arena.js';
import type { IndicatorDef, ParamSpec } from '../types.js';
import { intParam, p, real } from '../defkit.js';

export const MOMENTUM = 'Momentum Indicators';

export const HLC = ['high', 'low', 'close'] as const;
export const HL = ['high', 'low'] as const;
export const C = ['real'] as const;

/** Definition of a one-output indicator with a single period parameter. */
export function single(
  name: string, description: string, interpretation: string, inputs: IndicatorDef['inputs'], param: ParamSpec,
  lookback: (period: number) => number, fn: (ins: readonly Float64Array[], period: number, out?: Float64Array, arena?: Arena) => Float64Array,
): IndicatorDef {
  return {
    name, group: MOMENTUM, description, interpretation, inputs, params: [param], outputs: real(),
    lookback: (params) => lookback(p(params, param.name)),
    compute: (ins, params) => [fn(ins, p(params, param.name))],
    // Kernels that write in place return `out`; the others return their own array, copied.
    computeInto: (ins, params, [out], arena) => {
      const r = fn(ins, p(params, param.name), out, arena);
      if (r !== out) out!.set(r);
    },
  };
}

/** Fills out[0..end) with NaN: composites publish every output from the same first bar. */
export function blank(out: Float64Array, end: number): void {
  out.fill(NaN, 0, Math.min(end, out.length));
}

/** Period parameter of the MA-based composites (fast/slow/signal/K/D periods). */
export function int(name: string, def: number, min: number, description: string): ParamSpec {
  return intParam(name, def, min, 100000, description);
}
export const fastP = int('fastPeriod', 12, 2, 'Fast MA period');
export const slowP = int('slowPeriod', 26, 2, 'Slow MA period');
export const signalP = int('signalPeriod', 9, 1, 'Signal line period');
