import { existsSync, readFileSync } from 'node:fs';
import { NotFoundError } from '../../../errors.js';
import { type Candles, candleCount, emptyCandles } from '../../../core/series.js';
import { cleanCandles, type QualityReport } from '../../../core/quality.js';
import { CandleFileError, parseCandleFile } from '../parse.js';
import { isHeaderless, parseHeaderlessKlines } from './headerless.js';
import { type FileTimeframe, inferTimeframe } from './spacing.js';

/** What reading a user's candle file did to its rows, so commands can say it. */
export interface FileReadReport {
  /** Data rows in the file. */
  rows: number;
  /** The rows were not in time order (they were sorted). */
  sorted: boolean;
  /** Exact repeats of another row (same time, same values), kept once. */
  duplicates: number;
  /** What the clean layer dropped after sorting (impossible candles), with the reason of each. */
  quality: QualityReport;
  /** The file's own timeframe, from the spacing of its candles. */
  spacing: FileTimeframe;
}

export interface CandleFile {
  candles: Candles;
  report: FileReadReport;
}

/**
 * A user's candle file as one clean series: parsed (CSV with a header, headerless Binance
 * Vision klines, or freqtrade JSON rows), sorted by time, exact repeats merged, then the
 * clean layer. Two rows that claim the same time with different values are refused: no
 * rule can tell which one is true, and keeping either would be a guess.
 */
export function readCandleFile(path: string): CandleFile {
  if (!existsSync(path)) throw new NotFoundError(`input file ${path} not found`, 'input');
  const text = readFileSync(path, 'utf8');
  const raw = normaliseEpochs(isHeaderless(text) ? parseHeaderlessKlines(text, path) : parseCandleFile(text, path));
  const { candles: ordered, sorted, duplicates } = sortAndMerge(raw, path);
  const { candles, report } = cleanCandles(ordered);
  // Spacing is a property of the time column: a row dropped for its prices still marks its time.
  return { candles, report: { rows: candleCount(raw), sorted, duplicates, quality: report, spacing: inferTimeframe(ordered.time) } };
}

/**
 * Epoch times past the year 5000 in milliseconds are microseconds (Binance Vision writes
 * them since 2025) or nanoseconds; real candle times are never that far out.
 */
function normaliseEpochs(c: Candles): Candles {
  for (let i = 0; i < c.time.length; i++) {
    const t = c.time[i]!;
    if (t >= 1e17) c.time[i] = Math.floor(t / 1e6);
    else if (t >= 1e14) c.time[i] = Math.floor(t / 1e3);
  }
  return c;
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

function sameValues(c: Candles, a: number, b: number): boolean {
  return FIELDS.every((f) => Object.is(c[f][a], c[f][b]));
}

/** Unreadable times go last; the clean layer drops them with their reason. */
const sortKey = (t: number) => (Number.isFinite(t) ? t : Number.MAX_VALUE);

function sortAndMerge(raw: Candles, path: string): { candles: Candles; sorted: boolean; duplicates: number } {
  const n = candleCount(raw);
  const order = Array.from({ length: n }, (_, i) => i);
  let sorted = false;
  for (let i = 1; i < n && !sorted; i++) if (raw.time[i]! < raw.time[i - 1]!) sorted = true;
  // Array.prototype.sort is stable: rows with equal times keep file order for the message below.
  if (sorted) order.sort((a, b) => sortKey(raw.time[a]!) - sortKey(raw.time[b]!));
  const out = emptyCandles(n);
  let k = 0;
  let duplicates = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    if (j > 0) {
      const prev = order[j - 1]!;
      if (raw.time[i] === raw.time[prev]) {
        if (!sameValues(raw, i, prev)) {
          const when = Number.isFinite(raw.time[i]!) ? new Date(raw.time[i]!).toISOString() : String(raw.time[i]);
          const show = (r: number) => FIELDS.map((f) => raw[f][r]).join(',');
          throw new CandleFileError(path, `rows ${prev + 1} and ${i + 1} both claim ${when} with different values (${show(prev)} vs ${show(i)}); remove one`);
        }
        duplicates++;
        continue;
      }
    }
    out.time[k] = raw.time[i]!;
    for (const f of FIELDS) out[f][k] = raw[f][i]!;
    k++;
  }
  const candles: Candles = {
    time: out.time.slice(0, k), open: out.open.slice(0, k), high: out.high.slice(0, k),
    low: out.low.slice(0, k), close: out.close.slice(0, k), volume: out.volume.slice(0, k),
  };
  return { candles, sorted, duplicates };
}

/** One line for the user: how many rows were kept, and what happened to the others and why. */
export function describeFileRead(path: string, r: FileReadReport): string {
  const dropped = r.quality.rejected.length;
  const parts = [`${path}: ${r.rows} rows, ${r.quality.kept} candles kept`];
  if (r.spacing.timeframe) parts.push(`${r.spacing.timeframe} spacing`);
  if (r.sorted) parts.push('sorted by time');
  if (r.duplicates) parts.push(`${r.duplicates} repeated rows merged`);
  if (dropped) {
    const why = new Map<string, number>();
    for (const x of r.quality.rejected) why.set(x.defect, (why.get(x.defect) ?? 0) + 1);
    parts.push(`${dropped} dropped (${[...why].map(([d, c]) => `${c} ${d.replaceAll('_', ' ')}`).join(', ')})`);
  } else {
    parts.push('none dropped');
  }
  return parts.join('; ');
}
