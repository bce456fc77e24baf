import { type Candles, candleCount, emptyCandles } from './series.js';

/** Why a raw candle was rejected by the clean layer. */
export type Defect =
  | 'non_increasing_time'
  | 'duplicate_time'
  | 'high_below_open_close'
  | 'low_above_open_close'
  | 'negative_volume'
  | 'not_finite';

export interface Gap {
  /** Open time of the last candle before the gap and of the first after it. */
  after: number;
  before: number;
  missing: number;
}

export interface QualityReport {
  rows: number;
  kept: number;
  rejected: { index: number; time: number; defect: Defect }[];
  gaps: Gap[];
  missingCandles: number;
  first: number | null;
  last: number | null;
}

function defectOf(c: Candles, i: number, prevTime: number): Defect | null {
  const t = c.time[i]!;
  const o = c.open[i]!;
  const h = c.high[i]!;
  const l = c.low[i]!;
  const cl = c.close[i]!;
  const v = c.volume[i]!;
  if (!Number.isFinite(t) || !Number.isFinite(o) || !Number.isFinite(h) || !Number.isFinite(l) || !Number.isFinite(cl) || !Number.isFinite(v)) return 'not_finite';
  if (t === prevTime) return 'duplicate_time';
  if (t < prevTime) return 'non_increasing_time';
  if (h < o || h < cl) return 'high_below_open_close';
  if (l > o || l > cl) return 'low_above_open_close';
  if (v < 0) return 'negative_volume';
  return null;
}

/**
 * The clean layer between raw and features: drops candles that cannot be true
 * (they would poison every indicator after them) and reports gaps, which are kept
 * as facts and never interpolated.
 */
export function cleanCandles(raw: Candles, timeframeMs?: number): { candles: Candles; report: QualityReport } {
  const n = candleCount(raw);
  const out = emptyCandles(n);
  const rejected: QualityReport['rejected'] = [];
  let k = 0;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = defectOf(raw, i, prev);
    if (d) {
      rejected.push({ index: i, time: raw.time[i]!, defect: d });
      continue;
    }
    out.time[k] = raw.time[i]!;
    out.open[k] = raw.open[i]!;
    out.high[k] = raw.high[i]!;
    out.low[k] = raw.low[i]!;
    out.close[k] = raw.close[i]!;
    out.volume[k] = raw.volume[i]!;
    prev = raw.time[i]!;
    k++;
  }
  const candles: Candles = {
    time: out.time.slice(0, k), open: out.open.slice(0, k), high: out.high.slice(0, k),
    low: out.low.slice(0, k), close: out.close.slice(0, k), volume: out.volume.slice(0, k),
  };
  const gaps = timeframeMs ? findGaps(candles.time, timeframeMs) : [];
  return {
    candles,
    report: {
      rows: n,
      kept: k,
      rejected,
      gaps,
      missingCandles: gaps.reduce((s, g) => s + g.missing, 0),
      first: k ? candles.time[0]! : null,
      last: k ? candles.time[k - 1]! : null,
    },
  };
}

/** Jumps larger than one interval. Monthly candles vary in length, so callers skip them. */
export function findGaps(time: Float64Array, intervalMs: number): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < time.length; i++) {
    const step = time[i]! - time[i - 1]!;
    if (step > intervalMs) gaps.push({ after: time[i - 1]!, before: time[i]!, missing: Math.round(step / intervalMs) - 1 });
  }
  return gaps;
}
