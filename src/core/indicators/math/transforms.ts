/** ACOS ... TANH: TA-Lib's Math Transform group, one libm function per value (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { LITTLE_ENDIAN } from './libm.js';
import { libmLoops } from './libm-wasm.js';
import { hyperbolicLoop } from './hyperbolic.js';

export const MATH_TRANSFORM = 'Math Transform';

type Loop = (x: Float64Array, out: Float64Array) => void;

/*
 * LN, LOG10, EXP and COSH use math/libm.ts's functions instead of Math.log/log10/exp/cosh:
 * TA-Lib C calls glibc, whose results these match far more often (on the bench's 1M closes, in the
 * last bit: log 94.4% -> 99.96%, log10 97.6% -> 99.96%, exp 92.4% -> 99.93%, cosh 95.1% -> 99.91%),
 * and they are faster, run as WebAssembly (math/libm-wasm.ts) where it is available. On a
 * big-endian host (the kernels read high words through an Int32Array view) V8's Math functions stay.
 */
const own = LITTLE_ENDIAN ? libmLoops : undefined;
const mathLoop = (f: (v: number) => number): Loop => (x, o) => { for (let i = 0; i < x.length; i++) o[i] = f(x[i]!); };

/**
 * One loop per function, each calling its Math function directly: a loop shared by all fifteen
 * calls a megamorphic `fn` per value, which V8 cannot inline (FLOOR ran at ~18x TA-Lib C that way).
 * Unrolled by 8 (see math/operators.ts): the same call on the same value per element, so the same
 * results; FLOOR/CEIL/SQRT (inlined instructions) gain most, the libm-style calls ~10%.
 */
