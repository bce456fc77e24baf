/**
 * Momentum indicators (TA-Lib group "Momentum Indicators"), TA-Lib 0.6-exact. Kernels live in
 * momentum-osc.ts (oscillators) and momentum-directional.ts (Wilder's DM/DI/ADX family); this
 * file registers them and re-exports the plain typed functions other services call directly.
 * APO, PPO, the MACD and STOCH variants and TRIX live in momentum-ma.ts.
 *
 * NaN inputs are not special-cased anywhere: they propagate through the arithmetic exactly as in
 * TA-Lib's C code.
 */
import { periodParam, type IndicatorDef, type Params, type ParamSpec } from './types.js';
import {
  adx, adxLookback, adxr, adxrLookback, diLookback, dx, dxLookback, minusDi, minusDm, plusDi, plusDm, plusDmLookback,
} from './momentum-directional.js';
import {
  aroon, aroonOsc, bop, cci, cmo, imi, mfi, mom, roc, rocp, rocr, rocr100, rsi, ultosc, ultoscLookback, willr,
} from './momentum-osc.js';

export {
  adx, adxr, dx, minusDi, minusDm, plusDi, plusDm,
  aroon, aroonOsc, bop, cci, cmo, imi, mfi, mom, roc, rocp, rocr, rocr100, rsi, ultosc, willr,
};

const GROUP = 'Momentum Indicators';
const real = (name: string) => ({ name, kind: 'real' as const });
const tp = (p: Params): number => p['timePeriod']!;

function single(
  name: string, description: string, inputs: IndicatorDef['inputs'], param: ParamSpec,
  lookback: (period: number) => number, fn: (ins: readonly Float64Array[], period: number) => Float64Array,
): IndicatorDef {
  return {
    name, group: GROUP, description, inputs, params: [param], outputs: [real('outReal')],
    lookback: (p) => lookback(tp(p)),
    compute: (ins, p) => [fn(ins, tp(p))],
  };
}

const HLC = ['high', 'low', 'close'] as const;
const HL = ['high', 'low'] as const;
const C = ['real'] as const;

