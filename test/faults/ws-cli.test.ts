import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sextant } from '../helpers/cli.js';
import { localUrls } from '../helpers/fake-exchange/index.js';
import { startLiveBinance, type LiveBinance } from './helpers/binance-live.js';

/**
 * `sextant tracker run --source binance` as a user runs it, in a child process, through the
 * real CCXT client, with `exchange.urls` pointing at a local Binance that replays the
 * recorded feed (no internet). The connection is dropped once during the run.
 */
describe('sextant tracker run --source binance (child process, local Binance)', { timeout: 180_000 }, () => {
  let server: LiveBinance;
  let config: string;
  beforeAll(async () => {
    server = await startLiveBinance({ speed: 5 });
    const dir = mkdtempSync(join(tmpdir(), 'sextant-ws-cli-'));
    config = join(dir, 'sextant.yaml');
    writeFileSync(config, `${JSON.stringify({
      exchange: { timeoutMs: 3000, retries: 2, urls: localUrls('binance', server.url) },
      tracker: { live: { symbolsPerConnection: 2, reconnectBaseMs: 50, reconnectMaxMs: 400, maxLostConnections: 0 } },
    }, null, 2)}\n`);
  });
  afterAll(async () => {
    await server.close();
  });

  it('tracks both recorded pairs live, survives a dropped connection, prints book state and degraded health as JSON', async () => {
    // Drop the pool's connection once both books had their first snapshot.
    const drop = setInterval(() => {
      if (server.connections() > 0 && server.depthRequests() >= 2) {
        server.dropAll();
        clearInterval(drop);
      }
    }, 20);
    const r = await sextant(['tracker', 'run', '--source', 'binance', '--symbols', 'BTC/USDT,ETH/USDT', '--duration', '8', '--no-store', '--json'], { SEXTANT_CONFIG: config });
    clearInterval(drop);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      counts: { marketEvents: number };
      health: { status: string; reason?: string; details: { feed: { connections: unknown[]; lost: number; snapshots: number } } };
      symbols: { symbol: string; book: { state: string; lastUpdateId: number }; topCheck: { verified: number; mismatched: number } | null }[];
    };
    expect(out.counts.marketEvents).toBeGreaterThan(100);
    // Two pairs, two per connection: one pooled connection.
    expect(out.health.details.feed.connections).toHaveLength(1);
    expect(out.symbols.map((s) => s.symbol).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    for (const s of out.symbols) {
      expect(s.book.state).toBe('synced');
      expect(s.book.lastUpdateId).toBeGreaterThan(0);
      expect(s.topCheck?.mismatched ?? 0).toBe(0);
    }
    expect(out.health.details.feed.lost).toBe(1);
    // Initial snapshots and the ones after the reconnect.
    expect(out.health.details.feed.snapshots).toBeGreaterThanOrEqual(4);
    expect(out.health.status).toBe('degraded');
    expect(out.health.reason).toMatch(/1 websocket connections lost/);
    expect(r.stderr).toMatch(/connection 0 \(2 symbols\) lost/);
  });
});
