import type { Direction } from '../../core/signals/types.js';
import type { SignalSummary } from './types.js';

export interface SummaryRow {
  symbol: string;
  direction: string;
  n: number;
  first: number;
  last: number;
}

/** Folds per (symbol, direction) counts from either backend into the summary shape. */
export function buildSummary(rows: readonly SummaryRow[]): SignalSummary {
  const byDirection: Record<Direction, number> = { long: 0, short: 0, neutral: 0 };
  const bySymbol = new Map<string, SignalSummary['bySymbol'][number]>();
  let first: number | null = null;
  let last: number | null = null;
  for (const r of rows) {
    const dir = r.direction as Direction;
    byDirection[dir] = (byDirection[dir] ?? 0) + r.n;
    let s = bySymbol.get(r.symbol);
    if (!s) bySymbol.set(r.symbol, (s = { symbol: r.symbol, total: 0, long: 0, short: 0, neutral: 0, last: r.last }));
    s.total += r.n;
    s[dir] += r.n;
    s.last = Math.max(s.last, r.last);
    first = first === null ? r.first : Math.min(first, r.first);
    last = last === null ? r.last : Math.max(last, r.last);
  }
  const total = byDirection.long + byDirection.short + byDirection.neutral;
  const symbols = [...bySymbol.values()].sort((a, b) => b.total - a.total || a.symbol.localeCompare(b.symbol));
  return { total, byDirection, bySymbol: symbols, first, last };
}
