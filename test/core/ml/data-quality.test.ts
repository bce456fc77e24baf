import { describe, expect, it } from 'vitest';
import { cleanCandles } from '../../../src/core/quality.js';
import { dataQuality, dataQualityLine } from '../../../src/core/ml/data-quality.js';
import { sliceCandles, type Candles } from '../../../src/core/series.js';
import { btc4h } from './candles.js';

const H4 = 4 * 3_600_000;

function copy(c: Candles): Candles {
  return { time: c.time.slice(), open: c.open.slice(), high: c.high.slice(), low: c.low.slice(), close: c.close.slice(), volume: c.volume.slice() };
}

describe('ML data-quality report on real BTC-USD 4h', () => {
  it('counts what the clean layer dropped by defect, the gaps, and planted bad prints as outliers', () => {
    const raw = copy(sliceCandles(btc4h(), 5000, 8000));
    const before = dataQuality(cleanCandles(raw, H4).candles, cleanCandles(raw, H4).report);
    // Plant two defects and one bad print (a close 10x too high for one bar).
    raw.high[100] = raw.open[100]! * 0.5;
    raw.time[200] = raw.time[199]!;
    raw.close[1500] = raw.close[1500]! * 10;
    raw.high[1500] = Math.max(raw.high[1500]!, raw.close[1500]!);
    const { candles, report } = cleanCandles(raw, H4);
    const q = dataQuality(candles, report);
    expect(q.rows).toBe(3000);
    expect(q.kept).toBe(2998);
    expect(q.rejected).toEqual({ high_below_open_close: 1, duplicate_time: 1 });
    // Dropping a bar opens a gap in the series.
    expect(q.gaps).toBeGreaterThanOrEqual(before.gaps + 2);
    expect(q.outliers.count).toBeGreaterThanOrEqual(before.outliers.count + 2);
    const planted = q.outliers.worst.map((w) => w.time);
    expect(planted).toContain(raw.time[1500]);
    expect(dataQualityLine(q, (t) => new Date(t).toISOString())).toMatch(/^data quality: 2998\/3000 rows kept, rejected: 1 high_below_open_close, 1 duplicate_time;/);
  });

  it('the real series alone: every row kept, outliers counted against a robust scale, not removed', () => {
    const c = btc4h();
    const { candles, report } = cleanCandles(c, H4);
    const q = dataQuality(candles, report);
    expect(q.kept).toBe(candles.time.length);
    expect(q.outliers.count).toBeLessThan(candles.time.length / 100);
    for (const w of q.outliers.worst) expect(Math.abs(w.z)).toBeGreaterThan(q.outliers.threshold);
  });
});
