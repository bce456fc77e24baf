import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../../src/infra/store/postgres.js';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import type { CandleResult, SeriesKey, StoredSignal, Store } from '../../../src/infra/store/types.js';
import { DATABASE_URL as DB_URL, requires } from '../../helpers/requires.js';
import { readDaily } from './real-data.js';

const run = `sx_batch_${process.pid}_${randomBytes(3).toString('hex')}`;


const dir = mkdtempSync(join(tmpdir(), 'sextant-batch-'));
let n = 0;
const opened: Store[] = [];
const backends: [string, () => Promise<Store>, (s: Store) => Promise<Store>][] = [
  ['sqlite', async () => new SqliteStore({ path: join(dir, `b-${++n}.db`) }), async (s) => new SqliteStore({ path: (s as SqliteStore).path })],
];
if (await requires('postgres')) {
  backends.push([
    'postgres',
    async () => PostgresStore.connect({ connectionString: DB_URL, schema: `${run}_${++n}`, max: 4 }),
    async (s) => PostgresStore.connect({ connectionString: DB_URL, schema: (s as PostgresStore).schema!, max: 4 }),
  ]);
}

afterAll(async () => {
  for (const s of opened.reverse()) {
    if (s instanceof PostgresStore) await s.dropSchema().catch(() => {});
    await s.close();
  }
});

const KEY: SeriesKey = { source: 'batch-test', symbol: 'BTC/USDT', timeframe: '1d' };

/** Results shaped like the pipeline's, built from real BTC candles. */
const btc = [...readDaily([2022, 2023]).entries()].find(([s]) => s.startsWith('BTC'))![1];

function results(count: number, from = 100): CandleResult[] {
  return Array.from({ length: count }, (_, j) => {
    const i = from + j;
    const time = btc.time[i]!;
    const signal: StoredSignal | null = j % 2 === 0 ? null : {
      ...KEY, time, direction: j % 4 === 1 ? 'long' : 'short', marketScore: 40 + j, price: btc.close[i]!,
      entry1: btc.low[i]!, entry2: null, sl: btc.low[i - 1]!, tp1: btc.high[i]!, tp2: null, tp3: null,
      swingHigh: btc.high[i - 3]!, swingLow: btc.low[i - 3]!, supportLevel: btc.low[i - 5]!, resistanceLevel: btc.high[i - 5]!,
      confluence: ['OB', 'SR'], riskRewardRatio: 2.5, confidenceScore: null, confidenceSample: 0, valid: true, invalidReasons: [],
      payload: { note: `it's "quoted" \\ and ü` },
    };
    return {
      key: KEY, time, signal,
      snapshots: {
        swings: [{ index: i - 5, price: btc.high[i - 5], kind: 'high' }],
        sr_levels: [{ price: btc.low[i]!, touches: 3, active: true }],
        fib_levels: j % 3 === 0 ? null : { '0.618': btc.close[i]! * 0.98 },
      },
    };
  });
}

async function fresh(make: () => Promise<Store>): Promise<Store> {
  const s = await make();
  opened.push(s);
  await s.migrate();
  return s;
}