export const definitions: IndicatorDef[] = [
  single('ADX', 'Average Directional Index, 0-100: trend strength regardless of direction (above ~25 trending, below ~20 ranging).',
    HLC, periodParam(14), adxLookback, (i, p) => adx(i[0]!, i[1]!, i[2]!, p)),
  single('ADXR', 'ADX Rating, 0-100: average of today\'s ADX and the ADX period-1 bars ago; a smoother trend-strength gauge.',
    HLC, periodParam(14), adxrLookback, (i, p) => adxr(i[0]!, i[1]!, i[2]!, p)),
  {
    name: 'AROON', group: GROUP,
    description: 'Aroon down/up, 0-100: how recently the period\'s lowest low / highest high occurred (100 = this bar).',
    inputs: HL, params: [periodParam(14)], outputs: [real('outAroonDown'), real('outAroonUp')],
    lookback: (p) => tp(p),
    compute: (i, p) => aroon(i[0]!, i[1]!, tp(p)),
  },
  single('AROONOSC', 'Aroon Oscillator, -100..100: Aroon up minus Aroon down; positive when highs are more recent than lows.',
    HL, periodParam(14), (p) => p, (i, p) => aroonOsc(i[0]!, i[1]!, p)),
  {
    name: 'BOP', group: GROUP,
    description: 'Balance Of Power, -1..1: (close - open) / (high - low); buyers (+) or sellers (-) controlled the bar.',
    inputs: ['open', 'high', 'low', 'close'], params: [], outputs: [real('outReal')],
    lookback: () => 0,
    compute: (i) => [bop(i[0]!, i[1]!, i[2]!, i[3]!)],
  },
  single('CCI', 'Commodity Channel Index: typical price\'s distance from its mean in units of 0.015 mean deviation; beyond +/-100 is unusual.',
    HLC, periodParam(14), (p) => p - 1, (i, p) => cci(i[0]!, i[1]!, i[2]!, p)),
  single('CMO', 'Chande Momentum Oscillator, -100..100: Wilder-smoothed (gains - losses) / (gains + losses).',
    C, periodParam(14), (p) => p, (i, p) => cmo(i[0]!, p)),
  single('DX', 'Directional Movement Index, 0-100: |+DI - -DI| / (+DI + -DI); the unsmoothed input of ADX.',
    HLC, periodParam(14), dxLookback, (i, p) => dx(i[0]!, i[1]!, i[2]!, p)),
  single('IMI', 'Intraday Momentum Index, 0-100: share of the window\'s open-to-close moves that were up (RSI on bodies).',
    ['open', 'close'], periodParam(14), (p) => p - 1, (i, p) => imi(i[0]!, i[1]!, p)),
  single('MFI', 'Money Flow Index, 0-100: volume-weighted RSI of typical price; above 80 overbought, below 20 oversold.',
    ['high', 'low', 'close', 'volume'], periodParam(14), (p) => p, (i, p) => mfi(i[0]!, i[1]!, i[2]!, i[3]!, p)),
  single('MINUS_DI', 'Minus Directional Indicator, 0-100: share of the true range made by downward moves (Wilder smoothed).',
    HLC, periodParam(14, 'timePeriod', 1), diLookback, (i, p) => minusDi(i[0]!, i[1]!, i[2]!, p)),
  single('MINUS_DM', 'Minus Directional Movement, price units: Wilder-smoothed sum of downward moves of the low.',
    HL, periodParam(14, 'timePeriod', 1), plusDmLookback, (i, p) => minusDm(i[0]!, i[1]!, p)),
  single('MOM', 'Momentum, price units: value minus the value period bars ago.',
    C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p) => mom(i[0]!, p)),
  single('PLUS_DI', 'Plus Directional Indicator, 0-100: share of the true range made by upward moves (Wilder smoothed).',
    HLC, periodParam(14, 'timePeriod', 1), diLookback, (i, p) => plusDi(i[0]!, i[1]!, i[2]!, p)),
  single('PLUS_DM', 'Plus Directional Movement, price units: Wilder-smoothed sum of upward moves of the high.',
    HL, periodParam(14, 'timePeriod', 1), plusDmLookback, (i, p) => plusDm(i[0]!, i[1]!, p)),
  single('ROC', 'Rate of change in percent: (value / value period bars ago - 1) * 100.',
    C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p) => roc(i[0]!, p)),
  single('ROCP', 'Rate of change as a fraction: (value - prev) / prev, where prev is period bars ago.',
    C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p) => rocp(i[0]!, p)),
  single('ROCR', 'Rate of change ratio: value / value period bars ago (1 = unchanged).',
    C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p) => rocr(i[0]!, p)),
  single('ROCR100', 'Rate of change ratio x100: value / value period bars ago * 100 (100 = unchanged).',
    C, periodParam(10, 'timePeriod', 1), (p) => p, (i, p) => rocr100(i[0]!, p)),
  single('RSI', 'Relative Strength Index, 0-100: Wilder-smoothed gains vs losses; above 70 overbought, below 30 oversold.',
    C, periodParam(14), (p) => p, (i, p) => rsi(i[0]!, p)),
  {
    name: 'ULTOSC', group: GROUP,
    description: 'Ultimate Oscillator, 0-100: 4:2:1 weighted buying pressure over three windows; above 70 overbought, below 30 oversold.',
    inputs: HLC,
    params: [
      periodParam(7, 'timePeriod1', 1, 'Number of bars for the 1st (shortest) period'),
      periodParam(14, 'timePeriod2', 1, 'Number of bars for the 2nd period'),
      periodParam(28, 'timePeriod3', 1, 'Number of bars for the 3rd (longest) period'),
    ],
    outputs: [real('outReal')],
    lookback: (p) => ultoscLookback(p['timePeriod1']!, p['timePeriod2']!, p['timePeriod3']!),
    compute: (i, p) => [ultosc(i[0]!, i[1]!, i[2]!, p['timePeriod1']!, p['timePeriod2']!, p['timePeriod3']!)],
  },
  single('WILLR', 'Williams %R, -100..0: close\'s position in the period\'s high-low range; above -20 overbought, below -80 oversold.',
    HLC, periodParam(14), (p) => p - 1, (i, p) => willr(i[0]!, i[1]!, i[2]!, p)),
];
