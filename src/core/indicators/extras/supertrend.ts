/**
 * SUPERTREND: hl2 +/- multiplier * ATR(atrPeriod) bands that only tighten while the trend
 * lasts; the line is the lower band in an uptrend (+1) and the upper band in a downtrend (-1)
 * (warm-up atrPeriod).
 */
import { nanArray, type IndicatorDef } from '../types.js';
import { integer, p, periodParam, real, realParam } from '../defkit.js';
import { atrOf, EXTRAS } from './shared.js';

/** [supertrend, direction] with direction +1 (uptrend) / -1 (downtrend). */
export function supertrend(high: Float64Array, low: Float64Array, close: Float64Array, atrPeriod = 10, multiplier = 3): Float64Array[] {
  const n = high.length;
  const line = nanArray(n);
  const dir = nanArray(n);
  const atr = atrOf(high, low, close, atrPeriod);
  let upper = 0;
  let lower = 0;
  let up = false;
  for (let i = atrPeriod; i < n; i++) {
    const hl2 = (high[i]! + low[i]!) / 2;
    const w = multiplier * atr[i]!;
    const basicUpper = hl2 + w;
    const basicLower = hl2 - w;
    const c = close[i]!;
    if (i === atrPeriod) {
      // No history yet: start in a downtrend, as TradingView's ta.supertrend does.
      upper = basicUpper;
      lower = basicLower;
      up = false;
    } else {
      const pc = close[i - 1]!;
      // Bands only tighten while price stays inside them; a close beyond a band resets it.
      upper = basicUpper < upper || pc > upper ? basicUpper : upper;
      lower = basicLower > lower || pc < lower ? basicLower : lower;
      up = up ? !(c < lower) : c > upper;
    }
    line[i] = up ? lower : upper;
    dir[i] = up ? 1 : -1;
  }
  return [line, dir];
}

export const SUPERTREND: IndicatorDef = {
  name: 'SUPERTREND', group: EXTRAS,
  description: 'Supertrend trailing line (ATR bands around hl2) and direction: +1 uptrend (line below price), -1 downtrend.',
  interpretation: 'Price units and +1/-1: direction +1 = uptrend with the line below price as a trailing stop, -1 = downtrend with the line above price; a flip is a signal.',
  inputs: ['high', 'low', 'close'],
  params: [
    periodParam(10, 'atrPeriod', 1, 'ATR window'),
    realParam('multiplier', 3, 0, 100, 'ATR multiple between hl2 and the bands'),
  ],
  outputs: [...real('outSupertrend'), ...integer('outDirection')],
  lookback: (ps) => p(ps, 'atrPeriod'),
  compute: (i, ps) => supertrend(i[0]!, i[1]!, i[2]!, p(ps, 'atrPeriod'), p(ps, 'multiplier')),
};
