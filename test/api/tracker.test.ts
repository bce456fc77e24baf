import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rawFeed, rawTrades } from '../services/tracker/feed.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

// The real server process, as users run it, with the tracker replaying the bundled feed.
const servers: ServerProcess[] = [];

async function start(args: string[]): Promise<string> {
  const server = await startServerProcess({ args: ['--tracker', ...args] });
  servers.push(server);
  return server.url;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const FEED_LINES = rawFeed('btc').length + rawFeed('eth').length;

let full = '';
let paced = '';
const wsSeen = { normal: 0, slow: 0, slowClosed: false, normalClosed: false };

beforeAll(async () => {
  [full, paced] = await Promise.all([start(['--tracker-speed', 'max']), start(['--tracker-speed', '20', '--tracker-ws-buffer', '32768', '--tracker-ws-ping', '3000'])]);
  // Two readers of /ws/events on the paced server: one reads, one stops reading (a slow client).
  const normal = new WebSocket(`${paced.replace('http', 'ws')}/ws/events`);
  const slow = new WebSocket(`${paced.replace('http', 'ws')}/ws/events`);
  normal.on('message', () => void wsSeen.normal++);
  normal.on('close', () => (wsSeen.normalClosed = true));
  slow.on('message', () => void wsSeen.slow++);
  slow.on('close', () => (wsSeen.slowClosed = true));
  await Promise.all([new Promise((r) => normal.once('open', r)), new Promise((r) => slow.once('open', r))]);
  (slow as unknown as { _socket: { pause(): void } })._socket.pause();
  // The full-speed server: wait until its tracker has read the whole feed.
  for (;;) {
    const h = (await (await fetch(`${full}/health`)).json()) as Json;
    const t = h.dependencies?.tracker ?? h.tracker;
    if (t?.details?.events === FEED_LINES) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  // Let the paced replay run on (about 33 s of feed time at 20x) so the slow reader falls behind.
  await new Promise((r) => setTimeout(r, 20_000));
  (slow as unknown as { _socket: { resume(): void } })._socket.resume();
  await new Promise((r) => setTimeout(r, 2000));
  normal.close();
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

const get = async (base: string, path: string) => {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as Json };
};
const post = async (base: string, path: string, body: unknown) => {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
};

describe('tracker HTTP API (SPEC D) against the real server process', () => {
  it('GET /api/tracker/data: closed windows in [start, end] equal direct sums over the trade messages', async () => {
    const start = '2024-08-08T23:55:00Z';
    const end = '2024-08-09T00:03:00Z';
    const { status, body } = await get(full, `/api/tracker/data?symbol=btc_usdt&start=${start}&end=${end}`);
    expect(status).toBe(200);
    const ones = (body.windows as Json[]).filter((w) => w.window === '1m');
    expect(ones.length).toBe(9);
    const trades = rawTrades(rawFeed('btc'));
    for (const w of ones) {
      expect(w.symbol).toBe('BTC/USDT');
      let bv = 0; let sv = 0;
      for (const t of trades) if (t.T >= w.start && t.T < w.end) { if (t.m) sv += Number(t.q); else bv += Number(t.q); }
      expect([w.buy_volume, w.sell_volume]).toEqual([bv, sv]);
    }
    expect(body.symbols[0].book.state).toBe('synced');
    expect((await get(full, '/api/tracker/data?start=tomorrow')).status).toBe(400);
    const bad = await get(full, `/api/tracker/data?start=${end}&end=${start}`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/start/);
  });

  it('GET /api/orderbook: the synced book with depth and metrics; 404 for an untracked symbol; 400 naming depth', async () => {
    const { status, body } = await get(full, '/api/orderbook?symbol=ETH/USDT&depth=5');
    expect(status).toBe(200);
    expect(body.state).toBe('synced');
    expect(body.bids).toHaveLength(5);
    expect(body.asks).toHaveLength(5);
    expect(body.bids[0][0]).toBeLessThan(body.asks[0][0]);
    expect(typeof body.last_update_id).toBe('number');
    expect((await get(full, '/api/orderbook?symbol=DOGE/USDT')).status).toBe(404);
    const bad = await get(full, '/api/orderbook?symbol=ETH/USDT&depth=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/depth/);
  });

  it('GET /api/market/data: one book sample per second of feed time, inside the range', async () => {
    const { status, body } = await get(full, '/api/market/data?symbol=BTCUSDT&start=2024-08-09T00:00:00Z&end=2024-08-09T00:01:00Z');
    expect(status).toBe(200);
    const s = body.data[0].samples as Json[];
    expect(s.length).toBeGreaterThan(50);
    expect(s.length).toBeLessThanOrEqual(61);
    for (const x of s) {
      expect(Date.parse(x.time)).toBeGreaterThanOrEqual(Date.parse('2024-08-09T00:00:00Z'));
      expect(x.bid).toBeLessThan(x.ask);
    }
  });

  it('GET /api/benchmark/info: per symbol, honest about missing history (the bundled daily data ends before the feed), with standings', async () => {
    const { status, body } = await get(full, '/api/benchmark/info');
    expect(status).toBe(200);
    expect(body.benchmarks.map((b: Json) => b.symbol).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    for (const b of body.benchmarks as Json[]) expect(b.days).toBe(0);
    expect(body.standings).toHaveLength(2);
    expect(body.standings[0].rank).toBe(1);
  });

  it('POST /api/timeseries: the stored events of one key in the range, time-ordered; 400 naming event_key / start_date', async () => {
    const key = 'wall:20/band_bp:50/side:ask';
    const { status, body } = await post(full, '/api/timeseries', { event_key: key, start_date: '2024-08-08T00:00:00Z', end_date: '2024-08-10T00:00:00Z' });
    expect(status).toBe(200);
    expect(body.event_key).toBe(key);
    expect(body.count).toBeGreaterThan(10);
    const ts = (body.series as Json[]).map((e) => e.timestamp as number);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    const narrow = await post(full, '/api/timeseries', { event_key: key, start_date: ts[5], end_date: ts[5] });
    expect(narrow.body.series.every((e: Json) => e.timestamp === ts[5])).toBe(true);
    const badKey = await post(full, '/api/timeseries', { event_key: 'wall=20', start_date: '2024-08-08', end_date: '2024-08-10' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.field ?? JSON.stringify(badKey.body)).toMatch(/event_key/);
    const badDates = await post(full, '/api/timeseries', { event_key: key, start_date: '2024-08-10', end_date: '2024-08-08' });
    expect(badDates.status).toBe(400);
    expect(JSON.stringify(badDates.body)).toMatch(/start_date/);
  });

  it('GET /api/jobs: the daily maintenance jobs ran at start offline, each with its schedule, duration and result; also in /health; running one by hand needs an admin', async () => {
    let jobs = (await get(full, '/api/jobs')).body.jobs as Json[];
    while (!jobs.every((j) => j.lastRun)) {
      await new Promise((r) => setTimeout(r, 500));
      jobs = (await get(full, '/api/jobs')).body.jobs as Json[];
    }
    expect(jobs.map((j) => [j.name, j.schedule, j.lastRun.ok, j.lastRun.trigger])).toEqual([
      ['markets', '23:59:18', true, 'start'], ['benchmarks', '23:59:30', true, 'start'], ['coins', '00:00:00', true, 'start'], ['standings', '00:00:00', true, 'start'],
    ]);
    for (const j of jobs) {
      expect(j.lastRun.durationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(j.nextRun)).toBeGreaterThan(Date.parse(j.lastRun.startedAt));
    }
    expect(jobs[1]!.lastRun.result).toMatchObject({ symbols: 2, withHistory: 0 });
    expect(jobs[3]!.lastRun.result.tracked['BTC/USDT']).toBeGreaterThan(0);
    const h = (await get(full, '/health')).body;
    expect(h.dependencies.tracker.details.jobs.map((j: Json) => j.name)).toEqual(['markets', 'benchmarks', 'coins', 'standings']);
    const bi = (await get(full, '/api/benchmark/info')).body;
    expect(bi.daily_standings.ranked).toBe(jobs[3]!.lastRun.result.ranked);
    // Running a job by hand changes state: admins only (the role rules of every mutating route).
    const run = await post(full, '/api/jobs/coins/run', {});
    expect(run.status).toBe(401);
    expect(run.body.message).toMatch(/role admin/);
  }, 120_000);

  it('GET /api/tracker/research: per event key, forward returns labelled as outcomes with sample sizes; 1h and 1d not measurable offline; 400 naming by', async () => {
    const r = await get(full, '/api/tracker/research?by=prefix');
    expect(r.status).toBe(200);
    expect(r.body.replay.marketEvents).toBe(FEED_LINES);
    expect(r.body.replay.events).toBeGreaterThan(0);
    expect(r.body.groups.length).toBeGreaterThan(0);
    for (const g of r.body.groups as Json[]) {
      expect(g.horizons['1h'].n).toBe(0);
      expect(g.horizons['1d'].n).toBe(0);
      expect(g.horizons['5m'].n + g.horizons['5m'].notMeasurable).toBe(g.events);
    }
    expect((r.body.notes as string[]).join(' ')).toMatch(/outcomes/);
    const bad = await get(full, '/api/tracker/research?by=day');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/by/);
  }, 120_000);

  it('/ws/events: a reading client gets events, windows and book samples live; a client that stops reading is dropped, the server goes on', async () => {
    expect(wsSeen.normal, JSON.stringify(wsSeen)).toBeGreaterThan(50);
    expect(wsSeen.slowClosed, JSON.stringify(wsSeen)).toBe(true);
    expect(wsSeen.slow).toBeLessThan(wsSeen.normal);
    const h = await get(paced, '/health');
    expect(h.status).toBeLessThan(600);
    expect((await get(paced, '/api/orderbook?symbol=BTC/USDT&depth=1')).status).toBe(200);
  });
});
