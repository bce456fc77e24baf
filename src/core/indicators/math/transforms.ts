/** ACOS ... TANH: TA-Lib's Math Transform group, one libm function per value (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';

export const MATH_TRANSFORM = 'Math Transform';

type Loop = (x: Float64Array, out: Float64Array) => void;

/**
 * One loop per function, each calling its Math function directly: a loop shared by all fifteen
 * calls a megamorphic `fn` per value, which V8 cannot inline (FLOOR ran at ~18x TA-Lib C that way).
 */
const loops: Readonly<Record<string, Loop>> = {
  acos: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.acos(x[i]!); },
  asin: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.asin(x[i]!); },
  atan: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.atan(x[i]!); },
  ceil: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.ceil(x[i]!); },
  cos: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.cos(x[i]!); },
  cosh: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.cosh(x[i]!); },
  exp: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.exp(x[i]!); },
  floor: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.floor(x[i]!); },
  log: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.log(x[i]!); },
  log10: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.log10(x[i]!); },
  sin: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.sin(x[i]!); },
  sinh: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.sinh(x[i]!); },
  sqrt: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.sqrt(x[i]!); },
  tan: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.tan(x[i]!); },
  tanh: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.tanh(x[i]!); },
};

function transformDef(name: string, description: string, interpretation: string, fn: (x: number) => number): IndicatorDef {
  const loop = loops[fn.name]!;
  return {
    name, group: MATH_TRANSFORM, description, interpretation, inputs: ['real'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([x]) => {
      const out = new Float64Array(x!.length);
      loop(x!, out);
      return [out];
    },
    computeInto: ([x], _params, [out]) => loop(x!, out!),
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
