import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCandleFile } from '../../../../src/sources/market/file/read.js';
import { FileSource } from '../../../../src/sources/market/file/source.js';
import { SqliteStore } from '../../../../src/infra/store/sqlite.js';
import { importFile } from '../../../../src/services/ingest.js';
import { asPair } from '../../../../src/core/types.js';
import { InputError } from '../../../../src/errors.js';
import { shared } from '../../../helpers/paths.js';
import { requires } from '../../../helpers/requires.js';

const BUNDLED_2021 = join(import.meta.dirname, '..', '..', '..', '..', 'data', 'binance-daily', 'binance_daily_ohlcv_2021.csv');
const HOURLY = 'data/quant-research/binance_btcusdt_1h.csv';
const MINUTE = 'data/basana/bitstamp_btcusd_min_2020_01_01.csv';
const VISION = 'data/nautilus/ADABTC-1m-2021-11-28.csv';
const hasShared = await requires(`shared:${HOURLY}`, `shared:${MINUTE}`, `shared:${VISION}`);

const work = mkdtempSync(join(tmpdir(), 'sextant-file-read-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The first 300 BTC/USDT days of 2021 from the bundled file, as a user's one-pair CSV: header + rows. */
function btcRows(): { header: string; rows: string[] } {
  const [header, ...rows] = readFileSync(BUNDLED_2021, 'utf8').trim().split('\n');
  return { header: header!.replace(/,symbol$/, ''), rows: rows.filter((r) => r.endsWith(',BTC/USDT')).slice(0, 300).map((r) => r.replace(/,BTC\/USDT$/, '')) };
}

/** A fixed permutation (LCG-driven Fisher–Yates), so a failure reproduces. */
function shuffle<T>(xs: T[]): T[] {
  const out = [...xs];
  let s = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('reading a user candle file', () => {
  it('an unsorted CSV is sorted and kept whole (it used to keep 6 of 300 rows)', () => {
    const { header, rows } = btcRows();
    const sorted = join(work, 'sorted.csv');
    const unsorted = join(work, 'unsorted.csv');
    writeFileSync(sorted, [header, ...rows].join('\n'));
    writeFileSync(unsorted, [header, ...shuffle(rows)].join('\n'));
    const a = readCandleFile(sorted);
    const b = readCandleFile(unsorted);
    expect(b.report.sorted).toBe(true);
    expect(a.report.sorted).toBe(false);
    expect(b.report.quality.kept).toBe(300);
    expect(b.report.quality.rejected).toEqual([]);
    expect(Array.from(b.candles.time)).toEqual(Array.from(a.candles.time));
    expect(Array.from(b.candles.close)).toEqual(Array.from(a.candles.close));
    expect(b.report.spacing.timeframe).toBe('1d');
  });

  it('merges exact repeats and refuses two different rows for one time, naming the time and the rows', () => {
    const { header, rows } = btcRows();
    const repeated = join(work, 'repeated.csv');
    writeFileSync(repeated, [header, ...rows.slice(0, 10), rows[4]!, rows[7]!].join('\n'));
    const r = readCandleFile(repeated);
    expect(r.report.duplicates).toBe(2);
    expect(r.report.quality.kept).toBe(10);
    const conflict = join(work, 'conflict.csv');
    const [day, o, h, l, c, v] = rows[4]!.split(',');
    writeFileSync(conflict, [header, ...rows.slice(0, 10), [day, o, h, l, String(Number(c) + 1), v].join(',')].join('\n'));
    expect(() => readCandleFile(conflict)).toThrow(InputError);
    expect(() => readCandleFile(conflict)).toThrow(/rows 5 and 11 both claim 2021-01-05T00:00:00.000Z with different values/);
  });

  it('says which impossible rows it dropped and why', () => {
    const { header, rows } = btcRows();
    const bad = join(work, 'bad.csv');
    const [day, o, , l, c, v] = rows[2]!.split(',');
    // High below the open: not a candle that can have traded.
    writeFileSync(bad, [header, ...rows.slice(0, 2), [day, o, String(Number(o) - 1), l, c, v].join(','), ...rows.slice(3, 20)].join('\n'));
    const r = readCandleFile(bad);
    expect(r.report.quality.kept).toBe(19);
    expect(r.report.quality.rejected).toEqual([{ index: 2, time: Date.parse(`${day}T00:00:00Z`), defect: 'high_below_open_close' }]);
  });

  it.runIf(hasShared)('infers the timeframe from the spacing: 1h and 1m files of real candles', () => {
    const hourly = readCandleFile(shared(HOURLY));
    expect(hourly.report.spacing).toEqual({ timeframe: '1h', stepMs: 3_600_000 });
    expect(hourly.report.quality.kept).toBe(hourly.report.rows);
    const minute = readCandleFile(shared(MINUTE));
    expect(minute.report.spacing.timeframe).toBe('1m');
    expect(new FileSource({ path: shared(MINUTE) }).timeframe).toBe('1m');
  });

  it.runIf(hasShared)('a --tf that contradicts the spacing is refused naming both', () => {
    const file = new FileSource({ path: shared(MINUTE) });
    expect(file.resolveTimeframe(undefined, '1d')).toBe('1m');
    expect(file.resolveTimeframe('1m', '1d')).toBe('1m');
    expect(() => file.resolveTimeframe('1h', '1d')).toThrow(/holds 1m candles .*not 1h/);
    expect(() => file.read('1h')).toThrow(InputError);
  });

  it.runIf(hasShared)('1-minute rows imported as --tf 1h are refused and nothing is stored; without --tf they are stored as 1m', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.migrate();
    try {
      await expect(importFile(store, shared(MINUTE), { source: 'import', symbol: asPair('BTC/USD'), timeframe: '1h' })).rejects.toThrow(/holds 1m candles .*not 1h/);
      expect(await store.listSeries()).toEqual([]);
      const r = await importFile(store, shared(MINUTE), { source: 'import', symbol: asPair('BTC/USD') });
      expect(r.timeframe).toBe('1m');
      expect((await store.listSeries()).map((s) => [s.timeframe, s.count])).toEqual([['1m', 1440]]);
    } finally {
      await store.close();
    }
  });

  it.runIf(hasShared)('headerless Binance Vision klines are read, with times in ms or µs', () => {
    const ms = readCandleFile(shared(VISION));
    expect(ms.report.quality.kept).toBe(11);
    expect(ms.candles.time[0]).toBe(1638057600000);
    expect(ms.candles.open[0]).toBe(0.0000282);
    expect(ms.candles.volume[0]).toBe(85342.7);
    expect(ms.report.spacing.timeframe).toBe('1m');
    // Binance Vision writes microseconds since 2025: the same rows with open and close times ×1000.
    const us = join(work, 'ADABTC-1m-us.csv');
    const lines = readFileSync(shared(VISION), 'utf8').trim().split('\n').map((l) => {
      const f = l.split(',');
      f[0] = `${f[0]}000`;
      f[6] = `${f[6]}000`;
      return f.join(',');
    });
    writeFileSync(us, lines.join('\n'));
    const micro = readCandleFile(us);
    expect(Array.from(micro.candles.time)).toEqual(Array.from(ms.candles.time));
    expect(Array.from(micro.candles.close)).toEqual(Array.from(ms.candles.close));
  });
});
