import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sextant } from '../helpers/cli.js';
import { shared } from '../helpers/paths.js';
import { requires } from '../helpers/requires.js';

// Real child processes over real files: what a new user types in the first hour.
const HOURLY = 'data/quant-research/binance_btcusdt_1h.csv';
const MINUTE = 'data/basana/bitstamp_btcusd_min_2020_01_01.csv';
const VISION = 'data/nautilus/ADABTC-1m-2021-11-28.csv';
const hasShared = await requires(`shared:${HOURLY}`, `shared:${MINUTE}`, `shared:${VISION}`);
const BUNDLED_2021 = join(import.meta.dirname, '..', '..', 'data', 'binance-daily', 'binance_daily_ohlcv_2021.csv');

const work = mkdtempSync(join(tmpdir(), 'sextant-cli-input-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dataRows = (path: string) => readFileSync(path, 'utf8').trim().split('\n').length - 1;

describe('--input files', () => {
  it.runIf(hasShared)('a 1h file is used whole at its own timeframe when neither --tf nor --limit is given', async () => {
    const r = await sextant(['candles', '--input', shared(HOURLY), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { timestamp: number }[];
    expect(rows).toHaveLength(dataRows(shared(HOURLY)));
    expect(rows[1]!.timestamp - rows[0]!.timestamp).toBe(3_600_000);
    expect(r.stderr).toMatch(/candles kept; 1h spacing; none dropped/);
    const limited = await sextant(['candles', '--input', shared(HOURLY), '--limit', '7', '--json']);
    expect(JSON.parse(limited.stdout)).toHaveLength(7);
    const table = await sextant(['candles', '--input', shared(HOURLY), '--limit', '2']);
    expect(table.stdout).toMatch(/ 1h from file:/);
  }, 300_000);

  it.runIf(hasShared)('1-minute data with --tf 1h is refused naming both, in reading and in import (exit 2, one line)', async () => {
    for (const args of [['candles', '--input', shared(MINUTE), '--tf', '1h'], ['data', 'import', shared(MINUTE), '--pair', 'BTC/USD', '--tf', '1h']]) {
      const r = await sextant(args);
      expect(r.code, r.stderr).toBe(2);
      const errors = r.stderr.trim().split('\n').filter((l) => l.startsWith('sextant:'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/holds 1m candles .*not 1h: leave out --tf or give --tf 1m/);
    }
    const ok = await sextant(['indicators', 'run', 'RSI', '--input', shared(MINUTE), '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ timeframe: '1m' });
    expect((JSON.parse(ok.stdout) as { time: number[] }).time).toHaveLength(1440);
  }, 300_000);

  it('an unsorted CSV is kept whole; dropped rows are counted with their reason', async () => {
    const [header, ...rows] = readFileSync(BUNDLED_2021, 'utf8').trim().split('\n');
    const btc = rows.filter((r) => r.endsWith(',BTC/USDT')).slice(0, 300).map((r) => r.replace(/,BTC\/USDT$/, ''));
    // Every other row swapped with its neighbour: out of order throughout.
    const swapped = btc.map((_, i) => btc[i % 2 ? i - 1 : Math.min(i + 1, btc.length - 1)]!);
    const unsorted = join(work, 'BTC_USDT-unsorted.csv');
    writeFileSync(unsorted, [header!.replace(/,symbol$/, ''), ...swapped].join('\n'));
    const r = await sextant(['candles', '--input', unsorted, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { time: string }[];
    expect(got).toHaveLength(300);
    expect(got.map((x) => x.time)).toEqual(btc.map((x) => `${x.split(',')[0]}T00:00:00Z`));
    expect(r.stderr).toMatch(/300 rows, 300 candles kept; 1d spacing; sorted by time; none dropped/);

    const bad = join(work, 'bad.csv');
    const [day, o, , l, c, v] = btc[5]!.split(',');
    writeFileSync(bad, [header!.replace(/,symbol$/, ''), ...btc.slice(0, 5), [day, o, String(Number(o) - 1), l, c, v].join(','), `${btc[6]!.split(',')[0]},1,2,0.5,x,1`, ...btc.slice(7, 40)].join('\n'));
    const d = await sextant(['candles', '--input', bad, '--limit', '3']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stderr).toMatch(/40 rows, 38 candles kept; 1d spacing; 2 dropped \(1 high below open close, 1 not finite\)/);
  }, 300_000);

  it('two rows for one time with different values: refused with the reason (exit 2)', async () => {
    const f = join(work, 'conflict.csv');
    writeFileSync(f, 'timestamp,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1.5,2.5,1,2,11\n2024-01-01,1,2,0.5,1.6,10\n');
    const r = await sextant(['candles', '--input', f]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/rows 1 and 3 both claim 2024-01-01T00:00:00.000Z with different values/);
  }, 300_000);

  it.runIf(hasShared)('a headerless Binance Vision kline file is accepted', async () => {
    const r = await sextant(['candles', '--input', shared(VISION), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { timestamp: number; open: number }[];
    expect(rows).toHaveLength(11);
    expect(rows[0]).toMatchObject({ timestamp: 1638057600000, open: 0.0000282 });
  }, 300_000);
});
