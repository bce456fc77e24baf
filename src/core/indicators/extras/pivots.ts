/**
 * PIVOTS: classic floor pivots from the PREVIOUS bar's H/L/C: P = (H+L+C)/3, R1 = 2P-L,
 * S1 = 2P-H, R2 = P+(H-L), S2 = P-(H-L), R3 = H+2(P-L), S3 = L-2(H-P) (warm-up 1).
 */
import { nanArray, type IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { EXTRAS } from './shared.js';

/** [pivot, r1, r2, r3, s1, s2, s3] from the previous bar. */
export function pivots(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array[] {
  const n = high.length;
  const outs = [nanArray(n), nanArray(n), nanArray(n), nanArray(n), nanArray(n), nanArray(n), nanArray(n)] as const;
  const [pp, r1, r2, r3, s1, s2, s3] = outs;
  for (let i = 1; i < n; i++) {
    const h = high[i - 1]!;
    const l = low[i - 1]!;
    const p = (h + l + close[i - 1]!) / 3;
    pp[i] = p;
    r1[i] = 2 * p - l;
    s1[i] = 2 * p - h;
    r2[i] = p + (h - l);
    s2[i] = p - (h - l);
    r3[i] = h + 2 * (p - l);
    s3[i] = l - 2 * (h - p);
  }
  return [...outs];
}

export const PIVOTS: IndicatorDef = {
  name: 'PIVOTS', group: EXTRAS,
  description: 'Classic floor pivots from the previous bar: price above P is bullish; R1-R3 / S1-S3 are resistance / support levels.',
  interpretation: 'Price units: price above P = bullish bias, below = bearish; R1-R3 are resistance and S1-S3 support levels for this bar.',
  inputs: ['high', 'low', 'close'], params: [],
  outputs: real('outPivot', 'outR1', 'outR2', 'outR3', 'outS1', 'outS2', 'outS3'),
  lookback: () => 1,
  compute: (i) => pivots(i[0]!, i[1]!, i[2]!),
};
