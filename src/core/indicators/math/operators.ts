/** ADD, SUB, MULT, DIV: element-wise arithmetic of two series (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { MATH_OPERATORS } from './minmax.js';

function binary(a: Float64Array, b: Float64Array, op: 0 | 1 | 2 | 3, into?: Float64Array): Float64Array {
  const n = a.length;
  const out = into ?? new Float64Array(n);
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

function binaryDef(name: string, description: string, interpretation: string, op: 0 | 1 | 2 | 3): IndicatorDef {
  return {
    name, group: MATH_OPERATORS, description, interpretation, inputs: ['real0', 'real1'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([a, b]) => [binary(a!, b!, op)],
    computeInto: ([a, b], _params, [out]) => { binary(a!, b!, op, out); },
  };
}

export const ADD = binaryDef('ADD', 'real0 + real1 per bar.', 'Units of the inputs: the per-bar sum.', 0);
export const SUB = binaryDef('SUB', 'real0 - real1 per bar.', 'Units of the inputs: the per-bar difference (e.g. a spread).', 1);
export const MULT = binaryDef('MULT', 'real0 * real1 per bar.', 'Product of the inputs\' units, per bar.', 2);
export const DIV = binaryDef('DIV', 'real0 / real1 per bar.', 'Ratio of the inputs per bar (e.g. a relative-strength line); Infinity or NaN where real1 is 0.', 3);
