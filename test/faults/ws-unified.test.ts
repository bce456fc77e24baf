import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { trackerLiveSchema } from '../../src/config/tracker.js';
import { asPair, type Pair } from '../../src/core/types.js';
import { CcxtSource } from '../../src/sources/market/ccxt/source.js';
import { pooledStreams } from '../../src/sources/market/ccxt/pooled.js';
import { TrackerService, type TrackerFeed } from '../../src/services/tracker/service.js';
import { feed, localUrls } from '../helpers/fake-exchange/index.js';
import { recordedBook, startLiveBinance, type LiveBinance } from './helpers/binance-live.js';

/**
 * The path every exchange other than Binance spot takes (CCXT's unified
 * watchTradesForSymbols / watchOrderBookForSymbols, CCXT keeping the book), forced on the
 * local Binance so that it runs against the recorded feed through the real client.
 */
const BTC = asPair('BTC/USDT');
const ETH = asPair('ETH/USDT');

async function until(what: string, deadlineMs: number, probe: () => boolean): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`not within ${deadlineMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

let server: LiveBinance | undefined;
let tracker: TrackerService | undefined;

afterEach(async () => {
  await tracker?.stop();
  await server?.close();
  tracker = undefined;
  server = undefined;
});

function expectRecorded(t: TrackerService, symbol: Pair): void {
  const v = t.bookView(symbol, 50)!;
  expect(v.state).toBe('synced');
  const want = recordedBook(symbol === BTC ? 'btc' : 'eth', v.lastUpdateId, 50);
  expect(v.bids).toEqual(want.bids);
  expect(v.asks).toEqual(want.asks);
}

describe('unified CCXT streams (the non-Binance path) on the local Binance', () => {
  beforeAll(() => {
    feed('btc');
    feed('eth');
  });

  it('books follow CCXT\'s with the venue\'s update ids and equal the recorded ones; a dropped connection resets them and they come back', async () => {
    server = await startLiveBinance({ speed: 5 });
    const rest = new CcxtSource({ exchangeId: 'binance', urls: localUrls('binance', server.url), timeoutMs: 3_000, retries: 2 });
    const live = trackerLiveSchema.parse({ symbolsPerConnection: 2, reconnectBaseMs: 50, reconnectMaxMs: 400 });
    const streams = pooledStreams(rest, { ...live, symbols: [BTC, ETH], mode: 'unified' });
    await streams.start();
    const f: TrackerFeed = {
      kind: 'live', feeds: [{ name: 'binance', feed: streams.events }], symbols: [BTC, ETH],
      requestSnapshot: (s) => streams.resync(s), health: () => streams.health(),
      close: async () => {
        await streams.close();
        await rest.close();
      },
    };
    tracker = new TrackerService({ symbols: [BTC, ETH], feed: f });
    const t = tracker;
    void t.run().catch(() => undefined);
    await until('both books synced', 15_000, () => [BTC, ETH].every((s) => t.bookView(s, 1)?.state === 'synced'));
    await until('diffs applied', 5_000, () => (t.book.syncStats(BTC)?.applied ?? 0) > 10 && (t.book.syncStats(ETH)?.applied ?? 0) > 10);
    expectRecorded(t, BTC);
    expectRecorded(t, ETH);
    expect(t.status().every((s) => s.rolling.some((r) => r.trades > 0))).toBe(true);
    server.dropAll();
    let sawOut = false;
    await until('BTC/USDT reset after the drop', 5_000, () => {
      const v = t.bookView(BTC, 5)!;
      if (v.state !== 'synced') {
        sawOut = true;
        expect(v.bids).toEqual([]);
      }
      return sawOut;
    });
    await until('BTC/USDT synced again', 5_000, () => t.bookView(BTC, 1)!.state === 'synced');
    const applied = t.book.syncStats(BTC)!.applied;
    await until('diffs after the resync', 5_000, () => t.book.syncStats(BTC)!.applied > applied + 5);
    expectRecorded(t, BTC);
    const h = t.health().details as { feed: { lost: number } };
    expect(h.feed.lost).toBeGreaterThanOrEqual(1);
    expect(t.failure).toBeUndefined();
  }, 90_000);
});
