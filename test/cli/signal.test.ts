import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shared } from '../helpers/paths.js';
import { requires } from '../helpers/requires.js';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'signal', ...args], { cwd: process.cwd(), env: { ...process.env, SEXTANT_CONFIG: '' } });

const SPEC_FIELDS = ['symbol', 'timeframe', 'timestamp', 'market_score', 'direction', 'price', 'entry1', 'entry2', 'sl', 'tp1', 'tp2', 'tp3',
  'swing_high', 'swing_low', 'support_level', 'resistance_level', 'confluence', 'risk_reward_ratio', 'confidence_score',
  'confidence_sample', 'valid', 'invalid_reasons'];

const ETH_1H = 'data/nostalgia-for-infinity/binance/ETH_USDT-1h.json';
const hasEth1h = await requires(`shared:${ETH_1H}`);

describe('sextant signal', () => {
  it('prints a complete record with levels, swings, fib and factors for BTC/USDT 1d on bundled data', async () => {
    const { stdout } = await cli('BTC/USDT', '--tf', '1d', '--json');
    const out = JSON.parse(stdout);
    expect(out.origin).toBe('replay');
    expect(out.at).toBe(out.candles - 1);
    expect(out.time).toBe('2024-04-09T00:00:00Z');
    expect(Object.keys(out.signal)).toEqual(expect.arrayContaining(SPEC_FIELDS));
    // SPEC C's wire record: seed 002's BTCUSDT, Sextant's pair beside it.
    expect(out.signal.symbol).toBe('BTCUSDT');
    expect(out.signal.pair).toBe('BTC/USDT');
    expect(out.signal.timeframe).toBe('1d');
    expect(['long', 'short']).toContain(out.signal.direction);
    for (const f of ['entry1', 'entry2', 'sl', 'tp1', 'tp2', 'tp3', 'swing_high', 'swing_low', 'risk_reward_ratio']) expect(typeof out.signal[f]).toBe('number');
    expect(out.levels.length).toBeGreaterThan(10);
    expect(out.swings.length).toBeGreaterThan(40); // of the 500-candle lookback
    expect(out.fib.retracements.length).toBeGreaterThan(5);
    expect(out.factors.map((f: { name: string }) => f.name)).toEqual(['OB', 'SR', 'RSI', 'FIB', 'SWING']);
  });

  it('--at takes an index or a time and describes that bar only', async () => {
    const byTime = JSON.parse((await cli('BTC/USDT', '--at', '2021-11-15', '--json')).stdout);
    const byIndex = JSON.parse((await cli('btc_usdt', '--at', String(byTime.at), '--json')).stdout);
    expect(byTime.time).toBe('2021-11-15T00:00:00Z');
    expect(byIndex).toEqual(byTime);
    // The 69000 top of 2021-11-10 is confirmed on 11-15 (strength 5) and is the leg's end.
    expect(byTime.fib.to.price).toBe(69000);
    expect(byTime.swings.at(-1)).toMatchObject({ price: 69000, kind: 'high', confirmedAt: byTime.at });
    const before = JSON.parse((await cli('BTC/USDT', '--at', '2021-11-14', '--json')).stdout);
    expect(before.swings.some((s: { price: number }) => s.price === 69000)).toBe(false);
  });

  it.runIf(hasEth1h)('reads --input files and prints a readable report without --json', async () => {
    const { stdout } = await cli('--input', shared(ETH_1H), '--tf', '1h');
    expect(stdout).toMatch(/direction (long|short|neutral)/);
    expect(stdout).toMatch(/factor\s+fired\s+weight/);
    expect(stdout).toMatch(/confidence /);
  });

  it('fails with one line and the exit code of the error: 2 bad input, 3 not found', async () => {
    await expect(cli('BTC/USDT', '--at', '999999')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/^sextant: --at 999999 is outside/) });
    await expect(cli('NOPE/USDT')).rejects.toMatchObject({ code: 3, stderr: expect.stringMatching(/^sextant: unknown pair/) });
  });
});
