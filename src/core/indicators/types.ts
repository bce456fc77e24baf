/**
 * The contract every indicator in the engine fulfils. Inputs and outputs are
 * aligned to the candle index; outputs hold NaN during warm-up (TA-Lib's
 * lookback) so that `out[i]` is always "the value known at the close of bar i".
 */
import { InputError } from '../../errors.js';
import type { Arena } from './arena.js';

/** Names of input series. OHLCV names are fed from candles; `real*` from any series. */
export type InputName = 'open' | 'high' | 'low' | 'close' | 'volume' | 'real' | 'real0' | 'real1' | 'periods';

export interface ParamSpec {
  /** TA-Lib's optIn name without the prefix, first letter lowered: optInTimePeriod -> timePeriod. */
  name: string;
  type: 'integer' | 'real' | 'maType';
  default: number;
  min: number;
  max: number;
  description: string;
}

export interface OutputSpec {
  /** TA-Lib's output name: outReal, outMACD, outRealUpperBand, outInteger, ... */
  name: string;
  /** integer outputs (patterns, *INDEX, HT_TRENDMODE) still travel as Float64Array. */
  kind: 'real' | 'integer';
}

export type Params = Readonly<Record<string, number>>;

export interface IndicatorDef {
  name: string;
  group: string;
  description: string;
  /** How to read the value, in one line: units or range, and what levels, slopes or crossings mean. */
  interpretation: string;
  inputs: readonly InputName[];
  params: readonly ParamSpec[];
  outputs: readonly OutputSpec[];
  /** Number of leading bars that are NaN for these (already validated, defaulted) params. */
  lookback(params: Params): number;
  /** Pure: `inputs` follow `inputs` order, all the same length; returns one array per output. */
  compute(inputs: readonly Float64Array[], params: Params): Float64Array[];
  /**
   * TA-Lib's model: writes every cell of the caller's `outputs` (one per output, each the input's
   * length; NaN warm-up included) and takes temporaries from `arena`, so a caller that reuses its
   * outputs allocates nothing. Definitions without it run through `compute` and a copy
   * (registry `computeInto`).
   */
  computeInto?(inputs: readonly Float64Array[], params: Params, outputs: readonly Float64Array[], arena: Arena): void;
  /**
   * The kernel with these (validated, defaulted) params read once (`prepareIndicator`): the
   * returned function is `computeInto` without the per-call parameter lookups, and allocates
   * nothing once `arena` has seen the series length. Definitions without it are prepared as a
   * call to `computeInto` (or `compute` and a copy).
   */
  bind?(params: Params): BoundKernel;
}

/** A kernel with its parameters bound: writes every cell of `outputs` (see `computeInto`). */
export type BoundKernel = (inputs: readonly Float64Array[], outputs: readonly Float64Array[], arena: Arena) => void;

/** TA-Lib MA types, in TA-Lib's numbering. */
export const MaType = {
  SMA: 0, EMA: 1, WMA: 2, DEMA: 3, TEMA: 4, TRIMA: 5, KAMA: 6, MAMA: 7, T3: 8,
} as const;
export type MaTypeValue = (typeof MaType)[keyof typeof MaType];

export class IndicatorError extends InputError {
  constructor(message: string, field?: string) {
    super(message, field);
    this.name = 'IndicatorError';
  }
}

export function nanArray(length: number): Float64Array {
  return new Float64Array(length).fill(NaN);
}
