/** Math Operators and Math Transform (TA-Lib groups): element-wise arithmetic, rolling SUM/MAX/MIN, libm. */
import type { IndicatorDef } from '../types.js';
import { MAX, MAXINDEX, MIN, MININDEX, MINMAX, MINMAXINDEX } from './minmax.js';
import { ADD, DIV, MULT, SUB } from './operators.js';
import { SUM } from './sum.js';
import {
  ACOS, ASIN, ATAN, CEIL, COS, COSH, EXP, FLOOR, LN, LOG10, SIN, SINH, SQRT, TAN, TANH,
} from './transforms.js';

export const math: readonly IndicatorDef[] = [
  ADD, SUB, MULT, DIV, MAX, MIN, MAXINDEX, MININDEX, SUM, MINMAX, MINMAXINDEX,
  ACOS, ASIN, ATAN, CEIL, COS, COSH, EXP, FLOOR, LN, LOG10, SIN, SINH, SQRT, TAN, TANH,
];
