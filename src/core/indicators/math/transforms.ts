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

function transformDef(name: string, description: string, interpretation: string, fn: (x: number) => number): IndicatorDef {
  return {
    name, group: MATH_TRANSFORM, description, interpretation, inputs: ['real'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([x]) => [transform(x!, fn)],
  };
}

export const ACOS = transformDef('ACOS', 'Arc cosine (radians); NaN outside [-1, 1].', 'Radians (0..pi).', Math.acos);
export const ASIN = transformDef('ASIN', 'Arc sine (radians); NaN outside [-1, 1].', 'Radians (-pi/2..pi/2).', Math.asin);
export const ATAN = transformDef('ATAN', 'Arc tangent (radians).', 'Radians (-pi/2..pi/2).', Math.atan);
export const CEIL = transformDef('CEIL', 'Smallest integer >= the value.', 'Units of the input, rounded up to an integer.', Math.ceil);
export const COS = transformDef('COS', 'Cosine of the value (radians).', 'Unitless, -1..1.', Math.cos);
export const COSH = transformDef('COSH', 'Hyperbolic cosine.', 'Unitless, >= 1; overflows to Infinity for |value| > ~710.', Math.cosh);
export const EXP = transformDef('EXP', 'e raised to the value.', 'Unitless, > 0; overflows to Infinity above ~709.', Math.exp);
export const FLOOR = transformDef('FLOOR', 'Largest integer <= the value.', 'Units of the input, rounded down to an integer.', Math.floor);
export const LN = transformDef('LN', 'Natural logarithm; NaN for negative values.', 'Unitless; differences of LN(price) are log returns.', Math.log);
export const LOG10 = transformDef('LOG10', 'Base-10 logarithm; NaN for negative values.', 'Unitless; one unit = a factor of 10 in the input.', Math.log10);
export const SIN = transformDef('SIN', 'Sine of the value (radians).', 'Unitless, -1..1.', Math.sin);
export const SINH = transformDef('SINH', 'Hyperbolic sine.', 'Unitless; overflows to +/-Infinity for |value| > ~710.', Math.sinh);
export const SQRT = transformDef('SQRT', 'Square root; NaN for negative values.', 'Square root of the input\'s units (e.g. variance -> standard deviation).', Math.sqrt);
export const TAN = transformDef('TAN', 'Tangent of the value (radians).', 'Unitless; unbounded near odd multiples of pi/2.', Math.tan);
export const TANH = transformDef('TANH', 'Hyperbolic tangent.', 'Unitless, -1..1: squashes large values.', Math.tanh);
