import { InputError } from '../../errors.js';
import { type Candles, emptyCandles } from '../../core/series.js';

/**
 * Parsers for the candle file formats users and the bundled data bring. All return
 * raw candles in file order; the clean layer (core/quality) validates them.
 */

export class CandleFileError extends InputError {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`, 'input');
    this.name = 'CandleFileError';
  }
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const isDigit = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * `YYYY-MM-DD` read by hand, NaN when the text is not exactly that. The bundled daily files
 * hold 160k such dates and Date.parse with its regex guards was most of their load time.
 * Same answers as Date.parse: month 1-12 and day 1-31 (V8 rolls day 31 of a short month
 * over), years below 100 left to Date.parse (Date.UTC would read them as 19xx).
 */
function isoDay(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) if (!isDigit(s, i)) return NaN;
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > 31) return NaN;
  return Date.UTC(y, m - 1, d);
}

/** ISO date/datetime (UTC unless it says otherwise), epoch seconds or epoch milliseconds. */
export function parseTime(text: string): number {
  const day = isoDay(text);
  if (day === day) return day;
  const s = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    const v = Number(s);
    // Epoch seconds stop at ~5e10 until the year 3000; anything larger is milliseconds.
    return v < 1e11 ? v * 1000 : v;
  }
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.replace(' ', 'T')}Z`;
  const t = Date.parse(iso);
  return t;
}

function builder(capacity: number) {
  let c = emptyCandles(capacity);
  let n = 0;
  return {
    push(t: number, o: number, h: number, l: number, cl: number, v: number) {
      if (n === c.time.length) {
        const bigger = emptyCandles(Math.max(16, n * 2));
        for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) bigger[k].set(c[k]);
        c = bigger;
      }
      c.time[n] = t; c.open[n] = o; c.high[n] = h; c.low[n] = l; c.close[n] = cl; c.volume[n] = v;
      n++;
    },
    done(): Candles {
      return {
        time: c.time.slice(0, n), open: c.open.slice(0, n), high: c.high.slice(0, n),
        low: c.low.slice(0, n), close: c.close.slice(0, n), volume: c.volume.slice(0, n),
      };
    },
  };
}

const REQUIRED = ['open', 'high', 'low', 'close', 'volume'] as const;
const TIME_NAMES = ['timestamp', 'time', 'date', 'datetime', 'open_time', 'opentime'];

/**
 * CSV with a header naming timestamp (or time/date/datetime), open, high, low, close,
 * volume in any order; optional `symbol` column (multi-pair files are split by it).
 */
export function parseCandleCsv(text: string, file = 'input'): Map<string, Candles> {
  const firstBreak = text.indexOf('\n');
  const headerLine = (firstBreak < 0 ? text : text.slice(0, firstBreak)).replace(/\r$/, '');
  const header = headerLine.split(',').map((h) => h.trim().toLowerCase());
  const timeCol = header.findIndex((h) => TIME_NAMES.includes(h));
  if (timeCol < 0) throw new CandleFileError(file, `CSV header needs a timestamp column (one of ${TIME_NAMES.join(', ')}); got "${headerLine}"`);
  const cols = REQUIRED.map((name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new CandleFileError(file, `CSV header needs column "${name}"; got "${headerLine}"`);
    return i;
  });
  const symCol = header.indexOf('symbol');
  const bySymbol = new Map<string, ReturnType<typeof builder>>();
  // One pass with indexOf over the whole text: the bundled daily files are 160k lines, and
  // splitting each line into an array of strings was most of a replay's start.
  const fieldStart = new Int32Array(header.length + 1);
  const fieldEnd = new Int32Array(header.length + 1);
  const field = (i: number) => (i < header.length && fieldStart[i]! >= 0 ? text.slice(fieldStart[i], fieldEnd[i]) : undefined);
  let lastSym: string | undefined;
  let lastBuilder: ReturnType<typeof builder> | undefined;
  let pos = firstBreak < 0 ? text.length : firstBreak + 1;
  for (let lineNo = 2; pos < text.length; lineNo++) {
    let next = text.indexOf('\n', pos);
    if (next < 0) next = text.length;
    const stop = next > pos && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    const lineStart = pos;
    pos = next + 1;
    if (!text.slice(lineStart, stop).trim()) continue;
    fieldStart.fill(-1);
    for (let i = 0, a = lineStart; i < fieldStart.length && a <= stop; i++) {
      let b = text.indexOf(',', a);
      if (b < 0 || b > stop) b = stop;
      fieldStart[i] = a;
      fieldEnd[i] = b;
      a = b + 1;
    }
    const sym = symCol >= 0 ? (field(symCol) ?? '').trim() : '';
    let b = sym === lastSym ? lastBuilder : bySymbol.get(sym);
    if (!b) bySymbol.set(sym, (b = builder(1024)));
    lastSym = sym;
    lastBuilder = b;
    const timeText = field(timeCol) ?? '';
    const t = parseTime(timeText);
    if (Number.isNaN(t)) throw new CandleFileError(file, `line ${lineNo}: cannot read time "${field(timeCol)}"`);
    b.push(t, Number(field(cols[0]!)), Number(field(cols[1]!)), Number(field(cols[2]!)), Number(field(cols[3]!)), Number(field(cols[4]!)));
  }
  const out = new Map<string, Candles>();
  for (const [k, b] of bySymbol) out.set(k, b.done());
  return out;
}

