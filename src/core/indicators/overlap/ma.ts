/**
 * MA: TA-Lib's moving-average dispatcher (TA_MA / TA_MA_Lookback) over the nine MA types, in
 * TA-Lib's numbering (types.ts MaType). Composite indicators (APO, MACDEXT, STOCH, BBANDS,
 * MAVP, ...) select their MAs through `maInto`.
 */
import { IndicatorError, MaType, type IndicatorDef } from '../types.js';
import { maTypeParam, p, periodParam, real, withWarmup } from '../defkit.js';
import { demaInto, demaLookback } from './dema.js';
import { emaInto, emaLookback } from './ema.js';
import { kamaInto, kamaLookback } from './kama.js';
import { MAMA_LOOKBACK, mama } from './mama.js';
import { OVERLAP } from './shared.js';
import { smaInto, smaLookback } from './sma.js';
import { t3Into, t3Lookback } from './t3.js';
import { temaInto, temaLookback } from './tema.js';
import { trimaInto, trimaLookback } from './trima.js';
import { wmaInto, wmaLookback } from './wma.js';

/** TA-Lib's TA_MA_Lookback: a period of 1 is the identity (lookback 0) for every type. */
export function maLookback(period: number, maType: number): number {
  if (period <= 1) return 0;
  switch (maType) {
    case MaType.SMA: return smaLookback(period);
    case MaType.EMA: return emaLookback(period);
    case MaType.WMA: return wmaLookback(period);
    case MaType.DEMA: return demaLookback(period);
    case MaType.TEMA: return temaLookback(period);
    case MaType.TRIMA: return trimaLookback(period);
    case MaType.KAMA: return kamaLookback(period);
    case MaType.MAMA: return MAMA_LOOKBACK;
    case MaType.T3: return t3Lookback(period);
    default: throw new IndicatorError(`unknown MA type ${maType} (0..8)`, 'maType');
  }
}

/** Writes TA_MA(maType) of `src[from..]` into `out[from + maLookback..]`. */
export function maInto(src: Float64Array, from: number, period: number, maType: number, out: Float64Array): void {
  const n = src.length;
  if (period <= 1) {
    // TA_MA copies the input for a period of 1 before looking at the type (MAMA included),
    // matching TA_MA_Lookback's 0.
    for (let i = Math.max(0, from); i < n; i++) out[i] = src[i]!;
    return;
  }
  switch (maType) {
    case MaType.SMA: return smaInto(src, from, period, out);
    case MaType.EMA: return emaInto(src, from, period, out);
    case MaType.WMA: return wmaInto(src, from, period, out);
    case MaType.DEMA: return demaInto(src, from, period, out);
    case MaType.TEMA: return temaInto(src, from, period, out);
    case MaType.TRIMA: return trimaInto(src, from, period, out);
    case MaType.KAMA: return kamaInto(src, from, period, out);
    case MaType.T3: return t3Into(src, from, period, 0.7, out);
    case MaType.MAMA: {
      if (from < 0 || from + MAMA_LOOKBACK >= n) return;
      const [m] = mama(from === 0 ? src : src.subarray(from), 0.5, 0.05);
      for (let i = from + MAMA_LOOKBACK; i < n; i++) out[i] = m[i - from]!;
      return;
    }
    default: throw new IndicatorError(`unknown MA type ${maType} (0..8)`, 'maType');
  }
}

/** TA_MA: the moving average of type `maType` (TA-Lib numbering 0..8), NaN during warm-up. */
export function movingAverage(real: Float64Array, period: number, maType: number, out?: Float64Array): Float64Array {
  return withWarmup(real.length, maLookback(period, maType), (o) => maInto(real, 0, period, maType, o), out);
}

export const MA: IndicatorDef = {
  name: 'MA', group: OVERLAP, description: 'Moving average of the chosen maType over timePeriod bars (period 1 returns the input).',
  interpretation: 'Price units; read like the chosen MA type: slope = trend direction, price above it = bullish bias.',
  inputs: ['real'], params: [periodParam(30, 'timePeriod', 1), maTypeParam()], outputs: real(),
  lookback: (params) => maLookback(p(params, 'timePeriod'), p(params, 'maType')),
  compute: ([x], params) => [movingAverage(x!, p(params, 'timePeriod'), p(params, 'maType'))],
  computeInto: ([x], params, [out]) => { movingAverage(x!, p(params, 'timePeriod'), p(params, 'maType'), out); },
};
