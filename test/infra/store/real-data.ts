import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { concatCandles, emptyCandles, type Candles } from '../../../src/core/series.js';

/**
 * A small private reader for the bundled Binance daily CSVs, so the store tests do not
 * depend on the project's data loaders (written in parallel).
 */
export const DAILY_DIR = join(import.meta.dirname, '..', '..', '..', 'data', 'binance-daily');
const HEADER = 'timestamp,open,high,low,close,volume,symbol';
export const DAY_MS = 86_400_000;

/** Candles of one year's file, per symbol, in file order (ascending dates). */
export function readDailyYear(year: number): Map<string, Candles> {
  const path = join(DAILY_DIR, `binance_daily_ohlcv_${year}.csv`);
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[0]?.trim() !== HEADER) throw new Error(`${path}: unexpected header ${lines[0]}`);
  const rows = new Map<string, number[][]>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const f = line.split(',');
    if (f.length !== 7) throw new Error(`${path}:${i + 1}: expected 7 fields, got ${f.length}`);
    // The timestamp is a UTC date: the candle's open at 00:00 UTC.
    const time = Date.parse(`${f[0]}T00:00:00Z`);
    if (Number.isNaN(time)) throw new Error(`${path}:${i + 1}: bad date ${f[0]}`);
    const symbol = f[6]!;
    let list = rows.get(symbol);
    if (!list) rows.set(symbol, (list = []));
    list.push([time, Number(f[1]), Number(f[2]), Number(f[3]), Number(f[4]), Number(f[5])]);
  }
  const out = new Map<string, Candles>();
  for (const [symbol, list] of rows) {
    const c = emptyCandles(list.length);
    list.forEach((r, i) => {
      c.time[i] = r[0]!;
      c.open[i] = r[1]!;
      c.high[i] = r[2]!;
      c.low[i] = r[3]!;
      c.close[i] = r[4]!;
      c.volume[i] = r[5]!;
    });
    out.set(symbol, c);
  }
  return out;
}

/** Several years merged per symbol (years in ascending order). */
export function readDaily(years: readonly number[]): Map<string, Candles> {
  const parts = new Map<string, Candles[]>();
  for (const year of years) {
    for (const [symbol, c] of readDailyYear(year)) {
      let list = parts.get(symbol);
      if (!list) parts.set(symbol, (list = []));
      list.push(c);
    }
  }
  return new Map([...parts].map(([s, list]) => [s, concatCandles(list)]));
}

/**
 * Every candle of the given years laid end to end as one series, re-timed on a `stepMs`
 * grid: real prices and volumes in a single series long enough to load-test one upsert
 * (no real single series in the bundle is that long). The times are not real.
 */
export function endToEnd(years: readonly number[], stepMs: number, start = Date.UTC(2020, 0, 1)): Candles {
  const all = concatCandles([...readDaily(years).values()]);
  for (let i = 0; i < all.time.length; i++) all.time[i] = start + i * stepMs;
  return all;
}
