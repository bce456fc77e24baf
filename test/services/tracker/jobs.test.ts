import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { CcxtSource } from '../../../src/sources/market/ccxt/source.js';
import { buildTracker } from '../../../src/services/tracker/wire.js';
import { replayFeed } from '../../../src/services/tracker/feeds.js';
import { TrackerService } from '../../../src/services/tracker/service.js';
import { trackerMaintenance } from '../../../src/services/tracker/maintenance.js';
import { dailyCron } from '../../../src/services/tracker/jobs.js';
import { rankStandings } from '../../../src/services/tracker/standings.js';
import { dailyBars, localUrls, startFakeExchange, type FakeExchange } from '../../helpers/fake-exchange/index.js';

const dataDir = join(import.meta.dirname, '..', '..', '..', 'data');
const config = loadConfig({ env: {}, overrides: { dataDir } });
const replay = new ReplaySource({ dataDir });

describe('tracker maintenance jobs offline, on the bundled data', () => {
  it('markets, benchmarks, coins and standings each run and say what they did; the next run is the configured time', async () => {
    const t = await buildTracker(config, replay, undefined, { speed: Infinity });
    const m = t.maintenance!;
    const runs = [];
    for (const name of ['markets', 'benchmarks', 'coins', 'standings']) runs.push(await m.scheduler.run(name));
    expect(runs.map((r) => [r.ok, r.error])).toEqual([[true, undefined], [true, undefined], [true, undefined], [true, undefined]]);
    const [markets, bench, coins, standings] = runs.map((r) => r.result!);
    const list = await replay.markets();
    expect(markets['markets']).toBe(list.length);
    expect(markets['tracked']).toEqual({ 'BTC/USDT': { listed: true, active: true, minNotional: null }, 'ETH/USDT': { listed: true, active: true, minNotional: null } });
    // The bundled daily candles end 2024-04-09, months before the feed: no benchmark, said so.
    expect(bench).toEqual({ asOf: '2024-08-08T23:54:13.937Z', symbols: 2, withHistory: 0, withoutHistory: ['BTC/USDT', 'ETH/USDT'] });
    const bases = [...new Set(list.filter((x) => x.active && x.quote === 'USDT').map((x) => x.base))].sort();
    expect(coins['coins']).toBe(bases.length);
    expect(m.data.coins!.list).toEqual(bases);
    const ranked = rankStandings(list);
    expect(standings['tracked']).toEqual({ 'BTC/USDT': ranked.find((s) => s.symbol === 'BTC/USDT')!.rank, 'ETH/USDT': ranked.find((s) => s.symbol === 'ETH/USDT')!.rank });
    const st = m.scheduler.status();
    expect(st.map((j) => [j.name, j.trigger, j.runs, j.failures])).toEqual([
      ['markets', 'cron[18 59 23 * * *]', 1, 0], ['benchmarks', 'cron[30 59 23 * * *]', 1, 0], ['coins', 'cron[0 0 0 * * *]', 1, 0], ['standings', 'cron[0 0 0 * * *]', 1, 0],
    ]);
    expect(st.every((j) => j.lastRun!.durationMs >= 0 && j.lastRun!.trigger === 'manual')).toBe(true);
    expect(t.health().status).toBe('ok');
  });

  it('standings rule: active pairs of the quote by quote volume, unknown volumes last, ties by name', () => {
    const mk = (symbol: string, quoteVolume: number | null, active = true) => ({ symbol: symbol as never, base: symbol.split('/')[0]!, quote: symbol.split('/')[1]!, quoteVolume, active });
    expect(rankStandings([mk('B/USDT', 5), mk('A/USDT', null), mk('C/USDT', 9), mk('D/USDT', 5), mk('E/BTC', 99), mk('F/USDT', 100, false), mk('G/USDT', null)]).map((s) => s.symbol))
      .toEqual(['C/USDT', 'B/USDT', 'D/USDT', 'A/USDT', 'G/USDT']);
  });

  it('daily times become UTC cron expressions; a bad time is refused', () => {
    expect(dailyCron('23:59:30')).toBe('30 59 23 * * *');
    expect(dailyCron('0 0 * * *')).toBe('0 0 * * *');
    expect(() => dailyCron('24:00:00')).toThrow(/time of day/);
  });
});

describe('tracker maintenance jobs against a Binance stand-in that goes away', () => {
  let fx: FakeExchange;
  beforeAll(async () => {
    // Parse the bundled files now, not inside a request with a timeout.
    dailyBars();
    fx = await startFakeExchange();
  });
  afterAll(async () => {
    await fx.close().catch(() => undefined);
  });

  it('reads min notional from the exchange; with the exchange down a run fails, is recorded, degrades health and keeps the last good data', async () => {
    const ex = new CcxtSource({ exchangeId: 'binance', urls: localUrls('binance', fx.url), timeoutMs: 10_000, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 10 } });
    const symbols = replay.feedSymbols();
    const t = new TrackerService({ symbols, feed: replayFeed(replay, symbols), speed: Infinity });
    t.maintenance = trackerMaintenance(t, ex);
    const ok = await t.maintenance.scheduler.run('markets');
    expect(ok.error).toBeUndefined();
    expect((ok.result!['tracked'] as Record<string, { minNotional: number }>)['BTC/USDT']!.minNotional).toBe(5);
    const before = t.maintenance.data.markets;
    await fx.close();
    const failed = await t.maintenance.scheduler.run('markets');
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/.+/);
    expect(t.maintenance.data.markets).toBe(before);
    const h = t.health();
    expect(h.status).toBe('degraded');
    expect(h.reason).toMatch(/maintenance job markets failed/);
    const st = t.maintenance.scheduler.status().find((j) => j.name === 'markets')!;
    expect([st.runs, st.failures, st.lastSuccess?.ok]).toEqual([2, 1, true]);
    await ex.close();
  });
});
