/**
 * Volatility Indicators (TA-Lib group): true range and Wilder's average true range.
 * NaN inputs are not special-cased: they propagate through the arithmetic as in TA-Lib
 * (TRANGE's max-of-three uses TA-Lib's comparison chain, so a NaN range stays NaN).
 */
import { nanArray, type IndicatorDef } from './types.js';
import { intParam, p, real } from './defkit.js';

const GROUP = 'Volatility Indicators';

/** True range into out[from..]: max(high-low, |prevClose-high|, |prevClose-low|). */
function trangeInto(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): void {
  const n = high.length;
  for (let i = 1; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i - 1]!;
    let greatest = h - l;
    const v2 = Math.abs(c - h);
    if (v2 > greatest) greatest = v2;
    const v3 = Math.abs(c - l);
    if (v3 > greatest) greatest = v3;
    out[i] = greatest;
  }
}

export function trange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const out = nanArray(high.length);
  trangeInto(high, low, close, out);
  return out;
}

/**
 * Wilder's ATR: seeded with the mean of the first `period` true ranges (bars 1..period),
 * then atr = (atr*(period-1) + tr) / period. With `normalize`, NATR = atr/close*100.
 */
function wilderAtr(high: Float64Array, low: Float64Array, close: Float64Array, period: number, normalize: boolean): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  if (period >= n) return out;
  const tr = new Float64Array(n);
  trangeInto(high, low, close, tr);
  if (period === 1) {
    for (let i = 1; i < n; i++) out[i] = normalize ? natrOf(tr[i]!, close[i]!) : tr[i]!;
    return out;
  }
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += tr[i]!;
  let atr = sum / period;
  out[period] = normalize ? natrOf(atr, close[period]!) : atr;
  const pm1 = period - 1;
  for (let i = period + 1; i < n; i++) {
    atr *= pm1;
    atr += tr[i]!;
    atr /= period;
    out[i] = normalize ? natrOf(atr, close[i]!) : atr;
  }
  return out;
}

function natrOf(atr: number, close: number): number {
  return close > -1e-14 && close < 1e-14 ? 0 : (atr / close) * 100;
}

export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  return wilderAtr(high, low, close, period, false);
}

export function natr(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  return wilderAtr(high, low, close, period, true);
}

const tp = intParam('timePeriod', 14, 1, 100000, 'Number of bars in the window');

export const definitions: IndicatorDef[] = [
  {
    name: 'ATR', group: GROUP, description: 'Average true range (Wilder smoothing): typical bar-to-bar movement in price units.',
    inputs: ['high', 'low', 'close'], params: [tp], outputs: real(),
    lookback: (params) => p(params, 'timePeriod'),
    compute: ([h, l, c], params) => [atr(h!, l!, c!, p(params, 'timePeriod'))],
  },
  {
    name: 'NATR', group: GROUP, description: 'Normalized ATR: ATR as a percentage of the close, comparable across price levels.',
    inputs: ['high', 'low', 'close'], params: [tp], outputs: real(),
    lookback: (params) => p(params, 'timePeriod'),
    compute: ([h, l, c], params) => [natr(h!, l!, c!, p(params, 'timePeriod'))],
  },
  {
    name: 'TRANGE', group: GROUP, description: 'True range: the bar range extended to the previous close (price units).',
    inputs: ['high', 'low', 'close'], params: [], outputs: real(),
    lookback: () => 1,
    compute: ([h, l, c]) => [trange(h!, l!, c!)],
  },
];