describe.each(backends)('%s store: batched pipeline writes', (_name, make, sibling) => {
  it('commitResults stores exactly what the per-row methods store, and claims each candle once', async () => {
    const batched = await fresh(make);
    const rowByRow = await fresh(make);
    const rs = results(40);
    expect(await batched.commitResults(rs)).toEqual(rs.map(() => true));
    for (const r of rs) {
      for (const [kind, payload] of Object.entries(r.snapshots)) await rowByRow.putSnapshot(kind as 'swings', r.key, r.time, payload);
      if (r.signal) await rowByRow.upsertSignal(r.signal);
      await rowByRow.markProcessed(r.key.source, r.key.symbol, r.key.timeframe, r.time);
    }
    for (const kind of ['swings', 'sr_levels', 'fib_levels'] as const) {
      expect(await batched.listSnapshots(kind, KEY, { limit: 1000 })).toEqual(await rowByRow.listSnapshots(kind, KEY, { limit: 1000 }));
    }
    expect(await batched.querySignals({ source: KEY.source, limit: 1000 })).toEqual(await rowByRow.querySignals({ source: KEY.source, limit: 1000 }));
    expect((await batched.querySignals({ source: KEY.source, limit: 1000 })).length).toBe(20);
    expect(await batched.processedTimes(KEY.source, KEY.symbol, KEY.timeframe)).toEqual(rs.map((r) => r.time));
    expect(await batched.processedTimes(KEY.source, KEY.symbol, KEY.timeframe, { since: rs[5]!.time, until: rs[9]!.time })).toEqual(rs.slice(5, 10).map((r) => r.time));
    expect(await batched.processedTimes(KEY.source, KEY.symbol, '4h')).toEqual([]);

    // A redo (after a crash, or a second worker) rewrites the same rows and claims nothing.
    expect(await batched.commitResults(rs.slice(10, 20))).toEqual(rs.slice(10, 20).map(() => false));
    expect(await batched.processedTimes(KEY.source, KEY.symbol, KEY.timeframe)).toHaveLength(40);
    expect(await batched.commitResults([])).toEqual([]);
  });

  it('a batch of more rows than one INSERT takes (2,100 candles, three series) stores every snapshot as its text was written', async () => {
    const store = await fresh(make);
    const series = ['A/USDT', 'B/USDT', 'C/USDT'].map((symbol) => ({ ...KEY, symbol }));
    const rs = series.flatMap((key) => results(700, 10).map((r) => ({
      ...r, key, signal: r.signal && { ...r.signal, ...key },
      // Key order and number text as the step wrote them: JSONB would have reordered these keys.
      snapshots: { ...r.snapshots, swings: { zeta: r.time, alpha: [r.time / 7], mid: 'x' } },
    })));
    expect(await store.commitResults(rs)).toEqual(rs.map(() => true));
    for (const key of series) {
      const stored = await store.listSnapshots('swings', key, { limit: 1000 });
      expect(stored).toHaveLength(700);
      for (const snap of stored) expect(JSON.stringify(snap.payload)).toBe(JSON.stringify({ zeta: snap.time, alpha: [snap.time / 7], mid: 'x' }));
      expect((await store.listSnapshots('sr_levels', key, { limit: 1000 })).length).toBe(700);
    }
  });

  it('snapshot text with multi-byte characters (Persian, emoji, pre-encoded JSON) reads back exactly, row by row', async () => {
    const store = await fresh(make);
    // As a compute thread hands them over: UTF-8 bytes, views into one shared buffer.
    const shared = Buffer.alloc(1 << 16);
    let at = 7;
    const utf8 = (v: unknown): Uint8Array => {
      const n = shared.write(JSON.stringify(v), at);
      const view = new Uint8Array(shared.buffer, shared.byteOffset + at, n);
      at += n + 3;
      return view;
    };
    const fib = (j: number) => ({ fib: `${j} 🚀 ü` });
    const rs = results(40, 500).map((r, j) => ({
      ...r,
      snapshots: { ...r.snapshots, sr_levels: [{ label: `حمایت ${j} 🚀`.repeat(1 + (j % 5)), price: j }] },
      // As a compute thread hands it over: text already encoded, used as is.
      ...(j % 2 ? { snapshotJson: { swings: JSON.stringify({ note: 'ü'.repeat(j), j }) } } : {}),
      ...(j % 3 === 1 ? { snapshotUtf8: { fib_levels: utf8(fib(j)) } } : {}),
    }));
    expect(await store.commitResults(rs)).toEqual(rs.map(() => true));
    const sr = (await store.listSnapshots('sr_levels', KEY, { limit: 100 })).reverse();
    expect(sr.map((s) => s.payload)).toEqual(rs.map((r) => r.snapshots.sr_levels));
    const swings = (await store.listSnapshots('swings', KEY, { limit: 100 })).reverse();
    expect(swings.map((s) => s.payload)).toEqual(rs.map((r, j) => (j % 2 ? { note: 'ü'.repeat(j), j } : r.snapshots.swings)));
    const fibs = (await store.listSnapshots('fib_levels', KEY, { limit: 100 })).reverse();
    expect(fibs.map((s) => s.payload)).toEqual(rs.map((r, j) => (j % 3 === 1 ? fib(j) : r.snapshots.fib_levels)));
  });

  it('a candle twice in one batch: its last result is kept, only the first occurrence claims it', async () => {
    const store = await fresh(make);
    const [a] = results(1, 200);
    const b: CandleResult = { ...a!, snapshots: { ...a!.snapshots, sr_levels: [{ price: 1, touches: 9, active: false }] } };
    expect(await store.commitResults([a!, b])).toEqual([true, false]);
    expect((await store.getSnapshot('sr_levels', KEY))!.payload).toEqual([{ price: 1, touches: 9, active: false }]);
  });

  it('a batch is one transaction: a bad row leaves neither results nor claims', async () => {
    const store = await fresh(make);
    const rs = results(10, 300);
    const bad = { ...rs[7]!, signal: { ...rs[7]!.signal!, direction: 'up' as 'long' } };
    await expect(store.commitResults([...rs.slice(0, 7), bad, ...rs.slice(8)])).rejects.toThrow(/direction/);
    expect(await store.processedTimes(KEY.source, KEY.symbol, KEY.timeframe)).toEqual([]);
    expect(await store.listSnapshots('swings', KEY)).toEqual([]);
    expect(await store.querySignals({ source: KEY.source })).toEqual([]);
  });

  it('two connections committing the same candles: each candle is claimed by exactly one', async () => {
    const store = await fresh(make);
    const other = await sibling(store);
    opened.push(other);
    const rs = results(30, 400);
    const [x, y] = await Promise.all([store.commitResults(rs), other.commitResults([...rs].reverse())]);
    const yForward = [...y].reverse();
    for (let i = 0; i < rs.length; i++) expect(Number(x[i]) + Number(yForward[i])).toBe(1);
  });
});
