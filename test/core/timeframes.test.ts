import { describe, it, expect } from 'vitest';
import { parseTimeframe, bucketStart, canResample, lbankName, TimeframeError } from '../../src/core/timeframes.js';

describe('timeframes', () => {
  it('accepts LBank and CCXT names', () => {
    const pairs: [string, string][] = [
      ['minute1', '1m'], ['minute5', '5m'], ['minute15', '15m'], ['minute30', '30m'], ['hour1', '1h'], ['hour4', '4h'],
      ['hour8', '8h'], ['hour12', '12h'], ['day1', '1d'], ['week1', '1w'], ['month1', '1M'],
    ];
    for (const [lb, cc] of pairs) {
      expect(parseTimeframe(lb)).toBe(cc);
      expect(parseTimeframe(cc)).toBe(cc);
      expect(lbankName(parseTimeframe(cc))).toBe(lb);
    }
    expect(parseTimeframe('1D')).toBe('1d');
    expect(parseTimeframe('1M')).toBe('1M');
    expect(parseTimeframe('1m')).toBe('1m');
  });
  it('rejects unknown names with the accepted list', () => {
    expect(() => parseTimeframe('day7')).toThrow(TimeframeError);
    expect(() => parseTimeframe('day7')).toThrow(/minute1.*1m/);
  });
  it('buckets weeks on Monday and months on the 1st (UTC)', () => {
    const wed = Date.UTC(2024, 3, 10, 13); // Wednesday 2024-04-10
    expect(new Date(bucketStart(wed, '1w')).toISOString()).toBe('2024-04-08T00:00:00.000Z');
    expect(new Date(bucketStart(wed, '1M')).toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(new Date(bucketStart(wed, '4h')).toISOString()).toBe('2024-04-10T12:00:00.000Z');
  });
  it('knows which timeframes resample into which', () => {
    expect(canResample('1h', '4h')).toBe(true);
    expect(canResample('1d', '1w')).toBe(true);
    expect(canResample('1d', '1M')).toBe(true);
    expect(canResample('4h', '1h')).toBe(false);
    expect(canResample('1w', '1M')).toBe(false);
  });
});
