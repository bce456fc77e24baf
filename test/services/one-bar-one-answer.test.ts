import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asPair } from '../../src/core/types.js';
import type { Timeframe } from '../../src/core/timeframes.js';
import type { FibLevels, Level } from '../../src/core/signals/types.js';
import { STRUCTURE_LOOKBACK } from '../../src/core/signals/lookback.js';
import { SqliteStore } from '../../src/infra/store/sqlite.js';
import { ReplaySource } from '../../src/sources/market/replay/source.js';
import { AnalysisService } from '../../src/services/analysis/index.js';
import { loadSignal } from '../../src/services/signal.js';
import type { MarketSource } from '../../src/sources/market/types.js';
import { PipelineService } from '../../src/services/pipeline/service.js';

/**
 * One bar, one answer: the analyze service (200 candles shown), the signal command (5000
 * candles loaded) and the pipeline (a replay that stores a snapshot per closed candle) give
 * the same levels for the same bar, because all three go through the lookback rule.
 * ETH/USDT 1d 2024-04-09 is the bar where they used to disagree (3194/3643 vs 3201/3679).
 */
const replay = new ReplaySource();
const CASES: { pair: string; tf: Timeframe; day: string }[] = [
  { pair: 'ETH/USDT', tf: '1d', day: '2024-04-09' },
  { pair: 'BTC/USDT', tf: '1d', day: '2022-11-20' },
  { pair: 'SOL/USDT', tf: '1w', day: '2024-03-25' },
];

/** The bundled data as it stood once the bar opening at `time` had closed. */
function endingAt(time: number): MarketSource {
  return new Proxy(replay, {
    get(target, k) {
      if (k === 'candles') {
        return (s: Parameters<MarketSource['candles']>[0], t: Timeframe, q: Parameters<MarketSource['candles']>[2] = {}) =>
          target.candles(s, t, { ...q, until: Math.min(q.until ?? Infinity, time + 1) });
      }
      const v = Reflect.get(target, k, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

// Prices, zones and states: what a reader compares. Indexes differ by design (each caller's
// own series; the pipeline counts from its window), times and prices do not.
const comparable = (l: Level) => ({ price: l.price, zoneLow: l.zoneLow, zoneHigh: l.zoneHigh, touches: l.touches, strength: l.strength, state: l.state, role: l.role });

describe('the same bar gives the same structure from analyze, signal and the pipeline', () => {
  for (const { pair, tf, day } of CASES) {
    it(`${pair} ${tf} at ${day}`, async () => {
      const symbol = asPair(pair);
      const time = Date.parse(`${day}T00:00:00Z`);
      const all = replay.history(symbol, tf);
      const index = all.time.indexOf(time);
      expect(index, 'the bar exists in the bundled data').toBeGreaterThanOrEqual(0);

      const sig = (await loadSignal(replay, { pair, timeframe: tf, limit: 5000, at: time })).result;
      expect(sig.signal.time).toBe(time);

      // Analyze as it would have answered right after that bar closed: later candles do not exist yet.
      const upToBar = endingAt(time);
      const an = (await new AnalysisService({ source: upToBar }).analyze({ pair, timeframe: tf, limit: 200 })).data;
      expect(an.last_candle_time).toBe(new Date(time).toISOString());

      // The pipeline, replayed up to the bar from far enough back that its history covers the lookback.
      const since = all.time[Math.max(0, index - STRUCTURE_LOOKBACK - 20)]!;
      const store = new SqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'sextant-obooa-')), 'store.db') });
      await store.migrate();
      const p = new PipelineService({ source: upToBar, store, series: [{ symbol, timeframe: tf }], replay: true, since, threads: 0 });
      const run = await p.runReplay();
      await p.close();
      expect(run.failed).toEqual([]);
      const key = { source: replay.id, symbol, timeframe: tf };
      const levels = await store.getSnapshot<Level[]>('sr_levels', key, time);
      const fib = await store.getSnapshot<FibLevels | null>('fib_levels', key, time);
      await store.close();
      expect(levels?.time).toBe(time);

      expect(levels!.payload.map(comparable)).toEqual(sig.levels.map(comparable));
      // A caller that shows few candles (the dashboard's chart, `signal --limit 50`) still gets the rule's levels.
      const few = (await loadSignal(upToBar, { pair, timeframe: tf, limit: 50 })).result;
      expect(few.levels.map(comparable)).toEqual(sig.levels.map(comparable));
      expect(few.signal).toEqual(sig.signal);
      expect(fib!.payload?.to.time).toBe(sig.fib?.to.time);
      expect(fib!.payload?.entry1).toBe(sig.fib?.entry1);

      const active = sig.levels.filter((l) => l.state === 'active').map((l) => l.price);
      expect(an.signal.supportLevel).toBe(sig.signal.supportLevel);
      expect(an.signal.resistanceLevel).toBe(sig.signal.resistanceLevel);
      expect(an.signal).toEqual(sig.signal);
      expect(an.levels.length).toBeGreaterThan(0);
      for (const l of an.levels) expect(active).toContain(l.price);
    }, 120_000);
  }
});
