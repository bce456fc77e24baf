import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataHome = mkdtempSync(join(tmpdir(), 'sx-intel-cli-'));
const cli = (...args: string[]) => {
  const env: NodeJS.ProcessEnv = { ...process.env, SEXTANT_CONFIG: '', XDG_DATA_HOME: dataHome };
  delete env['DATABASE_URL'];
  delete env['REDIS_URL'];
  return run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'intel', ...args], { cwd: process.cwd(), env, timeout: 170_000 });
};

describe('sextant intel, offline on the bundled data', () => {
  it('prints a signal whose every part is present or missing with the reason, and a measured confidence or why none', async () => {
    const out = JSON.parse((await cli('BTC/USDT', '--tf', '1d', '--json')).stdout);
    expect(['BUY', 'SELL', 'HOLD']).toContain(out.signal);
    for (const [name, p] of Object.entries(out.parts) as [string, { status: string; reason?: string; source?: string }][]) {
      if (p.status === 'missing') expect(p.reason, name).toMatch(/\S{3}/);
      else expect(p.source, name).toMatch(/\S{3}/);
    }
    // Offline: no network part is called, and the reason says so.
    expect(out.parts.whales.reason).toMatch(/^offline/);
    expect(out.parts.fear_greed.reason).toMatch(/^offline/);
    expect(out.parts.sentiment.source).toMatch(/bundled Reddit sample/);
    expect(out.parts.orderbook.source).toMatch(/data\/binance-feed/);
    expect(out.parts.exchange_whales.count).toBeGreaterThanOrEqual(5);
    expect(out.backtest.bars).toBe(2428);
    expect(out.backtest.whale_proxy).toMatch(/Chaikin Money Flow/);
    if (out.signal === 'HOLD') expect(out.confidence).toBeNull();
    else if (out.confidence === null) expect(out.confidence_note).toMatch(/minimum/);
    else expect(out.confidence).toBe(Math.round((100 * out.backtest[out.signal].hits) / out.backtest[out.signal].signals));
    expect(out.horizon_hours).toBe(48);
    // Candles end 2024-04-09, the feed is 2024-08-09, the Reddit sample 2025-10: said, not hidden.
    expect(out.risk_factors).toEqual(expect.arrayContaining([expect.stringMatching(/^parts measured at different times \(.*technical 2024-04-09/)]));
    expect(out.thesis.length).toBeGreaterThan(40);
  }, 180_000);

  it('a pair without bundled data still gets a signal, its parts missing with reasons', async () => {
    const { stdout } = await cli('SOL/USDT', '--tf', '1d');
    expect(stdout).toMatch(/^SOL\/USDT 1d: (BUY|SELL|HOLD)/);
    expect(stdout).toMatch(/whales\s+MISSING\s+on-chain whale tracking covers BTC only/);
    expect(stdout).toMatch(/orderbook\s+MISSING\s+the bundled trade\/book feed covers BTC\/USDT, ETH\/USDT only/);
  }, 180_000);
});
