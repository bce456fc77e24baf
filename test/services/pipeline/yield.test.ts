import { describe, expect, it } from 'vitest';
import { asPair } from '../../../src/core/types.js';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { LocalSignalBus } from '../../../src/services/pipeline/bus.js';
import { PipelineService } from '../../../src/services/pipeline/service.js';

describe('a long replay shares the event loop with its host', () => {
  it('other callbacks (an HTTP server, a socket) get turns while candles are being processed', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.migrate();
    const bus = new LocalSignalBus();
    let published = 0;
    bus.subscribe(() => published++);
    const series = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'].map((p) => ({ symbol: asPair(p), timeframe: '1d' as const }));
    const p = new PipelineService({ source: new ReplaySource(), store, bus, series, replay: true, since: Date.UTC(2022, 6, 1), window: 300 });

    // A chain of setImmediate callbacks stands in for the server: it records, at each turn it
    // gets, how far the replay had come. A replay that never yields lets it run only before
    // the first candle and after the last.
    let done = false;
    const turns: number[] = [];
    const spin = () => {
      turns.push(published);
      if (!done) setImmediate(spin);
    };
    setImmediate(spin);
    const r = await p.runReplay();
    done = true;
    await p.close();
    await store.close();

    expect(r.signals).toBeGreaterThan(0);
    expect(published).toBe(r.signals);
    const during = turns.filter((n) => n > 0 && n < published);
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during).size).toBeGreaterThan(1);
  }, 120_000);
});
