/** ACOS ... TANH: TA-Lib's Math Transform group, one libm function per value (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';

export const MATH_TRANSFORM = 'Math Transform';

export function transform(real: Float64Array, fn: (x: number) => number): Float64Array {
  const n = real.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = fn(real[i]!);
  return out;
}

function transformDef(name: string, description: string, fn: (x: number) => number): IndicatorDef {
  return {
    name, group: MATH_TRANSFORM, description, inputs: ['real'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([x]) => [transform(x!, fn)],
  };
}

export const ACOS = transformDef('ACOS', 'Arc cosine (radians); NaN outside [-1, 1].', Math.acos);
export const ASIN = transformDef('ASIN', 'Arc sine (radians); NaN outside [-1, 1].', Math.asin);
export const ATAN = transformDef('ATAN', 'Arc tangent (radians).', Math.atan);
export const CEIL = transformDef('CEIL', 'Smallest integer >= the value.', Math.ceil);
export const COS = transformDef('COS', 'Cosine of the value (radians).', Math.cos);
export const COSH = transformDef('COSH', 'Hyperbolic cosine.', Math.cosh);
export const EXP = transformDef('EXP', 'e raised to the value.', Math.exp);
export const FLOOR = transformDef('FLOOR', 'Largest integer <= the value.', Math.floor);
export const LN = transformDef('LN', 'Natural logarithm; NaN for negative values.', Math.log);
export const LOG10 = transformDef('LOG10', 'Base-10 logarithm; NaN for negative values.', Math.log10);
export const SIN = transformDef('SIN', 'Sine of the value (radians).', Math.sin);
export const SINH = transformDef('SINH', 'Hyperbolic sine.', Math.sinh);
export const SQRT = transformDef('SQRT', 'Square root; NaN for negative values.', Math.sqrt);
export const TAN = transformDef('TAN', 'Tangent of the value (radians).', Math.tan);
export const TANH = transformDef('TANH', 'Hyperbolic tangent.', Math.tanh);
