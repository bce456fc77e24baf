import { describe, it, expect } from 'vitest';
import { fromRows } from '../../src/core/series.js';
import { cleanCandles, findGaps } from '../../src/core/quality.js';

const H = 3_600_000;
describe('clean layer', () => {
  it('rejects impossible candles and reports why, keeping the rest', () => {
    const raw = fromRows([
      [0, 10, 11, 9, 10.5, 5],
      [H, 10, 11, 9, 10.5, 5],
      [H, 10, 11, 9, 10.5, 5], // duplicate
      [0.5 * H, 10, 11, 9, 10.5, 5], // goes back in time
      [2 * H, 10, 9.5, 9, 10.5, 5], // high below close
      [3 * H, 10, 11, 10.2, 10.5, 5], // low above open
      [4 * H, 10, 11, 9, 10.5, -1], // negative volume
      [5 * H, NaN, 11, 9, 10.5, 1], // NaN
      [8 * H, 10, 11, 9, 10.5, 5], // after a gap
    ]);
    const { candles, report } = cleanCandles(raw, H);
    expect(Array.from(candles.time)).toEqual([0, H, 8 * H]);
    expect(report.rejected.map((r) => r.defect)).toEqual([
      'duplicate_time', 'non_increasing_time', 'high_below_open_close', 'low_above_open_close', 'negative_volume', 'not_finite',
    ]);
    expect(report.gaps).toEqual([{ after: H, before: 8 * H, missing: 6 }]);
    expect(report.missingCandles).toBe(6);
  });
  it('finds the known gaps of real data', () => {
    expect(findGaps(Float64Array.from([0, H, 2 * H, 5 * H]), H)).toEqual([{ after: 2 * H, before: 5 * H, missing: 2 }]);
  });
});