const loops: Readonly<Record<string, Loop>> = {
  acos: (x, o) => {
    const n = x.length;
    let i = 0;
    for (; i < n - 7; i += 8) { o[i] = Math.acos(x[i]!); o[i + 1] = Math.acos(x[i + 1]!); o[i + 2] = Math.acos(x[i + 2]!); o[i + 3] = Math.acos(x[i + 3]!); o[i + 4] = Math.acos(x[i + 4]!); o[i + 5] = Math.acos(x[i + 5]!); o[i + 6] = Math.acos(x[i + 6]!); o[i + 7] = Math.acos(x[i + 7]!); }
    for (; i < n; i++) o[i] = Math.acos(x[i]!);
  },
  asin: (x, o) => {
    const n = x.length;
    let i = 0;
    for (; i < n - 7; i += 8) { o[i] = Math.asin(x[i]!); o[i + 1] = Math.asin(x[i + 1]!); o[i + 2] = Math.asin(x[i + 2]!); o[i + 3] = Math.asin(x[i + 3]!); o[i + 4] = Math.asin(x[i + 4]!); o[i + 5] = Math.asin(x[i + 5]!); o[i + 6] = Math.asin(x[i + 6]!); o[i + 7] = Math.asin(x[i + 7]!); }
    for (; i < n; i++) o[i] = Math.asin(x[i]!);
  },
  atan: (x, o) => {
    const n = x.length;
    let i = 0;
    for (; i < n - 7; i += 8) { o[i] = Math.atan(x[i]!); o[i + 1] = Math.atan(x[i + 1]!); o[i + 2] = Math.atan(x[i + 2]!); o[i + 3] = Math.atan(x[i + 3]!); o[i + 4] = Math.atan(x[i + 4]!); o[i + 5] = Math.atan(x[i + 5]!); o[i + 6] = Math.atan(x[i + 6]!); o[i + 7] = Math.atan(x[i + 7]!); }
    for (; i < n; i++) o[i] = Math.atan(x[i]!);
  },
  ceil: (x, o) => {
    const n = x.length;
    let i = 0;
    for (; i < n - 7; i += 8) { o[i] = Math.ceil(x[i]!); o[i + 1] = Math.ceil(x[i + 1]!); o[i + 2] = Math.ceil(x[i + 2]!); o[i + 3] = Math.ceil(x[i + 3]!); o[i + 4] = Math.ceil(x[i + 4]!); o[i + 5] = Math.ceil(x[i + 5]!); o[i + 6] = Math.ceil(x[i + 6]!); o[i + 7] = Math.ceil(x[i + 7]!); }
    for (; i < n; i++) o[i] = Math.ceil(x[i]!);
  },
  cos: (x, o) => {
    const n = x.length;
    let i = 0;
    for (; i < n - 7; i += 8) { o[i] = Math.cos(x[i]!); o[i + 1] = Math.cos(x[i + 1]!); o[i + 2] = Math.cos(x[i + 2]!); o[i + 3] = Math.cos(x[i + 3]!); o[i + 4] = Math.cos(x[i + 4]!); o[i + 5] = Math.cos(x[i + 5]!); o[i + 6] = Math.cos(x[i + 6]!); o[i + 7] = Math.cos(x[i + 7]!); }
    for (; i < n; i++) o[i] = Math.cos(x[i]!);
  },
  cosh: own?.cosh ?? mathLoop(Math.cosh),
  exp: own?.exp ?? mathLoop(Math.exp),
  floor: (x, o) => {
    const n = x.length;
    let i = 0;
    for (; i < n - 7; i += 8) { o[i] = Math.floor(x[i]!); o[i + 1] = Math.floor(x[i + 1]!); o[i + 2] = Math.floor(x[i + 2]!); o[i + 3] = Math.floor(x[i + 3]!); o[i + 4] = Math.floor(x[i + 4]!); o[i + 5] = Math.floor(x[i + 5]!); o[i + 6] = Math.floor(x[i + 6]!); o[i + 7] = Math.floor(x[i + 7]!); }
    for (; i < n; i++) o[i] = Math.floor(x[i]!);
  },
  log: own?.log ?? mathLoop(Math.log),
  log10: own?.log10 ?? mathLoop(Math.log10),
  sin: (x, o) => {
    const n = x.length;
    let i = 0;
    for (; i < n - 7; i += 8) { o[i] = Math.sin(x[i]!); o[i + 1] = Math.sin(x[i + 1]!); o[i + 2] = Math.sin(x[i + 2]!); o[i + 3] = Math.sin(x[i + 3]!); o[i + 4] = Math.sin(x[i + 4]!); o[i + 5] = Math.sin(x[i + 5]!); o[i + 6] = Math.sin(x[i + 6]!); o[i + 7] = Math.sin(x[i + 7]!); }
    for (; i < n; i++) o[i] = Math.sin(x[i]!);
  },
  // wasm/hyperbolic.wat from 64 values on: V8's own tanh/sinh arithmetic (fdlibm), the same bits (math/hyperbolic.ts)
  sinh: hyperbolicLoop('sinh', (x, o) => {
    const n = x.length;
    let i = 0;
    for (; i < n - 7; i += 8) { o[i] = Math.sinh(x[i]!); o[i + 1] = Math.sinh(x[i + 1]!); o[i + 2] = Math.sinh(x[i + 2]!); o[i + 3] = Math.sinh(x[i + 3]!); o[i + 4] = Math.sinh(x[i + 4]!); o[i + 5] = Math.sinh(x[i + 5]!); o[i + 6] = Math.sinh(x[i + 6]!); o[i + 7] = Math.sinh(x[i + 7]!); }
    for (; i < n; i++) o[i] = Math.sinh(x[i]!);
  }),
  sqrt: (x, o) => {
    const n = x.length;
    let i = 0;
    for (; i < n - 7; i += 8) { o[i] = Math.sqrt(x[i]!); o[i + 1] = Math.sqrt(x[i + 1]!); o[i + 2] = Math.sqrt(x[i + 2]!); o[i + 3] = Math.sqrt(x[i + 3]!); o[i + 4] = Math.sqrt(x[i + 4]!); o[i + 5] = Math.sqrt(x[i + 5]!); o[i + 6] = Math.sqrt(x[i + 6]!); o[i + 7] = Math.sqrt(x[i + 7]!); }
    for (; i < n; i++) o[i] = Math.sqrt(x[i]!);
  },
  tan: (x, o) => {
    const n = x.length;
    let i = 0;
    for (; i < n - 7; i += 8) { o[i] = Math.tan(x[i]!); o[i + 1] = Math.tan(x[i + 1]!); o[i + 2] = Math.tan(x[i + 2]!); o[i + 3] = Math.tan(x[i + 3]!); o[i + 4] = Math.tan(x[i + 4]!); o[i + 5] = Math.tan(x[i + 5]!); o[i + 6] = Math.tan(x[i + 6]!); o[i + 7] = Math.tan(x[i + 7]!); }
    for (; i < n; i++) o[i] = Math.tan(x[i]!);
  },
  tanh: hyperbolicLoop('tanh', (x, o) => {
    const n = x.length;
    let i = 0;
    for (; i < n - 7; i += 8) { o[i] = Math.tanh(x[i]!); o[i + 1] = Math.tanh(x[i + 1]!); o[i + 2] = Math.tanh(x[i + 2]!); o[i + 3] = Math.tanh(x[i + 3]!); o[i + 4] = Math.tanh(x[i + 4]!); o[i + 5] = Math.tanh(x[i + 5]!); o[i + 6] = Math.tanh(x[i + 6]!); o[i + 7] = Math.tanh(x[i + 7]!); }
    for (; i < n; i++) o[i] = Math.tanh(x[i]!);
  }),
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
