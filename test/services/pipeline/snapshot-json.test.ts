import { describe, expect, it } from 'vitest';
import { structureAt } from '../../../src/core/signals/lookback.js';
import { sliceCandles } from '../../../src/core/series.js';
import type { Level } from '../../../src/core/signals/types.js';
import { levelsJson, toCandleResult, toEncodedCandleResult } from '../../../src/services/pipeline/persist.js';
import type { SeriesKey } from '../../../src/infra/store/types.js';
import { PAIRS, daily, spread } from '../../core/structure/data.js';

// The compute threads write snapshot JSON field by field; the store must get the text
// JSON.stringify writes, byte for byte (a field added to a snapshot shape and not to the
// writer fails here).
describe('snapshot JSON written by the compute threads', () => {
  it('is JSON.stringify\'s text for every snapshot, on real series from the first bars on', () => {
    let compared = 0;
    let noFib = 0;
    for (const pair of PAIRS) {
      const c = daily(pair);
      const key = { source: 'replay', symbol: pair, timeframe: '1d' } as SeriesKey;
      for (const at of [...spread(c.time.length, 60, 0), 3, 12, 25]) {
        const r = structureAt(sliceCandles(c, 0, at + 1), { symbol: pair, timeframe: '1d' });
        const plain = toCandleResult(key, r);
        const encoded = toEncodedCandleResult(key, r);
        for (const kind of ['swings', 'sr_levels', 'fib_levels'] as const) {
          expect(encoded.snapshotJson?.[kind]).toBe(JSON.stringify(plain.snapshots[kind]));
        }
        expect(encoded.snapshots).toEqual({});
        expect(encoded.signal).toEqual(plain.signal);
        if (r.fib === null) noFib++;
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(noFib).toBeGreaterThan(0);
  });

  it('writes non-finite numbers as null and an empty list as []', () => {
    const l: Level = { price: NaN, zoneLow: -Infinity, zoneHigh: Infinity, touches: 1, firstTouch: 0, lastTouch: -0, strength: 1, state: 'broken', flipped: true, role: 'support' };
    expect(levelsJson([l, l])).toBe(JSON.stringify([l, l]));
    expect(levelsJson([])).toBe('[]');
  });
});
