import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import type { AppContext } from '../../src/api/context.js';
import { backtestRoutes } from '../../src/api/routes/backtests.js';
import { LiveClock } from '../../src/kernel/clock.js';
import { loadConfig } from '../../src/config/load.js';
import { ReplaySource } from '../../src/sources/market/replay/source.js';
import { loadSeries } from '../../src/services/backtest/data.js';
import { reportJson, runBacktest } from '../../src/services/backtest/run.js';
import { builtinStrategy, resolveParams } from '../../src/services/backtest/strategies/index.js';

const source = new ReplaySource();
// Only what the backtest routes read; the rest of Services is not touched by them.
// Auth is not under test here (test/api/auth.test.ts walks every route): disabled explicitly.
const ctx = { source, clock: new LiveClock(), config: loadConfig({ env: {}, overrides: { auth: { disabled: true } } }) } as unknown as AppContext;
const app = await buildApp({ ctx, routes: [backtestRoutes] });
afterAll(() => app.close());

async function waitDone(id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const r = await app.inject({ method: 'GET', url: `/api/v1/backtests/${id}` });
    const j = r.json() as Record<string, unknown>;
    if (j['status'] === 'done' || j['status'] === 'failed') return j;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('job did not finish');
}

describe('HTTP backtests', () => {
  it('POST starts a job (202 + id); GET by id gives the same result as the library call', async () => {
    const body = { strategy: 'sma-cross', params: { fast: 5, slow: 20 }, pairs: ['BTC/USDT', 'ETH/USDT'], timeframe: '1d', since: '2021-01-01', until: '2022-01-01', fee: 0.001 };
    const r = await app.inject({ method: 'POST', url: '/api/v1/backtests', payload: body });
    expect(r.statusCode).toBe(202);
    const { id, url } = r.json() as { id: string; url: string };
    expect(url).toBe(`/api/v1/backtests/${id}`);
    const job = await waitDone(id);
    expect(job['status']).toBe('done');
    expect(job['progress']).toBe(1);
    const def = builtinStrategy('sma-cross');
    const series = await loadSeries(source, { pairs: body.pairs, timeframe: '1d', since: Date.UTC(2021, 0, 1), until: Date.UTC(2022, 0, 1) });
    const direct = reportJson(await runBacktest({ strategy: def, params: resolveParams(def, body.params), series, cash: 10_000, fee: 0.001, slippage: { kind: 'none' } }));
    const result = job['result'] as typeof direct & { symbols: string[] };
    expect(result.symbols).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(result.metrics).toEqual(direct.metrics);
    expect(result.trades).toEqual(direct.trades);
  });

  it('bad input is a 400 naming the field or the strategy; an unknown id is a 404; an empty range fails the job with a reason', async () => {
    const a = await app.inject({ method: 'POST', url: '/api/v1/backtests', payload: { strategy: 'nope', pairs: ['BTC/USDT'] } });
    expect(a.statusCode).toBe(400);
    expect((a.json() as { message: string }).message).toContain('unknown strategy "nope"');
    const b = await app.inject({ method: 'POST', url: '/api/v1/backtests', payload: { strategy: 'sma-cross', pairs: ['BTC/USDT'], fee: 5 } });
    expect(b.statusCode).toBe(400);
    expect((b.json() as { field?: string; message: string }).message).toMatch(/fee/);
    const c = await app.inject({ method: 'POST', url: '/api/v1/backtests', payload: { strategy: 'sma-cross', params: { fsat: 2 }, pairs: ['BTC/USDT'] } });
    expect(c.statusCode).toBe(400);
    expect((c.json() as { message: string }).message).toContain('no parameter "fsat"');
    const d = await app.inject({ method: 'GET', url: '/api/v1/backtests/does-not-exist' });
    expect(d.statusCode).toBe(404);
    const e = await app.inject({ method: 'POST', url: '/api/v1/backtests', payload: { strategy: 'sma-cross', pairs: ['BTC/USDT'], since: '2031-01-01' } });
    expect(e.statusCode).toBe(202);
    const job = await waitDone((e.json() as { id: string }).id);
    expect(job['status']).toBe('failed');
    expect((job['error'] as { message: string }).message).toMatch(/no BTC\/USDT 1d candles in 2031-01-01/);
  });
});
