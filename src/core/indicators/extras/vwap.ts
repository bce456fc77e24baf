/**
 * VWAP: rolling sum(tp*v) / sum(v) over timePeriod bars, tp = (high+low+close)/3 (warm-up
 * period - 1). VWAP_SESSION: the same ratio accumulated since the start of the bar's UTC day;
 * its 5th input (`real`) is the candle OPEN time in ms, and it resets when
 * floor(time / 86_400_000) changes (no warm-up; NaN while the session has no volume).
 */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { EXTRAS, windowRatio } from './shared.js';

const DAY_MS = 86_400_000;

export function vwap(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period = 20): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const pv = new Float64Array(n);
  for (let i = 0; i < n; i++) pv[i] = ((high[i]! + low[i]! + close[i]!) / 3) * volume[i]!;
  windowRatio(pv, volume, period, NaN, out);
  return out;
}

/** Session VWAP; `time` is each candle's open time in ms (UTC). NaN while the session has no volume. */
export function vwapSession(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, time: Float64Array): Float64Array {
  const n = high.length;
  const out = new Float64Array(n);
  let day = NaN;
  let sn = 0;
  let sd = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.floor(time[i]! / DAY_MS);
    if (d !== day) { day = d; sn = 0; sd = 0; }
    const v = volume[i]!;
    sn += ((high[i]! + low[i]! + close[i]!) / 3) * v;
    sd += v;
    out[i] = sd === 0 ? NaN : sn / sd;
  }
  return out;
}

export const VWAP: IndicatorDef = {
  name: 'VWAP', group: EXTRAS,
  description: 'Rolling volume-weighted average of typical price over timePeriod bars; price above it means buyers paid up.',
  interpretation: 'Price units: price above VWAP = buyers paid above the volume-weighted average (bullish bias), below = bearish; often used as fair value.',
  inputs: ['high', 'low', 'close', 'volume'], params: [periodParam(20, 'timePeriod', 1)], outputs: real(),
  lookback: (ps) => p(ps, 'timePeriod') - 1,
  compute: (i, ps) => [vwap(i[0]!, i[1]!, i[2]!, i[3]!, p(ps, 'timePeriod'))],
};

export const VWAP_SESSION: IndicatorDef = {
  name: 'VWAP_SESSION', group: EXTRAS,
  description: 'Session VWAP reset at each UTC midnight (5th input: candle open time in ms); the day\'s average traded price.',
  interpretation: 'Price units: price above the session VWAP = trading above the day\'s average paid price (bullish bias), below = bearish.',
  inputs: ['high', 'low', 'close', 'volume', 'real'], params: [], outputs: real(),
  lookback: () => 0,
  compute: (i) => [vwapSession(i[0]!, i[1]!, i[2]!, i[3]!, i[4]!)],
};
