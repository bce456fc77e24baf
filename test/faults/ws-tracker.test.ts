import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { asPair, type Pair } from '../../src/core/types.js';
import { liveFeed } from '../../src/services/tracker/live-feed.js';
import { TrackerService } from '../../src/services/tracker/service.js';
import { feed, localUrls } from '../helpers/fake-exchange/index.js';
import { recordedBook, startLiveBinance, type Base, type LiveBinance } from './helpers/binance-live.js';

/**
 * The live tracker through the REAL CCXT Pro Binance client against a local Binance
 * (websocket + REST) that replays the recorded feed of data/binance-feed in Binance's wire
 * format, with faults injected: a dropped connection, a skipped sequence id, a frame that
 * is not JSON, a stalled connection. Deadlines below are functional (the "resyncs
 * within 5 s"); nothing asserts how fast.
 */
const BTC = asPair('BTC/USDT');
const ETH = asPair('ETH/USDT');
const BASE: Record<string, Base> = { [BTC]: 'btc', [ETH]: 'eth' };

async function until<T>(what: string, deadlineMs: number, probe: () => T | undefined | false, onPoll?: () => void): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    onPoll?.();
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`not within ${deadlineMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Run { server: LiveBinance; tracker: TrackerService; errors: string[] }

let run: Run | undefined;

async function start(live: Record<string, unknown> = {}): Promise<Run> {
  const server = await startLiveBinance({ speed: 5 });
  const config = configSchema.parse({
    exchange: { timeoutMs: 3_000, retries: 2, urls: localUrls('binance', server.url) },
    tracker: { live: { symbolsPerConnection: 1, stallMs: 1_000, reconnectBaseMs: 50, reconnectMaxMs: 400, snapshotDepth: 1000, ...live } },
  });
  const errors: string[] = [];
  const log = (level: 'info' | 'error', msg: string, detail?: unknown): void => {
    if (level === 'error') errors.push(`${msg}: ${(detail as Error)?.message ?? ''}`);
  };
  const f = await liveFeed({ exchangeId: 'binance', want: [BTC, ETH], config, log });
  const tracker = new TrackerService({ symbols: f.symbols!, feed: f, log });
  void tracker.run().catch(() => undefined);
  run = { server, tracker, errors };
  await until('both books synced after the first subscription', 15_000, () => [BTC, ETH].every((s) => tracker.bookView(s, 1)?.state === 'synced'));
  return run;
}

afterEach(async () => {
  if (!run) return;
  await run.tracker.stop();
  await run.server.close();
  run = undefined;
});

/** Polls the book until it is out of sync and back; asserts no level is served in between. */
async function outAndBack(t: TrackerService, symbol: Pair, outWithinMs: number): Promise<{ outOfSync: number; states: Set<string> }> {
  const states = new Set<string>();
  let outOfSync = 0;
  const look = (): void => {
    const v = t.bookView(symbol, 20)!;
    states.add(v.state);
    if (v.state !== 'synced') {
      outOfSync++;
      // Never served while out of sync.
      expect(v.bids).toEqual([]);
      expect(v.asks).toEqual([]);
    }
  };
  await until(`${symbol} book marked out of sync`, outWithinMs, () => outOfSync > 0, look);
  await until(`${symbol} book resynced`, 5_000, () => t.bookView(symbol, 1)!.state === 'synced', look);
  return { outOfSync, states };
}

/** The rebuilt book equals the book of the undisturbed recorded feed at the same update id (top 50 levels). */
function expectRecordedBook(t: TrackerService, symbol: Pair): number {
  const v = t.bookView(symbol, 50)!;
  expect(v.state).toBe('synced');
  const want = recordedBook(BASE[symbol]!, v.lastUpdateId, 50);
  expect(v.bids).toEqual(want.bids);
  expect(v.asks).toEqual(want.asks);
  return v.lastUpdateId;
}

describe('live tracker over the real CCXT Binance client, faults on a local websocket', () => {
  beforeAll(() => {
    feed('btc');
    feed('eth');
  });

  it('undisturbed: one connection per symbol (symbolsPerConnection 1), books equal the recorded ones, bookTicker checks pass', async () => {
    const { server, tracker } = await start();
    expect(server.connections()).toBe(2);
    await until('some diffs applied after the sync', 5_000, () => (tracker.book.syncStats(BTC)?.applied ?? 0) > 20 && (tracker.book.syncStats(ETH)?.applied ?? 0) > 20);
    expectRecordedBook(tracker, BTC);
    expectRecordedBook(tracker, ETH);
    await until('bookTicker checks', 5_000, () => (tracker.book.topCheck(BTC)?.verified ?? 0) > 10);
    expect(tracker.book.topCheck(BTC)!.mismatched).toBe(0);
    expect(tracker.counts.marketEvents).toBeGreaterThan(0);
    expect(tracker.health().status).toBe('ok');
  }, 60_000);

  it('dropped connections: books reset at once, resync from a fresh REST snapshot within 5 s, equal the recorded books; over the loss limit the tracker says degraded', async () => {
    const { server, tracker, errors } = await start({ maxLostConnections: 1 });
    const resyncsBefore = tracker.book.syncStats(BTC)!.resyncs;
    server.dropAll();
    const [btc, eth] = await Promise.all([outAndBack(tracker, BTC, 2_000), outAndBack(tracker, ETH, 2_000)]);
    expect(btc.states.has('resyncing')).toBe(true);
    expect(eth.outOfSync).toBeGreaterThan(0);
    expect(tracker.book.syncStats(BTC)!.resyncs).toBe(resyncsBefore + 1);
    await until('diffs after the resync', 5_000, () => tracker.bookView(BTC, 1)!.lastUpdateId > 0 && server.sentDepth.btc > 0 && (tracker.book.syncStats(BTC)?.applied ?? 0) > 0);
    expectRecordedBook(tracker, BTC);
    expectRecordedBook(tracker, ETH);
    // Two connections lost in the window, one allowed: degraded, with the reason.
    const h = tracker.health();
    expect(h.status).toBe('degraded');
    expect(h.reason).toMatch(/2 websocket connections lost .*more than the 1 allowed/);
    expect(tracker.recentEvents({ symbol: BTC }).some((e) => e.kind === 'resync' && String(e.detail['reason']).startsWith('connection lost'))).toBe(true);
    expect(tracker.failure).toBeUndefined();
    expect(errors).toEqual([]);
  }, 60_000);

  it('a skipped sequence id: the gap is seen, no book is served until a fresh snapshot joins, then it equals the recorded one', async () => {
    const { server, tracker } = await start();
    const gapsBefore = tracker.book.syncStats(BTC)!.gaps;
    server.skipNextDepth('btc');
    const r = await outAndBack(tracker, BTC, 3_000);
    expect(r.outOfSync).toBeGreaterThan(0);
    expect(tracker.book.syncStats(BTC)!.gaps).toBe(gapsBefore + 1);
    expectRecordedBook(tracker, BTC);
    // The other symbol's connection was not touched.
    expect(tracker.book.syncStats(ETH)!.gaps).toBe(0);
    expectRecordedBook(tracker, ETH);
    expect(tracker.failure).toBeUndefined();
    expect(tracker.health().status).toBe('ok');
  }, 60_000);

  it('garbage in place of a diff: counted and skipped, the hole it leaves forces a resync, nothing crashes', async () => {
    const { server, tracker } = await start();
    server.garbageNextDepth('eth');
    await outAndBack(tracker, ETH, 3_000);
    expectRecordedBook(tracker, ETH);
    const feedHealth = tracker.health().details as { feed: { garbage: number; lastGarbage?: string } };
    expect(feedHealth.feed.garbage).toBeGreaterThanOrEqual(1);
    expect(feedHealth.feed.lastGarbage).toMatch(/not JSON/);
    expect(tracker.failure).toBeUndefined();
  }, 60_000);

  it('a stalled connection: after stallMs without a message it is dropped and reopened, the book is stale meanwhile and resyncs', async () => {
    const { server, tracker } = await start({ stallMs: 800 });
    server.stallAll();
    await Promise.all([outAndBack(tracker, BTC, 3_000), outAndBack(tracker, ETH, 3_000)]);
    expectRecordedBook(tracker, BTC);
    expectRecordedBook(tracker, ETH);
    const details = tracker.health().details as { feed: { lost: number; connections: { state: string; lastError?: string }[] } };
    expect(details.feed.lost).toBeGreaterThanOrEqual(2);
    expect(details.feed.connections.map((c) => c.lastError).join(' ')).toMatch(/stalled/);
    expect(tracker.failure).toBeUndefined();
  }, 60_000);
});
