/**
 * Price Transform (TA-Lib group): per-bar price blends, plus AVGDEV which TA-Lib 0.6 files
 * here. Additions keep TA-Lib's operand order so results match it bit for bit.
 * NaN inputs are not special-cased: they propagate through the arithmetic as in TA-Lib.
 */
import { nanArray, type IndicatorDef } from './types.js';
import { intParam, p, real } from './defkit.js';

const GROUP = 'Price Transform';

export function avgprice(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = open.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (high[i]! + low[i]! + close[i]! + open[i]!) / 4;
  return out;
}

export function medprice(high: Float64Array, low: Float64Array): Float64Array {
  const n = high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (high[i]! + low[i]!) / 2;
  return out;
}

export function typprice(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (high[i]! + low[i]! + close[i]!) / 3;
  return out;
}

export function wclprice(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (high[i]! + low[i]! + close[i]! * 2) / 4;
  return out;
}

/** Mean absolute deviation from the window mean; O(period) per bar because the mean moves. */
export function avgdev(real: Float64Array, period: number): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  for (let today = period - 1; today < n; today++) {
    let sum = 0;
    for (let k = 0; k < period; k++) sum += real[today - k]!;
    const mean = sum / period;
    let dev = 0;
    for (let k = 0; k < period; k++) dev += Math.abs(real[today - k]! - mean);
    out[today] = dev / period;
  }
  return out;
}

export const definitions: IndicatorDef[] = [
  {
    name: 'AVGPRICE', group: GROUP, description: 'Average price (open + high + low + close) / 4.',
    inputs: ['open', 'high', 'low', 'close'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([o, h, l, c]) => [avgprice(o!, h!, l!, c!)],
  },
  {
    name: 'MEDPRICE', group: GROUP, description: 'Median price (high + low) / 2: the middle of the bar.',
    inputs: ['high', 'low'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([h, l]) => [medprice(h!, l!)],
  },
  {
    name: 'TYPPRICE', group: GROUP, description: 'Typical price (high + low + close) / 3.',
    inputs: ['high', 'low', 'close'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([h, l, c]) => [typprice(h!, l!, c!)],
  },
  {
    name: 'WCLPRICE', group: GROUP, description: 'Weighted close price (high + low + 2*close) / 4.',
    inputs: ['high', 'low', 'close'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([h, l, c]) => [wclprice(h!, l!, c!)],
  },
  {
    name: 'AVGDEV', group: GROUP, description: 'Average absolute deviation of the value from its timePeriod mean (price units).',
    inputs: ['real'], params: [intParam('timePeriod', 14, 2, 100000, 'Number of bars in the window')], outputs: real(),
    lookback: (params) => p(params, 'timePeriod') - 1,
    compute: ([x], params) => [avgdev(x!, p(params, 'timePeriod'))],
  },
];
