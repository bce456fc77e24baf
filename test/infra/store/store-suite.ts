import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { candleCount, sliceCandles, type Candles } from '../../../src/core/series.js';
import type { Direction } from '../../../src/core/signals/types.js';
import type { StoredSignal, Store } from '../../../src/infra/store/types.js';
import { DAY_MS, endToEnd, readDaily, readDailyYear } from './real-data.js';

/** How a backend's test file gives the shared suite its stores. */
export interface StoreHarness {
  /** A fresh, empty store whose schema has not been migrated. */
  fresh(): Promise<Store>;
  /** Another, independent connection to the same storage as `store` (a second process would see this). */
  sibling(store: Store): Promise<Store>;
  /** Closes `store` and its siblings and removes their storage. */
  dispose(store: Store): Promise<void>;
}

const SRC = 'binance';
const y2021 = readDailyYear(2021);
const btc = y2021.get('BTC/USDT')!;
const eth = y2021.get('ETH/USDT')!;

function copy(c: Candles): Candles {
  return {
    time: c.time.slice(),
    open: c.open.slice(),
    high: c.high.slice(),
    low: c.low.slice(),
    close: c.close.slice(),
    volume: c.volume.slice(),
  };
}

function expectSameCandles(actual: Candles, expected: Candles): void {
  expect(candleCount(actual)).toBe(candleCount(expected));
  for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Array.from(actual[f]), f).toEqual(Array.from(expected[f]));
  }
}

/** A signal derived from a real candle, so every number is one a pipeline could produce. */
function signalFrom(symbol: string, c: Candles, i: number, direction: Direction): StoredSignal {
  const hi = c.high[i]!;
  const lo = c.low[i]!;
  const range = hi - lo;
  const long = direction === 'long';
  return {
    source: SRC,
    symbol,
    timeframe: '1d',
    time: c.time[i]!,
    direction,
    marketScore: Math.round((100 * (c.close[i]! - lo)) / range),
    price: c.close[i]!,
    entry1: long ? hi - 0.7 * range : lo + 0.618 * range,
    entry2: long ? hi - 0.72 * range : lo + 0.69 * range,
    sl: long ? hi - 0.9 * range : lo + 0.789 * range,
    tp1: long ? hi : lo,
    tp2: long ? hi + 0.272 * range : lo - 0.272 * range,
    tp3: long ? hi + 0.618 * range : lo - 0.618 * range,
    swingHigh: hi,
    swingLow: lo,
    supportLevel: lo,
    resistanceLevel: hi,
    confluence: long ? ['OB', 'SR', 'RSI'] : ['FIB'],
    riskRewardRatio: 2.5,
    confidenceScore: i % 2 === 0 ? 0.61 : null,
    confidenceSample: i % 2 === 0 ? 57 : 0,
    valid: true,
    invalidReasons: [],
    payload: { index: i, factors: [{ name: 'RSI', value: 28.4 }] },
  };
}

