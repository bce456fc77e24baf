import { lbankName, type Timeframe } from '../../core/timeframes.js';
import type { PairFiles } from './types.js';

/** Seed 000's `{timestamp}`: the batch start as YYYYMMDD_HHMMSS (UTC). */
export function seedStamp(iso: string): string {
  const d = iso.replace(/[-:]/g, '');
  return `${d.slice(0, 8)}_${d.slice(9, 15)}`;
}

/** Seed 000's `{pair}`: lower case with an underscore, as its clients send it (eth_usdt). */
export const seedPair = (symbol: string) => symbol.toLowerCase().replace(/[^a-z0-9]+/g, '_');

/** Seed 000's `{timeframe}`: the LBank name (minute5, day1) where there is one, else the CCXT name. */
export const seedTimeframe = (tf: Timeframe) => lbankName(tf) ?? tf;

/** `{pair}_{timeframe}_{timestamp}_{data.json|chart.html|report.html|chart.png}`. */
export function pairFiles(symbol: string, tf: Timeframe, startedAt: string, png: boolean): PairFiles {
  const stem = `${seedPair(symbol)}_${seedTimeframe(tf)}_${seedStamp(startedAt)}`;
  return { data: `${stem}_data.json`, chart: `${stem}_chart.html`, report: `${stem}_report.html`, ...(png ? { png: `${stem}_chart.png` } : {}) };
}

/** `batch_summary_{timestamp}.json`, next to Sextant's own summary.json (same content). */
export const batchSummaryFile = (startedAt: string) => `batch_summary_${seedStamp(startedAt)}.json`;
