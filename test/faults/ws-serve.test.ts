import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localUrls } from '../helpers/fake-exchange/index.js';
import { getJson, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { startLiveBinance, type LiveBinance } from './helpers/binance-live.js';

/**
 * `sextant serve --tracker` with `source: binance` as a user runs it, against the local
 * Binance replaying the recorded feed: the live tracker's state reaches GET /health and the
 * order book endpoint, and a dropped connection over the configured limit shows as degraded.
 */
async function poll<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`not within ${deadlineMs} ms: ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('serve --tracker on a live exchange source (child process, local Binance)', { timeout: 240_000 }, () => {
  let ex: LiveBinance;
  let server: ServerProcess;
  beforeAll(async () => {
    ex = await startLiveBinance({ speed: 5 });
    server = await startServerProcess({
      args: ['--tracker'],
      config: {
        source: 'binance',
        exchange: { timeoutMs: 3000, retries: 2, urls: localUrls('binance', ex.url) },
        tracker: { live: { symbols: ['BTC/USDT', 'ETH/USDT'], reconnectBaseMs: 50, reconnectMaxMs: 400, maxLostConnections: 0 } },
      },
    });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await ex?.close();
  });

  it('/health carries the tracker; books are served once synced; a lost connection makes the tracker degraded and the books come back', async () => {
    const book = await poll('BTC/USDT book served', 30_000, async () => {
      const r = await getJson(`${server.url}/api/orderbook?symbol=BTC/USDT&depth=5`);
      return r.status === 200 ? r.json : undefined;
    });
    expect(book['bids']).toHaveLength(5);
    const ok = await poll('tracker ok in /health', 30_000, async () => {
      const r = await getJson(`${server.url}/health`);
      return r.json['dependencies']?.['tracker']?.['status'] === 'ok' ? r.json : undefined;
    });
    expect(ok['dependencies']['tracker']['details']['feed']['connections']).toHaveLength(1);
    ex.dropAll();
    const degraded = await poll('tracker degraded in /health', 10_000, async () => {
      const r = await getJson(`${server.url}/health`);
      return r.json['dependencies']?.['tracker']?.['status'] === 'degraded' ? r.json : undefined;
    });
    expect(degraded['status']).toBe('degraded');
    expect(degraded['dependencies']['tracker']['reason']).toMatch(/1 websocket connections lost .*more than the 0 allowed/);
    // The books come back (served again) after the fresh snapshot.
    await poll('ETH/USDT book served again', 5_000, async () => {
      const r = await getJson(`${server.url}/api/orderbook?symbol=ETH/USDT&depth=5`);
      return r.status === 200 ? r.json : undefined;
    });
    expect(server.alive()).toBe(true);
  });
});
