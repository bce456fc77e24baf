import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCandleCsv, parseTime, splitCsvBySymbol } from '../../../src/sources/market/parse.js';
import type { Candles } from '../../../src/core/series.js';

const DAILY = join(import.meta.dirname, '..', '..', '..', 'data', 'binance-daily');
const files = readdirSync(DAILY).filter((f) => f.endsWith('.csv')).sort();

const fields = (c: Candles) => ({ time: [...c.time], open: [...c.open], high: [...c.high], low: [...c.low], close: [...c.close], volume: [...c.volume] });

/** The reading before it was hand-written: split lines and fields, Date.parse every time. */
function naive(text: string): Map<string, Candles> {
  const [head, ...lines] = text.split(/\r?\n/);
  const h = head!.split(',').map((x) => x.trim().toLowerCase());
  const col = (n: string) => h.indexOf(n);
  const rows = new Map<string, number[][]>();
  for (const line of lines) {
    if (!line.trim()) continue;
    const f = line.split(',');
    const sym = f[col('symbol')]!.trim();
    const list = rows.get(sym) ?? [];
    list.push([Date.parse(`${f[col('timestamp')]!.trim()}T00:00:00Z`), ...['open', 'high', 'low', 'close', 'volume'].map((n) => Number(f[col(n)]))]);
    rows.set(sym, list);
  }
  return new Map([...rows].map(([s, r]) => [s, {
    time: Float64Array.from(r, (x) => x[0]!), open: Float64Array.from(r, (x) => x[1]!), high: Float64Array.from(r, (x) => x[2]!),
    low: Float64Array.from(r, (x) => x[3]!), close: Float64Array.from(r, (x) => x[4]!), volume: Float64Array.from(r, (x) => x[5]!),
  }]));
}

describe('candle CSV reading on the bundled daily files', () => {
  it.each(files)('%s: every pair reads as a plain split-and-parse reads it', (f) => {
    const text = readFileSync(join(DAILY, f), 'utf8');
    const got = parseCandleCsv(text, f);
    const want = naive(text);
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [sym, c] of want) expect(fields(got.get(sym)!), sym).toEqual(fields(c));
  });

  it.each(files)('%s: the per-pair parts of splitCsvBySymbol read as that pair of the whole file', (f) => {
    const text = readFileSync(join(DAILY, f), 'utf8');
    const whole = parseCandleCsv(text, f);
    const parts = splitCsvBySymbol(text, f);
    expect([...parts.keys()]).toEqual([...whole.keys()]);
    for (const [sym, csv] of parts) {
      const one = parseCandleCsv(csv, f);
      expect([...one.keys()]).toEqual([sym]);
      expect(fields(one.get(sym)!), sym).toEqual(fields(whole.get(sym)!));
    }
  });
});

describe('splitCsvBySymbol on awkward input', () => {
  const text = 'timestamp,open,high,low,close,volume,symbol\r\n2024-01-01,1,2,0.5,1.5,10,A/B\r\n\r\n2024-01-01,3,4,2,3,7, C/D \r\n2024-01-02,1.5,2,1,1.2,11,A/B\r\n2024-01-02,3,5,3,4,8,C/D';
  it('keeps interleaved pairs, CRLF, blank lines, padded symbols and a last line without a line end', () => {
    const parts = splitCsvBySymbol(text);
    expect([...parts.keys()]).toEqual(['A/B', 'C/D']);
    const whole = parseCandleCsv(text);
    for (const [sym, csv] of parts) expect(fields(parseCandleCsv(csv).get(sym)!)).toEqual(fields(whole.get(sym)!));
    expect([...whole.get('C/D')!.close]).toEqual([3, 4]);
  });

  it('refuses a file without a symbol column, naming the file', () => {
    expect(() => splitCsvBySymbol('timestamp,open,high,low,close,volume\n2024-01-01,1,1,1,1,1', 'x.csv')).toThrow(/x\.csv: CSV has no symbol column/);
  });
});

describe('parseTime', () => {
  it('reads YYYY-MM-DD by hand exactly as Date.parse reads it, including its rollover and refusals', () => {
    for (const s of ['2024-02-29', '2023-02-29', '2022-04-31', '1970-01-01', '2099-12-31', '2022-13-01', '2022-00-10', '2022-01-00', '2022-01-32', '0099-05-05']) {
      const want = Date.parse(`${s}T00:00:00Z`);
      expect(parseTime(s), s).toBe(want);
    }
  });

  it('still reads other forms: datetimes with and without zone, epoch seconds and milliseconds', () => {
    expect(parseTime('2024-01-02 03:04:05')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseTime('2024-01-02T03:04:05+01:00')).toBe(Date.UTC(2024, 0, 2, 2, 4, 5));
    expect(parseTime(' 2024-01-02 ')).toBe(Date.UTC(2024, 0, 2));
    expect(parseTime('1704153600')).toBe(1704153600000);
    expect(parseTime('1704153600000')).toBe(1704153600000);
    expect(parseTime('yesterday')).toBeNaN();
  });
});
