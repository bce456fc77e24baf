import { PRICE_STYLES, formatPrice } from '../core/numbers.js';
import { type Candles, candleCount } from '../core/series.js';

export const iso = (t: number | null | undefined) => (t === null || t === undefined || !Number.isFinite(t) ? '-' : new Date(t).toISOString().replace('.000Z', 'Z'));

export function candlesToJson(c: Candles): { time: string; timestamp: number; open: number; high: number; low: number; close: number; volume: number }[] {
  const out = [];
  for (let i = 0; i < candleCount(c); i++) {
    out.push({ time: iso(c.time[i]), timestamp: c.time[i]!, open: c.open[i]!, high: c.high[i]!, low: c.low[i]!, close: c.close[i]!, volume: c.volume[i]! });
  }
  return out;
}

/** Plain aligned table; numbers right-aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((v) => (typeof v === 'number' ? fmtNum(v) : v)))];
  const widths = headers.map((_, k) => Math.max(...cells.map((r) => String(r[k] ?? '').length)));
  return cells
    .map((r, ri) => r.map((v, k) => (ri > 0 && typeof rows[ri - 1]![k] === 'number' ? String(v).padStart(widths[k]!) : String(v).padEnd(widths[k]!))).join('  ').trimEnd())
    .join('\n');
}

/** Integers as they are (counts, times), other numbers as table prices. */
export function fmtNum(v: number): string {
  return Number.isInteger(v) ? String(v) : formatPrice(v, PRICE_STYLES.table);
}
