import type { Candles } from '../core/series.js';
import type { IndicatorDef, InputName } from '../core/indicators/types.js';
import { IndicatorError } from '../core/indicators/types.js';
import { getIndicator, runIndicator } from '../core/indicators/registry.js';

export interface InputChoice {
  /** Candle field for single-series inputs (`real`); TA-Lib users usually feed close. */
  real?: 'open' | 'high' | 'low' | 'close' | 'volume';
  /** Two-series functions (ADD, BETA, CORREL…) take these; default high and low. */
  real0?: 'open' | 'high' | 'low' | 'close' | 'volume';
  real1?: 'open' | 'high' | 'low' | 'close' | 'volume';
  /** MAVP's per-bar period series, given as one constant. */
  periods?: number;
}

export function candleInputs(def: IndicatorDef, c: Candles, choice: InputChoice = {}): Float64Array[] {
  return def.inputs.map((name: InputName) => {
    switch (name) {
      case 'real': return c[choice.real ?? 'close'];
      case 'real0': return c[choice.real0 ?? 'high'];
      case 'real1': return c[choice.real1 ?? 'low'];
      case 'periods':
        if (choice.periods === undefined) throw new IndicatorError(`${def.name} needs a period series: give --periods N`, 'periods');
        return new Float64Array(c.close.length).fill(choice.periods);
      default: return c[name];
    }
  });
}

/** Runs one indicator on candles and returns JSON-safe outputs (null in warm-up). */
export function indicatorJson(name: string, c: Candles, params: Record<string, number>, choice?: InputChoice) {
  const def = getIndicator(name);
  const { params: used, outputs } = runIndicator(def.name, candleInputs(def, c, choice), params);
  const out: Record<string, (number | null)[]> = {};
  def.outputs.forEach((spec, k) => {
    out[spec.name] = Array.from(outputs[k]!, (v) => (Number.isNaN(v) ? null : v));
  });
  return { name: def.name, params: used, lookback: def.lookback(used), outputs: out };
}