/**
 * A multi-pair CSV cut into one CSV per `symbol` value (the header, then that symbol's lines
 * in file order), in order of first appearance; no number is read. Each part parses
 * (parseCandleCsv) to the same candles as that symbol's share of the whole file.
 */
export function splitCsvBySymbol(text: string, file = 'input'): Map<string, string> {
  const firstBreak = text.indexOf('\n');
  const headerLine = firstBreak < 0 ? text : text.slice(0, firstBreak + 1);
  const header = headerLine.replace(/\r?\n$/, '').split(',').map((h) => h.trim().toLowerCase());
  const symCol = header.indexOf('symbol');
  if (symCol < 0) throw new CandleFileError(file, 'CSV has no symbol column');
  // Runs of lines of one symbol are joined as one slice: the bundled files are sorted by pair.
  const runs = new Map<string, string[]>();
  let runSym: string | undefined;
  let runStart = 0;
  const close = (end: number) => {
    if (runSym === undefined) return;
    const list = runs.get(runSym) ?? [headerLine.endsWith('\n') ? headerLine : `${headerLine}\n`];
    list.push(text.slice(runStart, end));
    runs.set(runSym, list);
  };
  let pos = firstBreak < 0 ? text.length : firstBreak + 1;
  while (pos < text.length) {
    let next = text.indexOf('\n', pos);
    if (next < 0) next = text.length;
    const stop = next > pos && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    let a = pos;
    for (let i = 0; i < symCol && a <= stop; i++) {
      const c = text.indexOf(',', a);
      a = c < 0 || c > stop ? stop + 1 : c + 1;
    }
    let sym = '';
    if (a <= stop) {
      let b = text.indexOf(',', a);
      if (b < 0 || b > stop) b = stop;
      sym = text.slice(a, b).trim();
    }
    // A blank line belongs to no symbol; parseCandleCsv skips it either way.
    const blank = sym === '' && !text.slice(pos, stop).trim();
    if (!blank && sym !== runSym) {
      close(pos);
      runSym = sym;
      runStart = pos;
    }
    pos = next + 1;
  }
  close(text.length);
  return new Map([...runs].map(([k, v]) => [k, v.join('')]));
}

/** freqtrade / ccxt JSON: [[ms, o, h, l, c, v], ...]. */
export function parseCandleRowsJson(text: string, file = 'input'): Candles {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (e) {
    throw new CandleFileError(file, `not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(rows)) throw new CandleFileError(file, 'JSON must be an array of [timeMs, open, high, low, close, volume] rows');
  const b = builder(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as unknown;
    if (!Array.isArray(r) || r.length < 6) throw new CandleFileError(file, `row ${i}: expected [timeMs, open, high, low, close, volume]`);
    const t = typeof r[0] === 'string' ? parseTime(r[0]) : Number(r[0]);
    b.push(t, Number(r[1]), Number(r[2]), Number(r[3]), Number(r[4]), Number(r[5]));
  }
  return b.done();
}

/**
 * ta4j's example files come in two shapes: ta4j bars (`ohlc[]` with the candle END
 * time) and raw Coinbase API candles (`candles[]` with `start` in epoch seconds,
 * numbers as strings). Sextant keys candles by open time.
 */
export function parseTa4jJson(text: string, barMs: number): Candles {
  const doc = JSON.parse(text) as {
    ohlc?: { endTime: number; openPrice: number; highPrice: number; lowPrice: number; closePrice: number; volume: number }[];
    candles?: { start: string; open: string; high: string; low: string; close: string; volume: string }[];
  };
  if (doc.ohlc) {
    const b = builder(doc.ohlc.length);
    for (const r of doc.ohlc) b.push(r.endTime - barMs, r.openPrice, r.highPrice, r.lowPrice, r.closePrice, r.volume);
    return b.done();
  }
  const rows = doc.candles ?? [];
  const b = builder(rows.length);
  for (const r of rows) b.push(Number(r.start) * 1000, Number(r.open), Number(r.high), Number(r.low), Number(r.close), Number(r.volume));
  return b.done();
}

/**
 * LEAN trade bars. Hour/daily files: "YYYYMMDD HH:mm,o,h,l,c,v"; minute files:
 * "msSinceMidnight,o,h,l,c,v" with the date in the file name (dayStartMs).
 */
export function parseLeanCsv(text: string, dayStartMs?: number): Candles {
  const lines = text.split(/\r?\n/);
  const b = builder(lines.length);
  for (const line of lines) {
    if (!line.trim()) continue;
    const f = line.split(',');
    const first = f[0]!;
    let t: number;
    if (dayStartMs !== undefined) t = dayStartMs + Number(first);
    else t = Date.UTC(Number(first.slice(0, 4)), Number(first.slice(4, 6)) - 1, Number(first.slice(6, 8)), Number(first.slice(9, 11) || 0), Number(first.slice(12, 14) || 0));
    b.push(t, Number(f[1]), Number(f[2]), Number(f[3]), Number(f[4]), Number(f[5]));
  }
  return b.done();
}

/** Reads a user's candle file: CSV with header, or freqtrade JSON rows. */
export function parseCandleFile(text: string, file: string): Candles {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return parseCandleRowsJson(text, file);
  const bySymbol = parseCandleCsv(text, file);
  if (bySymbol.size > 1) throw new CandleFileError(file, `holds ${bySymbol.size} symbols; give a file with one pair`);
  const only = [...bySymbol.values()][0];
  if (!only) throw new CandleFileError(file, 'no candles');
  return only;
}
