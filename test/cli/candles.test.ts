import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sextant as cli } from '../helpers/cli.js';

const sextant = (...args: string[]) => cli(args);

const dir = mkdtempSync(join(tmpdir(), 'sextant-cli-'));

describe('sextant candles (real child process)', () => {
  it('prints 5 real Binance daily candles as JSON', async () => {
    const r = await sextant('candles', 'BTC/USDT', '--tf', '1d', '--limit', '5', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { time: string; high: number; close: number }[];
    expect(rows).toHaveLength(5);
    expect(rows[4]!.time).toBe('2024-04-09T00:00:00Z');
    expect(rows[4]!.close).toBe(70229.43);
  });
  it('--tf 1w resamples, day1 spelling accepted', async () => {
    const w = JSON.parse((await sextant('candles', 'btc_usdt', '--tf', 'week1', '--limit', '2', '--json')).stdout) as { time: string }[];
    expect(w.map((x) => x.time)).toEqual(['2024-03-25T00:00:00Z', '2024-04-01T00:00:00Z']);
  });
  it('--input reads CSV (ISO and epoch-ms times) and freqtrade JSON', async () => {
    const csv = join(dir, 'c.csv');
    writeFileSync(csv, 'timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n1704070800000,1.5,2.5,1,2,11\n');
    const a = JSON.parse((await sextant('candles', '--input', csv, '--tf', '1h', '--json')).stdout) as { timestamp: number; close: number }[];
    expect(a.map((x) => x.timestamp)).toEqual([1704067200000, 1704070800000]);
    const js = join(dir, 'c.json');
    writeFileSync(js, JSON.stringify([[1704067200000, 1, 2, 0.5, 1.5, 10], [1704070800000, 1.5, 2.5, 1, 2, 11]]));
    const b = JSON.parse((await sextant('candles', '--input', js, '--tf', '1h', '--json')).stdout) as { close: number }[];
    expect(b.map((x) => x.close)).toEqual([1.5, 2]);
  });
  it('unknown pair: one line, exit 3 (not found)', async () => {
    const r = await sextant('candles', 'NOPE/USDT');
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown pair NOPE\/USDT/);
  });
  // One child process per case: each start costs seconds on a loaded machine.
  it.each([
    [['candles', 'BTC/USDT', '--tf', 'day7'], 2],
    [['candles', 'BTC/USDT', '--limit', '0'], 2],
    [['candles', 'BTC/USDT', '--limit', 'many'], 2],
    [['candles', 'BTC_USDT_X'], 2],
    [['candles', '--input', join(dir, 'none.csv')], 3],
    [['nosuchcommand'], 2],
  ] as [string[], number][])('bad options and files: %j -> one line, exit %i', async (args, code) => {
    const r = await sextant(...args);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('data list shows datasets, ranges and gaps', async () => {
    const r = await sextant('data', 'list', '--json');
    const j = JSON.parse(r.stdout) as { series: { dataset: string; symbol: string; quality: { gaps: number } }[] };
    expect(j.series.filter((s) => s.dataset === 'binance-daily')).toHaveLength(144);
    expect(j.series.find((s) => s.dataset === 'coinbase-4h' && s.symbol === 'ETH/USD')!.quality.gaps).toBeGreaterThan(0);
  });
});
