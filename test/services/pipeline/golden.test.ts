import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asPair } from '../../../src/core/types.js';
import { candleCount } from '../../../src/core/series.js';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { PipelineService } from '../../../src/services/pipeline/service.js';
import { processCandle } from '../../../src/services/pipeline/process.js';
import { dumpStore, GOLDEN_RUN, type GoldenDump } from './golden.js';

// Recorded from the per-candle pipeline before persistence was batched (make-golden.ts).
const golden = JSON.parse(readFileSync(new URL('../../fixtures/pipeline/replay-golden.json', import.meta.url), 'utf8')) as GoldenDump;
const series = GOLDEN_RUN.pairs.map((p) => ({ symbol: asPair(p), timeframe: GOLDEN_RUN.timeframe }));

async function open(): Promise<SqliteStore> {
  const s = new SqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'sextant-golden-')), 'store.db') });
  await s.migrate();
  return s;
}

describe('pipeline results are those of the per-candle pipeline it replaced', () => {
  it('a batched replay computed on this thread stores the same signals and snapshots, byte for byte', async () => {
    const store = await open();
    const p = new PipelineService({ source: new ReplaySource(), store, series, replay: true, since: Date.parse(GOLDEN_RUN.since), window: GOLDEN_RUN.window, threads: 0 });
    const r = await p.runReplay();
    await p.close();
    expect(r.processed).toBe(golden.processed);
    await store.close();
    expect(dumpStore(store.path)).toEqual(golden);
  }, 120_000);

  it('so does a replay computed on worker threads, and the queue worker\'s one-candle path', async () => {
    const store = await open();
    const p = new PipelineService({ source: new ReplaySource(), store, series, replay: true, since: Date.parse(GOLDEN_RUN.since), window: GOLDEN_RUN.window, threads: 2 });
    const r = await p.runReplay();
    await p.close();
    expect(r.failed).toEqual([]);
    expect(r.processed).toBe(golden.processed);
    await store.close();
    const got = dumpStore(store.path);
    expect(got.signals).toEqual(golden.signals);
    expect(got).toEqual(golden);

    // The queue worker's path (one candle at a time from the store) agrees too.
    const one = await open();
    for (const s of series) {
      const all = await (async () => {
        const src = new SqliteStore({ path: store.path });
        try {
          return await src.getCandles('replay', s.symbol, s.timeframe);
        } finally {
          await src.close();
        }
      })();
      await one.upsertCandles('replay', s.symbol, s.timeframe, all);
      for (let i = 29; i < candleCount(all); i++) {
        await processCandle(one, { source: 'replay', symbol: s.symbol, timeframe: s.timeframe }, all.time[i]!, { window: GOLDEN_RUN.window });
      }
    }
    await one.close();
    expect(dumpStore(one.path)).toEqual(golden);
  }, 120_000);
});