export function storeSuite(name: string, h: StoreHarness): void {
  describe(`${name} store`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await h.fresh();
      await store.migrate();
    });
    afterEach(async () => {
      await h.dispose(store);
    });

    describe('migrations', () => {
      it('are idempotent: re-running keeps data and changes nothing', async () => {
        await store.upsertCandles(SRC, 'BTC/USDT', '1d', btc);
        await store.migrate();
        await store.migrate();
        expect(await store.listSeries()).toHaveLength(1);
        expectSameCandles(await store.getCandles(SRC, 'BTC/USDT', '1d'), btc);
      });

      it('can run concurrently from several connections on a fresh database', async () => {
        const primary = await h.fresh();
        try {
          const others = await Promise.all([h.sibling(primary), h.sibling(primary), h.sibling(primary)]);
          await Promise.all([primary.migrate(), ...others.map((s) => s.migrate())]);
          const r = await others[0]!.upsertCandles(SRC, 'ETH/USDT', '1d', eth);
          expect(r.inserted).toBe(candleCount(eth));
          expect((await primary.listSeries())[0]?.count).toBe(candleCount(eth));
        } finally {
          await h.dispose(primary);
        }
      });
    });

    describe('candles', () => {
      it('re-ingesting three times never duplicates; changed values win', async () => {
        const n = candleCount(btc);
        expect(n).toBe(365);
        expect(await store.upsertCandles(SRC, 'BTC/USDT', '1d', btc)).toEqual({ inserted: n, updated: 0 });
        expect(await store.upsertCandles(SRC, 'BTC/USDT', '1d', btc)).toEqual({ inserted: 0, updated: 0 });

        // The forming candle is re-sent with new values, together with everything else.
        const forming = copy(btc);
        forming.close[n - 1] = forming.close[n - 1]! + 123.45;
        forming.high[n - 1] = forming.high[n - 1]! + 200;
        forming.volume[n - 1] = forming.volume[n - 1]! * 1.5;
        expect(await store.upsertCandles(SRC, 'BTC/USDT', '1d', forming)).toEqual({ inserted: 0, updated: 1 });

        const series = await store.listSeries();
        expect(series).toEqual([{ source: SRC, symbol: 'BTC/USDT', timeframe: '1d', count: n, first: btc.time[0], last: btc.time[n - 1] }]);
        expectSameCandles(await store.getCandles(SRC, 'BTC/USDT', '1d'), forming);
      });

      it('overlapping batches insert only the new part', async () => {
        await store.upsertCandles(SRC, 'BTC/USDT', '1d', sliceCandles(btc, 0, 200));
        expect(await store.upsertCandles(SRC, 'BTC/USDT', '1d', sliceCandles(btc, 150))).toEqual({ inserted: 165, updated: 0 });
        expectSameCandles(await store.getCandles(SRC, 'BTC/USDT', '1d'), btc);
      });

      it('keeps real values exactly (spot check: BTC/USDT 2021-11-10 high 69000)', async () => {
        await store.upsertCandles(SRC, 'BTC/USDT', '1d', btc);
        const day = Date.UTC(2021, 10, 10);
        const c = await store.getCandles(SRC, 'BTC/USDT', '1d', { since: day, until: day });
        expect(Array.from(c.time)).toEqual([day]);
        expect(c.high[0]).toBe(69000);
      });

      it('duplicate times in one batch: the last one wins', async () => {
        const c = copy(sliceCandles(btc, 0, 3));
        const dup = {
          time: Float64Array.from([c.time[0]!, c.time[1]!, c.time[0]!, c.time[2]!]),
          open: Float64Array.from([c.open[0]!, c.open[1]!, 1, c.open[2]!]),
          high: Float64Array.from([c.high[0]!, c.high[1]!, 2, c.high[2]!]),
          low: Float64Array.from([c.low[0]!, c.low[1]!, 0.5, c.low[2]!]),
          close: Float64Array.from([c.close[0]!, c.close[1]!, 1.5, c.close[2]!]),
          volume: Float64Array.from([c.volume[0]!, c.volume[1]!, 9, c.volume[2]!]),
        };
        expect(await store.upsertCandles(SRC, 'BTC/USDT', '1d', dup)).toEqual({ inserted: 3, updated: 0 });
        const got = await store.getCandles(SRC, 'BTC/USDT', '1d');
        expect(Array.from(got.time)).toEqual(Array.from(c.time));
        expect([got.open[0], got.high[0], got.low[0], got.close[0], got.volume[0]]).toEqual([1, 2, 0.5, 1.5, 9]);
      });

      it('NaN (a missing value) round-trips as NaN', async () => {
        const c = copy(sliceCandles(btc, 0, 2));
        c.volume[1] = NaN;
        await store.upsertCandles(SRC, 'BTC/USDT', '1d', c);
        const got = await store.getCandles(SRC, 'BTC/USDT', '1d');
        expect(got.volume[0]).toBe(btc.volume[0]);
        expect(got.volume[1]).toBeNaN();
        expect(await store.upsertCandles(SRC, 'BTC/USDT', '1d', c)).toEqual({ inserted: 0, updated: 0 });
      });

      it('rejects non-integer times and ragged columns', async () => {
        const bad = copy(sliceCandles(btc, 0, 2));
        bad.time[1] = 1.5;
        await expect(store.upsertCandles(SRC, 'BTC/USDT', '1d', bad)).rejects.toThrow(/integer/);
        const ragged = { ...copy(sliceCandles(btc, 0, 2)), close: new Float64Array(1) };
        await expect(store.upsertCandles(SRC, 'BTC/USDT', '1d', ragged)).rejects.toThrow(/close/);
        expect(await store.listSeries()).toEqual([]);
      });

      it('getCandles: ranges are inclusive, limit picks the latest without since, output is ascending', async () => {
        // Inserted newest first, to prove ordering comes from the store.
        const reversed = copy(btc);
        for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) reversed[f].reverse();
        await store.upsertCandles(SRC, 'BTC/USDT', '1d', reversed);

        expectSameCandles(await store.getCandles(SRC, 'BTC/USDT', '1d'), btc);
        const t = (i: number) => btc.time[i]!;
        expectSameCandles(await store.getCandles(SRC, 'BTC/USDT', '1d', { since: t(10), until: t(20) }), sliceCandles(btc, 10, 21));
        expectSameCandles(await store.getCandles(SRC, 'BTC/USDT', '1d', { since: t(10), limit: 5 }), sliceCandles(btc, 10, 15));
        expectSameCandles(await store.getCandles(SRC, 'BTC/USDT', '1d', { limit: 7 }), sliceCandles(btc, 358));
        expectSameCandles(await store.getCandles(SRC, 'BTC/USDT', '1d', { until: t(99), limit: 3 }), sliceCandles(btc, 97, 100));
        expectSameCandles(await store.getCandles(SRC, 'BTC/USDT', '1d', { until: t(4) }), sliceCandles(btc, 0, 5));
        // Between two daily opens there is nothing.
        expect(candleCount(await store.getCandles(SRC, 'BTC/USDT', '1d', { since: t(3) + 1, until: t(4) - 1 }))).toBe(0);
        expect(candleCount(await store.getCandles(SRC, 'BTC/USDT', '1d', { limit: 0 }))).toBe(0);
        expect(candleCount(await store.getCandles(SRC, 'NOPE/USDT', '1d'))).toBe(0);
        expect(candleCount(await store.getCandles(SRC, 'BTC/USDT', '4h'))).toBe(0);
      });

      it('listSeries and deleteSeries keep series apart by source, symbol and timeframe', async () => {
        await store.upsertCandles(SRC, 'BTC/USDT', '1d', btc);
        await store.upsertCandles(SRC, 'ETH/USDT', '1d', eth);
        await store.upsertCandles('replay', 'BTC/USDT', '1d', sliceCandles(btc, 0, 30));
        await store.upsertCandles(SRC, 'BTC/USDT', '1w', sliceCandles(btc, 0, 10));
        const list = await store.listSeries();
        expect(list.map((s) => [s.source, s.symbol, s.timeframe, s.count])).toEqual([
          [SRC, 'BTC/USDT', '1d', 365],
          [SRC, 'BTC/USDT', '1w', 10],
          [SRC, 'ETH/USDT', '1d', candleCount(eth)],
          ['replay', 'BTC/USDT', '1d', 30],
        ]);
        const ethInfo = list.find((s) => s.symbol === 'ETH/USDT')!;
        expect([ethInfo.first, ethInfo.last]).toEqual([eth.time[0], eth.time[candleCount(eth) - 1]]);

        expect(await store.deleteSeries(SRC, 'BTC/USDT', '1d')).toBe(365);
        expect(await store.deleteSeries(SRC, 'BTC/USDT', '1d')).toBe(0);
        expect((await store.listSeries()).map((s) => `${s.source}:${s.symbol}:${s.timeframe}`)).toEqual([
          `${SRC}:BTC/USDT:1w`,
          `${SRC}:ETH/USDT:1d`,
          'replay:BTC/USDT:1d',
        ]);
      });
    });

    describe('signals', () => {
      async function seed(): Promise<StoredSignal[]> {
        const out: StoredSignal[] = [];
        for (const [symbol, c] of [['BTC/USDT', btc], ['ETH/USDT', eth], ['SOL/USDT', y2021.get('SOL/USDT')!]] as const) {
          const n = candleCount(c);
          for (let i = n - 10; i < n; i++) {
            const s = signalFrom(symbol, c, i, c.close[i]! >= c.open[i]! ? 'long' : 'short');
            await store.upsertSignal(s);
            out.push(s);
          }
        }
        return out;
      }

      it('upsert replaces, never duplicates, and every field round-trips', async () => {
        const seeded = await seed();
        const first = seeded[0]!;
        const again = { ...first, marketScore: 99, sl: null, confluence: ['OB' as const], confidenceScore: null, confidenceSample: 0, payload: { v: 2 } };
        await store.upsertSignal(again);
        const got = await store.querySignals({ symbol: first.symbol, since: first.time, until: first.time });
        expect(got).toEqual([again]);
        expect((await store.querySignals({ limit: 1000 })).length).toBe(30);

        const last = seeded[seeded.length - 1]!;
        expect(await store.querySignals({ symbol: last.symbol, limit: 1 })).toEqual([last]);
      });

      it('queries by symbol, direction, since and limit, newest first', async () => {
        const seeded = await seed();
        const eths = await store.querySignals({ symbol: 'ETH/USDT' });
        expect(eths.map((s) => s.time)).toEqual(
          seeded.filter((s) => s.symbol === 'ETH/USDT').map((s) => s.time).sort((a, b) => b - a),
        );
        const longs = await store.querySignals({ direction: 'long', limit: 1000 });
        expect(longs.length).toBe(seeded.filter((s) => s.direction === 'long').length);
        expect(longs.every((s) => s.direction === 'long')).toBe(true);

        const since = btc.time[candleCount(btc) - 3]!;
        const recent = await store.querySignals({ since });
        expect(recent.length).toBe(9);
        expect(recent.every((s) => s.time >= since)).toBe(true);
        for (let i = 1; i < recent.length; i++) expect(recent[i - 1]!.time).toBeGreaterThanOrEqual(recent[i]!.time);

        expect((await store.querySignals({ limit: 4 })).length).toBe(4);
        expect(await store.querySignals({ symbol: 'ETH/USDT', timeframe: '4h' })).toEqual([]);
      });

      it('latest per series and the summary count what was stored', async () => {
        const seeded = await seed();
        // An older signal on another timeframe is its own series.
        const weekly = { ...signalFrom('BTC/USDT', btc, 100, 'neutral'), timeframe: '1w' };
        await store.upsertSignal(weekly);

        const latest = await store.latestSignals();
        expect(latest.map((s) => `${s.symbol}@${s.timeframe}`).sort()).toEqual(['BTC/USDT@1d', 'BTC/USDT@1w', 'ETH/USDT@1d', 'SOL/USDT@1d']);
        const btcLatest = await store.latestSignals({ symbol: 'BTC/USDT', timeframe: '1d' });
        expect(btcLatest).toEqual([seeded.filter((s) => s.symbol === 'BTC/USDT').at(-1)]);
        expect(await store.latestSignals({ symbol: 'BTC/USDT' })).toHaveLength(2);

        const sum = await store.signalSummary();
        const count = (dir: Direction, sym?: string) =>
          seeded.filter((s) => s.direction === dir && (!sym || s.symbol === sym)).length;
        expect(sum.total).toBe(31);
        expect(sum.byDirection).toEqual({ long: count('long'), short: count('short'), neutral: 1 });
        const btcRow = sum.bySymbol.find((r) => r.symbol === 'BTC/USDT')!;
        expect(btcRow).toEqual({
          symbol: 'BTC/USDT',
          total: 11,
          long: count('long', 'BTC/USDT'),
          short: count('short', 'BTC/USDT'),
          neutral: 1,
          last: btc.time[364],
        });
        expect(sum.first).toBe(weekly.time);
        expect(sum.last).toBe(btc.time[364]);

        const recent = await store.signalSummary({ since: btc.time[364] });
        expect(recent.total).toBe(3);
        expect(await store.signalSummary({ source: 'nowhere' })).toEqual({
          total: 0,
          byDirection: { long: 0, short: 0, neutral: 0 },
          bySymbol: [],
          first: null,
          last: null,
        });
      });

      it('rejects an unknown direction', async () => {
        const bad = { ...signalFrom('BTC/USDT', btc, 0, 'long'), direction: 'up' as Direction };
        await expect(store.upsertSignal(bad)).rejects.toThrow(/direction/);
      });
    });

    describe('structure snapshots', () => {
      it('swings, S/R and Fibonacci snapshots are kept per kind, looked up at or before a time', async () => {
        const key = { source: SRC, symbol: 'BTC/USDT', timeframe: '1d' };
        const t = (i: number) => btc.time[i]!;
        for (const i of [10, 20, 30]) {
          await store.putSnapshot('swings', key, t(i), { highs: [{ index: i - 5, confirmedAt: i, price: btc.high[i - 5] }] });
          await store.putSnapshot('sr_levels', key, t(i), [{ price: btc.low[i], touches: 3, active: true }]);
        }
        await store.putSnapshot('fib_levels', key, t(30), { '0.618': 47000.5, '0.7': 46000 });
        await store.putSnapshot('swings', key, t(20), { replaced: true });

        expect(await store.getSnapshot('swings', key)).toEqual({ time: t(30), payload: { highs: [{ index: 25, confirmedAt: 30, price: btc.high[25] }] } });
        expect(await store.getSnapshot('swings', key, t(25))).toEqual({ time: t(20), payload: { replaced: true } });
        expect(await store.getSnapshot('swings', key, t(9))).toBeUndefined();
        expect((await store.getSnapshot('sr_levels', key))?.payload).toEqual([{ price: btc.low[30], touches: 3, active: true }]);
        expect(await store.getSnapshot('fib_levels', key, t(29))).toBeUndefined();
        expect((await store.listSnapshots('swings', key)).map((s) => s.time)).toEqual([t(30), t(20), t(10)]);
        expect((await store.listSnapshots('swings', key, { since: t(15), limit: 1 })).map((s) => s.time)).toEqual([t(30)]);
        expect(await store.listSnapshots('swings', { ...key, symbol: 'ETH/USDT' })).toEqual([]);
      });
    });

    describe('processed_candles guard', () => {
      it('a candle is claimed once, across connections, and can be released after a failure', async () => {
        const t = btc.time[100]!;
        expect(await store.lastProcessed(SRC, 'BTC/USDT', '1d')).toBeUndefined();
        expect(await store.markProcessed(SRC, 'BTC/USDT', '1d', t)).toBe(true);
        expect(await store.markProcessed(SRC, 'BTC/USDT', '1d', t)).toBe(false);
        expect(await store.isProcessed(SRC, 'BTC/USDT', '1d', t)).toBe(true);
        expect(await store.isProcessed(SRC, 'BTC/USDT', '4h', t)).toBe(false);
        expect(await store.markProcessed(SRC, 'BTC/USDT', '4h', t)).toBe(true);

        // A restarted worker (a new connection) sees the mark.
        const other = await h.sibling(store);
        expect(await other.markProcessed(SRC, 'BTC/USDT', '1d', t)).toBe(false);

        expect(await store.unmarkProcessed(SRC, 'BTC/USDT', '1d', t)).toBe(true);
        expect(await store.unmarkProcessed(SRC, 'BTC/USDT', '1d', t)).toBe(false);
        expect(await other.markProcessed(SRC, 'BTC/USDT', '1d', t)).toBe(true);

        await store.markProcessed(SRC, 'BTC/USDT', '1d', btc.time[50]!);
        expect(await store.lastProcessed(SRC, 'BTC/USDT', '1d')).toBe(t);
      });

      it('concurrent claims of the same candle: exactly one wins', async () => {
        const others = await Promise.all([h.sibling(store), h.sibling(store)]);
        const stores = [store, ...others];
        for (let i = 0; i < 20; i++) {
          const t = btc.time[i]!;
          const results = await Promise.all(Array.from({ length: 12 }, (_, k) => stores[k % 3]!.markProcessed(SRC, 'BTC/USDT', '1d', t)));
          expect(results.filter(Boolean).length, `candle ${i}`).toBe(1);
        }
      });
    });

    describe('kv', () => {
      it('round-trips JSON values per namespace', async () => {
        const values: Record<string, unknown> = {
          status: { running: true, jobs: [{ id: 'scan', next: Date.UTC(2024, 0, 1, 0, 5) }], interval_minutes: 5 },
          list: [1, 'two', null, { three: 3.5 }],
          text: 'scan finished',
          zero: 0,
          nothing: null,
          persian: 'تحلیل تکنیکال',
        };
        for (const [k, v] of Object.entries(values)) await store.kvSet('scheduler', k, v);
        await store.kvSet('scanner', 'status', 'other namespace');

        for (const [k, v] of Object.entries(values)) expect((await store.kvGet('scheduler', k))?.value).toEqual(v);
        const entry = await store.kvGet('scheduler', 'status');
        expect(typeof entry?.updatedAt).toBe('number');
        expect(Math.abs(entry!.updatedAt - Date.now())).toBeLessThan(60_000);
        expect(await store.kvGet('scheduler', 'missing')).toBeUndefined();

        await store.kvSet('scheduler', 'status', { running: false });
        expect((await store.kvGet('scheduler', 'status'))?.value).toEqual({ running: false });
        expect((await store.kvList('scheduler')).map((e) => e.key)).toEqual(Object.keys(values).sort());
        expect(await store.kvList('scanner')).toEqual([expect.objectContaining({ key: 'status', value: 'other namespace' })]);

        expect(await store.kvDelete('scheduler', 'text')).toBe(true);
        expect(await store.kvDelete('scheduler', 'text')).toBe(false);
        expect(await store.kvGet('scheduler', 'text')).toBeUndefined();
        await expect(store.kvSet('scheduler', 'bad', undefined)).rejects.toThrow(/undefined/);
      });
    });

    describe('volume', () => {
      it('ingests every 2021-2022 daily candle of every pair, once', async () => {
        const series = readDaily([2021, 2022]);
        let total = 0;
        for (const [symbol, c] of series) {
          const r = await store.upsertCandles(SRC, symbol, '1d', c);
          expect(r).toEqual({ inserted: candleCount(c), updated: 0 });
          total += candleCount(c);
        }
        expect(total).toBeGreaterThan(50_000);
        const list = await store.listSeries();
        expect(list.length).toBe(series.size);
        expect(list.reduce((s, x) => s + x.count, 0)).toBe(total);

        for (const [symbol, c] of series) expect(await store.upsertCandles(SRC, symbol, '1d', c)).toEqual({ inserted: 0, updated: 0 });

        const btcAll = await store.getCandles(SRC, 'BTC/USDT', '1d');
        expect(candleCount(btcAll)).toBe(730);
        expect(btcAll.time[730 - 1]! - btcAll.time[0]!).toBe(729 * DAY_MS);
      });

      // Speed is measured in bench/, not asserted here: a loaded machine must not fail a correct store.
      it('one upsert of 100k+ candles stores them all, a re-send changes nothing, they read back identical', async () => {
        const big = endToEnd([2021, 2022, 2023], 60_000);
        const n = candleCount(big);
        expect(n).toBeGreaterThan(100_000);
        expect(await store.upsertCandles(SRC, 'ALL/USDT', '1m', big)).toEqual({ inserted: n, updated: 0 });
        expect(await store.upsertCandles(SRC, 'ALL/USDT', '1m', big)).toEqual({ inserted: 0, updated: 0 });
        expectSameCandles(await store.getCandles(SRC, 'ALL/USDT', '1m'), big);
      });
    });
  });
}
