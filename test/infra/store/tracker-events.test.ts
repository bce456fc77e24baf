import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import { PostgresStore } from '../../../src/infra/store/postgres.js';
import type { Store } from '../../../src/infra/store/types.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { replayFeed } from '../../../src/services/tracker/feeds.js';
import { TrackerService } from '../../../src/services/tracker/service.js';
import { trackerStoreOf } from '../../../src/services/tracker/store.js';
import { DATABASE_URL as DB_URL, requires } from '../../helpers/requires.js';


const src = new ReplaySource({ dataDir: join(import.meta.dirname, '..', '..', '..', 'data') });
// One real run of the bundled feed, stored through each backend.
const backends: [string, () => Promise<Store>, (s: Store) => Promise<void>][] = [
  ['sqlite', async () => new SqliteStore({ path: ':memory:' }), (s) => s.close()],
];
if (await requires('postgres')) {
  const schema = `sx_tracker_${process.pid}_${randomBytes(3).toString('hex')}`;
  backends.push(['postgres', () => PostgresStore.connect({ connectionString: DB_URL, schema, max: 2 }), async (s) => {
    await (s as PostgresStore).dropSchema();
    await s.close();
  }]);
}

describe.each(backends)('tracker events and windows in the %s store', (_name, open, dispose) => {
  let store: Store;
  afterAll(async () => {
    if (store) await dispose(store);
  });

  it('stores every event and closed window of a replay once (idempotent), queryable by key as a time series', async () => {
    store = await open();
    const ts = trackerStoreOf(store);
    const runOnce = async () => {
      const t = new TrackerService({ symbols: src.feedSymbols(), feed: replayFeed(src, src.feedSymbols()), store: ts });
      await t.run();
      return t;
    };
    const t = await runOnce();
    const all = await ts.queryEvents({});
    // Distinct (key, symbol, time, detail) — the same wall seen twice in one sample counts once.
    const distinct = new Set(t.recentEvents().map((e) => JSON.stringify([e.key, e.symbol, e.time, e.detail])));
    expect(all.length).toBe(distinct.size);
    expect(all.length).toBeGreaterThan(100);
    const windows = await ts.queryWindows({});
    expect(windows.length).toBe(t.counts.windows);

    const key = 'wall:20/band_bp:50/side:ask';
    const series = await ts.queryEvents({ key, symbol: 'BTC/USDT' });
    const mem = t.recentEvents({ key, symbol: src.feedSymbols()[0]! });
    expect(series.length).toBeGreaterThan(0);
    expect(series.every((e) => e.key === key && e.symbol === 'BTC/USDT')).toBe(true);
    expect(series.map((e) => e.time)).toEqual([...series.map((e) => e.time)].sort((a, b) => a - b));
    expect(new Set(series.map((e) => e.time))).toEqual(new Set(mem.map((e) => e.time)));
    const mid = series[Math.floor(series.length / 2)]!.time;
    const late = await ts.queryEvents({ key, symbol: 'BTC/USDT', start: mid });
    expect(late.every((e) => e.time >= mid)).toBe(true);
    expect(late.length).toBeLessThan(series.length);

    const one = await ts.queryWindows({ symbol: 'ETH/USDT', window: 1 });
    const memOne = t.closedWindows(src.feedSymbols()[1]!, 1);
    expect(one.map((w) => [w.start, w.buyVolume, w.sellVolume, w.buyTrades, w.sellTrades])).toEqual(memOne.map((w) => [w.start, w.buyVolume, w.sellVolume, w.buyTrades, w.sellTrades]));

    await runOnce();
    expect((await ts.queryEvents({})).length).toBe(all.length);
    expect((await ts.queryWindows({})).length).toBe(windows.length);
  });
});
