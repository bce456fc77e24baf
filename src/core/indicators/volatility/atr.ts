/**
 * ATR: Wilder's average true range, seeded with the mean of the first `period` true ranges
 * (bars 1..period), then atr = (atr*(period-1) + tr) / period (warm-up period). NATR shares
 * the kernel.
 */
import { outArray } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { ip, p, periodParam, real, trueRange } from '../defkit.js';
import { VOLATILITY } from './trange.js';

/**
 * With `normalize`, NATR = atr / close * 100. The true range is computed in the same pass (no
 * TR series): the values and their order of summation are TA-Lib's.
 */
export function wilderAtr(high: Float64Array, low: Float64Array, close: Float64Array, period: number, normalize: boolean, into?: Float64Array): Float64Array {
  const n = high.length;
  const out = outArray(n, period, into);
  if (period >= n) return out;
  if (period === 1) {
    for (let i = 1; i < n; i++) {
      const tr = trueRange(high[i]!, low[i]!, close[i - 1]!);
      out[i] = normalize ? natrOf(tr, close[i]!) : tr;
    }
    return out;
  }
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRange(high[i]!, low[i]!, close[i - 1]!);
  let atr = sum / period;
  out[period] = normalize ? natrOf(atr, close[period]!) : atr;
  const pm1 = period - 1;
  for (let i = period + 1; i < n; i++) {
    atr *= pm1;
    atr += trueRange(high[i]!, low[i]!, close[i - 1]!);
    atr /= period;
    out[i] = normalize ? natrOf(atr, close[i]!) : atr;
  }
  return out;
}

function natrOf(atr: number, close: number): number {
  return close > -1e-14 && close < 1e-14 ? 0 : (atr / close) * 100;
}

/** ATR alone: wilderAtr's arithmetic in the same order, without the NATR switch in the loop. */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period: number, into?: Float64Array): Float64Array {
  const n = high.length;
  if (period <= 1) return wilderAtr(high, low, close, period, false, into);
  const out = outArray(n, period, into);
  if (period >= n) return out;
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRange(high[i]!, low[i]!, close[i - 1]!);
  let atr = sum / period;
  out[period] = atr;
  const pm1 = period - 1;
  let prevClose = close[period]!;
  for (let i = period + 1; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    atr *= pm1;
    atr += trueRange(h, l, prevClose);
    atr /= period;
    out[i] = atr;
    prevClose = close[i]!;
  }
  return out;
}

export const ATR: IndicatorDef = {
  name: 'ATR', group: VOLATILITY, description: 'Average true range (Wilder smoothing): typical bar-to-bar movement in price units.',
  interpretation: 'Price units: the typical bar range; higher = more volatile; used to size stops and positions (e.g. stop at 2 x ATR).',
  inputs: ['high', 'low', 'close'], params: [periodParam(14, 'timePeriod', 1)], outputs: real(),
  lookback: (params) => p(params, 'timePeriod'),
  compute: ([h, l, c], params) => [atr(h!, l!, c!, p(params, 'timePeriod'))],
  computeInto: ([h, l, c], params, [out]) => { atr(h!, l!, c!, p(params, 'timePeriod'), out); },
  bind: (params) => {
    const period = ip(params, 'timePeriod');
    return (inputs, outputs) => { atr(inputs[0]!, inputs[1]!, inputs[2]!, period, outputs[0]); };
  },
};
