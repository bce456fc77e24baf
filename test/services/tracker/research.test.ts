import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { asPair } from '../../../src/core/types.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { readCandleFile } from '../../../src/sources/market/file/read.js';
import { replayFeed } from '../../../src/services/tracker/feeds.js';
import { TrackerService } from '../../../src/services/tracker/service.js';
import { runResearch } from '../../../src/services/tracker/research.js';
import { eventDirection, wilson95 } from '../../../src/services/tracker/outcomes.js';
import type { TrackerEvent } from '../../../src/services/tracker/types.js';
import { requires } from '../../helpers/requires.js';
import { shared } from '../../helpers/paths.js';
import { rawFeed } from './feed.js';

const src = new ReplaySource({ dataDir: join(import.meta.dirname, '..', '..', '..', 'data') });
const BTC = asPair('BTC/USDT');
const H1 = 'data/quant-research/binance_btcusdt_1h.csv';
const haveHourly = await requires(`shared:${H1}`);

// The raw trades of the feed, read by the tests' own parser: (receive time ms, price).
const rawTicks = rawFeed('btc').flatMap((l) => {
  const d = l.msg['data'] as { e?: string; p?: string } | undefined;
  return d?.e === 'trade' ? [{ at: Number(l.recvNs) / 1e6, price: Number(d.p) }] : [];
});
const lastEnd = Math.max(...rawFeed('btc').map((l) => Number(l.recvNs) / 1e6));
const priceAt = (x: number) => {
  let p = NaN;
  for (const t of rawTicks) if (t.at <= x) p = t.price;
  return p;
};

const candles = haveHourly ? [{ symbol: BTC, name: 'btc 1h', timeframeMs: 3_600_000, candles: readCandleFile(shared(H1)).candles }] : [];
const report = await runResearch({ feed: replayFeed(src, [BTC]), symbols: [BTC], candles });
// A plain tracker run of the same feed, as `tracker run` does it.
const plain = new TrackerService({ symbols: [BTC], feed: replayFeed(src, [BTC]), speed: Infinity, keepEvents: 1e9 });
await plain.run();

describe('tracker research mode on the bundled feed', () => {
  it('sees exactly the events a plain tracker run of the same feed emits (same detectors)', async () => {
    const t = plain;
    const byKey = (evs: readonly TrackerEvent[]) => {
      const m: Record<string, number> = {};
      for (const e of evs) m[e.key] = (m[e.key] ?? 0) + 1;
      return m;
    };
    const expected = byKey(t.recentEvents());
    expect(report.replay.events).toBe(t.counts.events);
    expect(Object.fromEntries(report.groups.map((g) => [g.group, g.events]))).toEqual(expected);
    expect(report.replay.events).toBeGreaterThan(100);
  });

  it('5m returns equal a direct computation from the raw trade messages; events too late for 5m are not measured', async () => {
    // Re-derive each group's 5m mean and hit count from the raw feed.
    const t = plain;
    for (const g of report.groups) {
      const evs = t.recentEvents({ key: g.group });
      const h = 300_000;
      const measured = evs.filter((e) => e.at + h <= lastEnd);
      const rets = measured.map((e) => priceAt(e.at + h) / priceAt(e.at) - 1);
      const s = g.horizons['5m']!;
      expect(s.n).toBe(measured.length);
      expect(s.notMeasurable).toBe(evs.length - measured.length);
      if (rets.length) expect(s.meanBps!).toBeCloseTo((rets.reduce((a, b) => a + b, 0) / rets.length) * 1e4, 9);
      const hits = measured.filter((e, i) => eventDirection(e) !== 0 && Math.sign(rets[i]!) === eventDirection(e)).length;
      expect(s.hits).toBe(hits);
      expect(s.series).toEqual(s.n ? [`${BTC} trades of the replayed feed`] : []);
    }
  });

  it('1h is never measured: the feed is 11 minutes and no series is 6x finer than an hour', () => {
    for (const g of report.groups) {
      expect(g.horizons['1h']!.n).toBe(0);
      expect(g.horizons['1h']!.hitRate).toBeNull();
      expect(g.horizons['1h']!.notMeasurable).toBe(g.events);
    }
  });

  it('a hit rate comes with its sample size and an interval on the clusters, or is absent', () => {
    for (const g of report.groups) for (const s of Object.values(g.horizons)) {
      if (s.directed === 0) {
        expect(s.hitRate).toBeNull();
        expect(s.hitRate95).toBeNull();
      } else {
        expect(s.hitRate).toBe(s.hits / s.directed);
        expect(s.clusters).toBeGreaterThan(0);
        expect(s.clusters).toBeLessThanOrEqual(s.directed);
        expect(s.hitRate95).toEqual(wilson95((s.hits / s.directed) * s.clusters, s.clusters));
      }
    }
  });
});

describe.runIf(haveHourly)('tracker research with Binance BTC/USDT 1h candles (../shared) for the 1d horizon', () => {
  it('1d returns come from the hourly closes known at the event and one day later', () => {
    const c = candles[0]!.candles;
    const closeKnownAt = (x: number) => {
      let p = NaN;
      for (let i = 0; i < c.time.length; i++) if (c.time[i]! + 3_600_000 <= x) p = c.close[i]!;
      return p;
    };
    const all = report.groups.flatMap((g) => [g.horizons['1d']!]);
    expect(all.some((s) => s.n > 0)).toBe(true);
    for (const s of all) if (s.n) expect(s.series).toEqual(['btc 1h']);
    // Every group: n and mean equal a direct computation on the candles.
    for (const g of report.groups) {
      const rets = plain.recentEvents({ key: g.group }).map((e) => closeKnownAt(e.at + 86_400_000) / closeKnownAt(e.at) - 1);
      expect(g.horizons['1d']!.n).toBe(rets.length);
      expect(g.horizons['1d']!.meanBps!).toBeCloseTo((rets.reduce((a, b) => a + b, 0) / rets.length) * 1e4, 9);
    }
  });
});
