import { describe, expect, it } from 'vitest';
import { structureAt } from '../../../src/core/signals/lookback.js';
import { sliceCandles } from '../../../src/core/series.js';
import type { Level } from '../../../src/core/signals/types.js';
import { toCandleResult } from '../../../src/services/pipeline/persist.js';
import type { SeriesKey } from '../../../src/infra/store/types.js';
import { SnapshotWriter, writeLevels, writeSnapshots } from '../../../src/services/pipeline/snapshot-bytes.js';
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
        // Straight into bytes, in a writer that starts too small (it grows) after other bytes.
        const w = new SnapshotWriter(new Uint8Array(3));
        w.pos = 2;
        const ends = writeSnapshots(w, r);
        const bytes = Buffer.from(w.buf.buffer, w.buf.byteOffset, w.pos);
        expect(bytes.subarray(2, ends[0]).toString('utf8')).toBe(JSON.stringify(plain.snapshots.swings));
        expect(bytes.subarray(ends[0], ends[1]).toString('utf8')).toBe(JSON.stringify(plain.snapshots.sr_levels));
        expect(bytes.subarray(ends[1], ends[2]).toString('utf8')).toBe(JSON.stringify(plain.snapshots.fib_levels));
        expect(ends[2]).toBe(w.pos);
        if (r.fib === null) noFib++;
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(noFib).toBeGreaterThan(0);
  });

  it('writes non-finite numbers as null and an empty list as []', () => {
    const l: Level = { price: NaN, zoneLow: -Infinity, zoneHigh: Infinity, touches: 1, firstTouch: 0, lastTouch: -0, strength: 1, state: 'broken', flipped: true, role: 'support' };
    const bytes = (levels: Level[]) => {
      const w = new SnapshotWriter(new Uint8Array(0));
      writeLevels(w, levels);
      return Buffer.from(w.buf.buffer, w.buf.byteOffset, w.pos).toString('utf8');
    };
    expect(bytes([l, l])).toBe(JSON.stringify([l, l]));
    expect(bytes([])).toBe('[]');
  });

  it('writes numbers as JSON does: integers of every size and sign, fractions, -0, non-finite', () => {
    const xs = [0, -0, 1, -1, 9, 10, 99, 100, 12345, -98765, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e21, 1.5, -0.25, 1e-7, 123456.789, 0.1 + 0.2, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE];
    const levels = xs.map((x, i): Level => ({ price: i, zoneLow: x, zoneHigh: -x, touches: x, firstTouch: x, lastTouch: -x, strength: x, state: i % 2 ? 'broken' : 'active', flipped: i % 3 === 0, role: i % 5 ? 'support' : 'resistance' }));
    // Twice: the second pass reads the cached texts.
    for (let k = 0; k < 2; k++) {
      const w = new SnapshotWriter(new Uint8Array(16));
      writeLevels(w, levels);
      expect(Buffer.from(w.buf.buffer, w.buf.byteOffset, w.pos).toString('utf8')).toBe(JSON.stringify(levels));
    }
  });
});
