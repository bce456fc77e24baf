import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSource } from '../../../../src/sources/market/file/source.js';
import { ReplaySource } from '../../../../src/sources/market/replay/source.js';
import { loadCandles } from '../../../../src/services/candles.js';
import { candleCount } from '../../../../src/core/series.js';
import { asPair } from '../../../../src/core/types.js';
import { InputError, NotFoundError } from '../../../../src/errors.js';

// Real candles: BTC/USDT's 2021 days from the bundled Binance file, written as a user would
// bring them (one pair per file), in both formats the CLI reads.
const BUNDLED = join(import.meta.dirname, '..', '..', '..', '..', 'data', 'binance-daily', 'binance_daily_ohlcv_2021.csv');
const work = mkdtempSync(join(tmpdir(), 'sextant-file-source-'));
const csv = join(work, 'BTC_USDT-1d.csv');
const json = join(work, 'btc-daily.json');
const reversed = join(work, 'btc-daily-newest-first.json');
const y2021 = { since: Date.UTC(2021, 0, 1), until: Date.UTC(2022, 0, 1) };

beforeAll(() => {
  const [header, ...rows] = readFileSync(BUNDLED, 'utf8').trim().split('\n');
  const btc = rows.filter((r) => r.endsWith(',BTC/USDT'));
  writeFileSync(csv, [header!.replace(/,symbol$/, ''), ...btc.map((r) => r.replace(/,BTC\/USDT$/, ''))].join('\n'));
  const rowsJson = btc.map((r) => {
    const [d, ...v] = r.split(',');
    return [Date.parse(`${d}T00:00:00Z`), ...v.slice(0, 5).map(Number)];
  });
  writeFileSync(json, JSON.stringify(rowsJson));
  writeFileSync(reversed, JSON.stringify([...rowsJson].reverse()));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('FileSource over a real candle file', () => {
  const replay = new ReplaySource();

  it('serves the same 2021 daily candles as the bundled replay source', async () => {
    const file = new FileSource({ path: csv });
    expect(file.pair).toBe('BTC/USDT');
    expect(file.timeframe).toBe('1d');
    const got = await file.candles(asPair('BTC/USDT'), '1d');
    const want = await replay.candles(asPair('BTC/USDT'), '1d', y2021);
    expect(candleCount(got)).toBe(365);
    expect(Array.from(got.time)).toEqual(Array.from(want.time));
    expect(Array.from(got.close)).toEqual(Array.from(want.close));
    expect(Array.from(got.volume)).toEqual(Array.from(want.volume));
  });

  it('serves its own timeframe only: a coarser or finer one is refused naming the field and both timeframes', async () => {
    const file = new FileSource({ path: csv });
    await expect(file.candles(asPair('BTC/USDT'), '1w')).rejects.toThrow(/holds 1d candles .*not 1w/);
    await expect(file.candles(asPair('BTC/USDT'), '4h')).rejects.toThrow(InputError);
    await expect(file.candles(asPair('BTC/USDT'), '4h')).rejects.toMatchObject({ field: 'timeframe' });
  });

  it('applies limit, since and until as exchange sources do', async () => {
    const file = new FileSource({ path: json });
    const all = await file.candles(asPair('BTC/USDT'), '1d');
    expect(candleCount(all)).toBe(365);
    const last = await file.candles(asPair('BTC/USDT'), '1d', { limit: 10 });
    expect(Array.from(last.time)).toEqual(Array.from(all.time.slice(-10)));
    const march = await file.candles(asPair('BTC/USDT'), '1d', { since: Date.UTC(2021, 2, 1), until: Date.UTC(2021, 3, 1) });
    expect(candleCount(march)).toBe(31);
    const firstFive = await file.candles(asPair('BTC/USDT'), '1d', { since: Date.UTC(2021, 2, 1), limit: 5 });
    expect(firstFive.time[0]).toBe(Date.UTC(2021, 2, 1));
    expect(candleCount(firstFive)).toBe(5);
  });

  it('sorts rows out of order (newest first) and keeps them all, and names the series by the file', async () => {
    const file = new FileSource({ path: reversed });
    expect(file.report.sorted).toBe(true);
    expect(file.quality.rejected).toEqual([]);
    const byCsv = await loadCandles(new FileSource({ path: csv }), { timeframe: '1d', limit: 30 });
    expect(byCsv).toMatchObject({ symbol: 'BTC/USDT', origin: `file:${csv}` });
    expect(candleCount(byCsv.candles)).toBe(30);
    expect(byCsv.quality.rejected).toEqual([]);
    const unnamed = await loadCandles(file, { timeframe: '1d' });
    expect(unnamed.symbol).toBe(reversed);
    expect(candleCount(unnamed.candles)).toBe(365);
    expect(Array.from(unnamed.candles.close)).toEqual(Array.from((await new FileSource({ path: json }).candles(asPair('BTC/USDT'), '1d')).close));
  });

  it('has a market, a ticker from the last candle, and says plainly that it holds no trades or book', async () => {
    const file = new FileSource({ path: csv });
    const [m] = await file.markets();
    expect(m).toMatchObject({ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', active: true });
    const t = await file.ticker(asPair('BTC/USDT'));
    expect(t.time).toBe(Date.UTC(2021, 11, 31));
    await expect(file.trades()).rejects.toThrow(/no trades/);
    await expect(file.orderBook()).rejects.toThrow(/no order book/);
    expect(() => new FileSource({ path: join(work, 'missing.csv') })).toThrow(NotFoundError);
  });
});
