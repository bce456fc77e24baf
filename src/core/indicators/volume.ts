/**
 * Volume Indicators (TA-Lib group): Chaikin accumulation/distribution, its oscillator,
 * and on-balance volume. All are cumulative from the first bar, like TA-Lib's, so their
 * level depends on where the series starts; only changes are comparable across series.
 * NaN inputs are not special-cased: they propagate through the running totals as in TA-Lib.
 */
import { nanArray, type IndicatorDef } from './types.js';
import { intParam, p, real } from './defkit.js';

const GROUP = 'Volume Indicators';

/** Close-location value × volume, accumulated; bars with high <= low add nothing. */
export function ad(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array): Float64Array {
  const n = high.length;
  const out = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const range = h - l;
    const c = close[i]!;
    if (range > 0) acc += ((c - l - (h - c)) / range) * volume[i]!;
    out[i] = acc;
  }
  return out;
}

/**
 * Chaikin oscillator: EMA(fast) - EMA(slow) of the A/D line. Unlike TA_EMA, TA-Lib seeds
 * both EMAs with the first A/D value (not an SMA) and writes them as k*x + (1-k)*e.
 */
export function adosc(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, fastPeriod: number, slowPeriod: number): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const lookback = Math.max(fastPeriod, slowPeriod) - 1;
  if (lookback >= n) return out;
  const fk = 2 / (fastPeriod + 1);
  const fk1 = 1 - fk;
  const sk = 2 / (slowPeriod + 1);
  const sk1 = 1 - sk;
  let acc = 0;
  let fast = 0;
  let slow = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const range = h - l;
    const c = close[i]!;
    if (range > 0) acc += ((c - l - (h - c)) / range) * volume[i]!;
    if (i === 0) {
      fast = acc;
      slow = acc;
    } else {
      fast = fk * acc + fk1 * fast;
      slow = sk * acc + sk1 * slow;
    }
    if (i >= lookback) out[i] = fast - slow;
  }
  return out;
}

/** On-balance volume: volume added on up closes, subtracted on down closes, from volume[0]. */
export function obv(close: Float64Array, volume: Float64Array): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  let acc = volume[0]!;
  let prev = close[0]!;
  for (let i = 0; i < n; i++) {
    const c = close[i]!;
    if (c > prev) acc += volume[i]!;
    else if (c < prev) acc -= volume[i]!;
    out[i] = acc;
    prev = c;
  }
  return out;
}

export const definitions: IndicatorDef[] = [
  {
    name: 'AD', group: GROUP, description: 'Chaikin accumulation/distribution line: rising = closes near highs on volume (buying pressure).',
    inputs: ['high', 'low', 'close', 'volume'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([h, l, c, v]) => [ad(h!, l!, c!, v!)],
  },
  {
    name: 'ADOSC', group: GROUP, description: 'Chaikin A/D oscillator: EMA(fast) - EMA(slow) of the A/D line; above 0 = accumulation gaining momentum.',
    inputs: ['high', 'low', 'close', 'volume'],
    params: [
      intParam('fastPeriod', 3, 2, 100000, 'Fast EMA period'),
      intParam('slowPeriod', 10, 2, 100000, 'Slow EMA period'),
    ],
    outputs: real(),
    lookback: (params) => Math.max(p(params, 'fastPeriod'), p(params, 'slowPeriod')) - 1,
    compute: ([h, l, c, v], params) => [adosc(h!, l!, c!, v!, p(params, 'fastPeriod'), p(params, 'slowPeriod'))],
  },
  {
    name: 'OBV', group: GROUP, description: 'On-balance volume: cumulative volume signed by the close-to-close direction; its trend confirms price.',
    inputs: ['close', 'volume'], params: [], outputs: real(),
    lookback: () => 0,
    compute: ([c, v]) => [obv(c!, v!)],
  },
];
