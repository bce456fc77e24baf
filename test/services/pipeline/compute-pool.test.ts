import { describe, expect, it } from 'vitest';
import { ComputePool, POOL_BATCH } from '../../../src/services/pipeline/compute-pool.js';
import { computeCandle } from '../../../src/services/pipeline/step.js';
import type { SeriesKey, SnapshotKind } from '../../../src/infra/store/types.js';
import { daily } from '../../core/structure/data.js';

// The compute thread sends back numbers, signals and snapshot bytes; the pool rebuilds each
// result from the run it sent. What comes back must be what this thread computes itself.
describe('compute pool', () => {
  it('returns the result this thread computes, snapshots as JSON.stringify\'s UTF-8 bytes, across batches; a failed run rejects alone', async () => {
    const pool = new ComputePool(1, { window: 500 });
    try {
      const key: SeriesKey = { source: 'replay', symbol: 'ETH/USDT', timeframe: '1d' };
      const c = daily(key.symbol);
      pool.load(key, c);
      const times = Array.from({ length: POOL_BATCH * 2 + 5 }, (_, i) => c.time[c.time.length - 1 - i * 3]!);
      const missing = pool.run({ ...key, symbol: 'NOPE/USDT' }, times[0]!);
      const got = await Promise.all([...times.map((t) => pool.run(key, t)), missing.catch((e: Error) => e)]);
      expect((got.pop() as Error).message).toMatch(/no history loaded/);
      let signals = 0;
      for (let i = 0; i < times.length; i++) {
        const r = got[i] as Awaited<ReturnType<ComputePool['run']>>;
        const want = computeCandle(key, c, times[i]!, { window: 500 });
        expect(r.key).toEqual(key);
        expect(r.time).toBe(want.time);
        expect(r.signal).toEqual(want.signal);
        if (r.signal) signals++;
        for (const kind of ['swings', 'sr_levels', 'fib_levels'] as SnapshotKind[]) {
          expect(Buffer.from(r.snapshotUtf8![kind]!).toString('utf8')).toBe(JSON.stringify(want.snapshots[kind]));
        }
      }
      expect(signals).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});
