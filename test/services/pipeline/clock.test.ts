import { describe, expect, it } from 'vitest';
import { asPair } from '../../../src/core/types.js';
import { candleCount } from '../../../src/core/series.js';
import { LiveClock, SimulatedClock } from '../../../src/kernel/clock.js';
import { EventLoop } from '../../../src/kernel/loop.js';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { ClockedSource } from '../../../src/services/pipeline/clocked-source.js';
import type { ClosedCandles, Dispatcher } from '../../../src/services/pipeline/dispatch.js';
import { SignalPipeline } from '../../../src/services/pipeline/pipeline.js';
import { PipelineService } from '../../../src/services/pipeline/service.js';
import { SignalStep } from '../../../src/services/pipeline/step.js';

const DAY = 86_400_000;
const BTC = asPair('BTC/USDT');

async function memoryStore(): Promise<SqliteStore> {
  const s = new SqliteStore({ path: ':memory:' });
  await s.migrate();
  return s;
}

/** Records what the pipeline hands over instead of processing it. */
class Recorder implements Dispatcher {
  readonly kind = 'inprocess';
  readonly batches: ClosedCandles[] = [];
  async dispatch(batches: ClosedCandles[]) {
    this.batches.push(...batches);
    return { processed: 0, skipped: 0, signals: 0 };
  }
  async drain() {}
  async close() {}
}

describe('pipeline time: a candle exists only once it has closed', () => {
  it('the clocked source serves a candle from its close on, not a millisecond before', async () => {
    const clock = new SimulatedClock();
    const src = new ClockedSource(new ReplaySource(), clock);
    const open = Date.UTC(2023, 5, 10);
    clock.advanceTo(open + DAY - 1);
    let c = await src.candles(BTC, '1d', { since: open - 5 * DAY });
    expect(c.time[candleCount(c) - 1]).toBe(open - DAY);
    clock.advanceTo(open + DAY);
    c = await src.candles(BTC, '1d', { since: open - 5 * DAY });
    expect(c.time[candleCount(c) - 1]).toBe(open);
    // An explicit `until` never widens what the clock allows.
    c = await src.candles(BTC, '1d', { since: open - 5 * DAY, until: open + 10 * DAY });
    expect(c.time[candleCount(c) - 1]).toBe(open);
  });

  it('a tick hands over closed candles as events at their close time, each once', async () => {
    const store = await memoryStore();
    const clock = new SimulatedClock();
    const rec = new Recorder();
    const p = new SignalPipeline({ feed: new ClockedSource(new ReplaySource(), clock, Date.UTC(2023, 0, 1)), store, dispatcher: rec, series: [{ symbol: BTC, timeframe: '1d' }], warmupCandles: Infinity, window: 100 });
    const seen: number[] = [];
    // Clock times that fall inside a day as well as on its boundary.
    for (const now of [Date.UTC(2023, 2, 1, 12), Date.UTC(2023, 2, 2), Date.UTC(2023, 2, 2, 23, 59), Date.UTC(2023, 3, 1, 0, 0, 0, 1)]) {
      clock.advanceTo(now);
      const before = rec.batches.length;
      await p.tick(clock.now());
      for (const b of rec.batches.slice(before)) {
        for (const e of b.events) {
          expect(e.type).toBe('candle');
          expect(e.at).toBe(e.candle.time + DAY);
          expect(e.at).toBeLessThanOrEqual(now);
          seen.push(e.candle.time);
        }
        // The history handed along ends at the newest closed candle: nothing later can leak in.
        expect(b.history.time[candleCount(b.history) - 1]! + DAY).toBeLessThanOrEqual(now);
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.at(-1)).toBe(Date.UTC(2023, 2, 31));
    // 2023-01-01 .. 2023-03-31 closed, less the first minHistory-1 that only serve as history.
    expect(seen.length).toBe(90 - 29);
    await store.close();
  });

  it('the signal step refuses a candle that has not closed by the clock', async () => {
    const loop = new EventLoop(new SimulatedClock());
    const step = new SignalStep({ window: 100 });
    const src = new ReplaySource();
    const hist = await src.candles(BTC, '1d', { since: Date.UTC(2023, 0, 1), until: Date.UTC(2023, 3, 1) });
    step.load({ source: 'replay', symbol: BTC, timeframe: '1d' }, hist);
    const i = candleCount(hist) - 1;
    const t = hist.time[i]!;
    const candle = { symbol: BTC, timeframe: '1d' as const, time: t, open: hist.open[i]!, high: hist.high[i]!, low: hist.low[i]!, close: hist.close[i]!, volume: hist.volume[i]! };
    loop.addDetector(step);
    const out: unknown[] = [];
    loop.onOutput('*', (o) => out.push(o));
    // Delivered at its close: fine. Delivered an hour early: refused.
    loop.addFeed('ok', [{ type: 'candle', at: t + DAY, source: 'replay', candle }]);
    await loop.run();
    expect(out).toHaveLength(1);
    const early = new EventLoop(new SimulatedClock());
    early.addDetector(step);
    early.addFeed('early', [{ type: 'candle', at: t + DAY - 3_600_000, source: 'replay', candle }]);
    await expect(early.run()).rejects.toThrow(/look-ahead/);
  });

  it('a replay runs on a simulated clock only; live defaults to the wall clock', async () => {
    const store = await memoryStore();
    const source = new ReplaySource();
    const series = [{ symbol: BTC, timeframe: '1d' as const }];
    expect(() => new PipelineService({ source, store, series, replay: true, clock: new LiveClock() })).toThrow(/SimulatedClock/);
    expect(new PipelineService({ source, store, series }).clock.kind).toBe('live');
    expect(new PipelineService({ source, store, series, replay: true }).clock.kind).toBe('simulated');
    await store.close();
  });

  it('signals up to a date are the same whether the replay stopped there or ran on (no look-ahead)', async () => {
    const series = [{ symbol: BTC, timeframe: '1d' as const }, { symbol: asPair('SOL/USDT'), timeframe: '1d' as const }];
    const since = Date.UTC(2023, 5, 1);
    const cut = Date.UTC(2023, 11, 15);
    const full = await memoryStore();
    const a = new PipelineService({ source: new ReplaySource(), store: full, series, replay: true, since, window: 150 });
    await a.runReplay(40);
    const part = await memoryStore();
    const clock = new SimulatedClock();
    const b = new PipelineService({ source: new ReplaySource(), store: part, series, replay: true, since, window: 150, clock });
    // The same ticks as the full replay, but the clock stops at `cut`.
    for (let now = since + 40 * DAY; now < cut; now += 40 * DAY) {
      clock.advanceTo(now);
      await b.pipeline.tick(clock.now());
    }
    clock.advanceTo(cut);
    await b.pipeline.tick(clock.now());
    const upTo = (rows: { time: number }[]) => rows.filter((r) => r.time + DAY <= cut);
    const stripped = (s: SqliteStore) => s.querySignals({ limit: 100_000 }).then(upTo);
    const early = await stripped(part);
    expect(early.length).toBeGreaterThan(10);
    expect(early).toEqual(await stripped(full));
    for (const kind of ['swings', 'sr_levels', 'fib_levels'] as const) {
      for (const s of series) {
        const key = { source: 'replay', ...s };
        expect(await part.listSnapshots(kind, key, { limit: 1000 })).toEqual(upTo(await full.listSnapshots(kind, key, { until: cut - DAY, limit: 1000 })));
      }
    }
    await a.close();
    await b.close();
    await full.close();
    await part.close();
  }, 60_000);
});
