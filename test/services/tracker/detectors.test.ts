import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { EventLoop, SimulatedClock, type KernelOutput } from '../../../src/kernel/index.js';
import type { Detector } from '../../../src/kernel/ports.js';
import type { MarketEvent } from '../../../src/core/types.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { VolumeDetector } from '../../../src/services/tracker/volume-detector.js';
import { BookDetector } from '../../../src/services/tracker/book-detector.js';
import type { TrackerEvent, WindowRow } from '../../../src/services/tracker/types.js';
import { rawFeed, rawTrades } from './feed.js';

const src = new ReplaySource({ dataDir: join(import.meta.dirname, '..', '..', '..', 'data') });
const symbols = src.feedSymbols();
const all: MarketEvent[] = [];
{
  const loop = new EventLoop(new SimulatedClock());
  for (const s of symbols) loop.addFeed(s, src.marketEvents(s));
  loop.subscribe('collect', (ev) => void all.push(ev));
  await loop.run();
}

async function run(detectors: Detector[], events: readonly MarketEvent[]): Promise<KernelOutput[]> {
  const loop = new EventLoop(new SimulatedClock());
  loop.addFeed('all', events);
  for (const d of detectors) loop.addDetector(d);
  const out: KernelOutput[] = [];
  loop.onOutput('*', (o) => out.push(o));
  await loop.run();
  return out;
}

describe('tracker detectors on the bundled feed (both symbols merged by the kernel)', () => {
  it('closed 1m windows from the live-shaped detector equal direct sums over the raw trade messages', async () => {
    const out = await run([new VolumeDetector()], all);
    const rows = out.filter((o) => o.topic === 'tracker.window').map((o) => o.payload as WindowRow);
    for (const base of ['btc', 'eth'] as const) {
      const trades = rawTrades(rawFeed(base));
      const ones = rows.filter((r) => r.window === 1 && r.symbol === `${base.toUpperCase()}/USDT`);
      expect(ones.length).toBeGreaterThanOrEqual(10);
      for (const w of ones) {
        let bv = 0; let sv = 0; let n = 0;
        for (const t of trades) if (t.T >= w.start && t.T < w.end) { n++; if (t.m) sv += Number(t.q); else bv += Number(t.q); }
        expect([w.buyVolume, w.sellVolume, w.buyTrades + w.sellTrades]).toEqual([bv, sv, n]);
      }
    }
  });

  it('the book detector checks every matching bookTicker and finds no mismatch, with no gap on the recorded feed', async () => {
    const bd = new BookDetector();
    const out = await run([bd], all);
    for (const s of symbols) {
      expect(bd.topCheck(s)!.verified).toBeGreaterThan(1000);
      expect(bd.topCheck(s)!.mismatched).toBe(0);
      expect(bd.view(s, 5)!.state).toBe('synced');
    }
    const kinds = new Set(out.filter((o) => o.topic === 'tracker.event').map((o) => (o.payload as TrackerEvent).kind));
    expect(kinds.has('resync')).toBe(false);
    expect(kinds.has('wall')).toBe(true);
  });

  it('prefix invariance: events and windows up to time t are the same when later data is added', async () => {
    const make = (): Detector[] => [new VolumeDetector({ runBench: 2, spikePct: 150 }), new BookDetector()];
    const full = await run(make(), all);
    expect(full.filter((o) => o.topic === 'tracker.event').length).toBeGreaterThan(100);
    const span = all[all.length - 1]!.at - all[0]!.at;
    for (const f of [0.2, 0.5, 0.8]) {
      const t = all[0]!.at + span * f;
      const prefix = await run(make(), all.filter((e) => e.at <= t));
      const upTo = (xs: KernelOutput[]) => JSON.stringify(xs.filter((o) => o.at <= t));
      expect(prefix.length).toBeGreaterThan(0);
      expect(upTo(prefix)).toBe(upTo(full));
    }
  });
});
