import type { Candles } from '../series.js';
import type { Defect, QualityReport } from '../quality.js';

/**
 * The data-quality report an ML run prints before any result: what the clean layer dropped
 * (by defect), the gaps it found, and the bars whose 1-bar move is an outlier. Outliers are
 * reported, not removed: a real crash bar is data, a bad print is not, and only a person
 * can tell them apart — but a model trained across either deserves a warning.
 */
export interface DataQuality {
  rows: number;
  kept: number;
  rejected: Partial<Record<Defect, number>>;
  gaps: number;
  missingCandles: number;
  /** Longest gap in bars, with the times around it. */
  largestGap: { missing: number; after: number; before: number } | null;
  outliers: {
    /** |log return| above this many robust standard deviations (1.4826 × MAD) is an outlier. */
    threshold: number;
    count: number;
    /** The largest few, by |z|. */
    worst: { time: number; logReturn: number; z: number }[];
  };
}

export const OUTLIER_Z = 10;

function median(xs: Float64Array): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export function dataQuality(c: Candles, q: QualityReport, z = OUTLIER_Z, worstCount = 5): DataQuality {
  const rejected: Partial<Record<Defect, number>> = {};
  for (const r of q.rejected) rejected[r.defect] = (rejected[r.defect] ?? 0) + 1;
  let largestGap: DataQuality['largestGap'] = null;
  for (const g of q.gaps) if (!largestGap || g.missing > largestGap.missing) largestGap = { missing: g.missing, after: g.after, before: g.before };

  const n = c.close.length;
  const r = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) r[i - 1] = Math.log(c.close[i]! / c.close[i - 1]!);
  const med = median(r);
  const sigma = 1.4826 * median(r.map((x) => Math.abs(x - med)));
  const flagged: DataQuality['outliers']['worst'] = [];
  if (sigma > 0) {
    for (let i = 0; i < r.length; i++) {
      const zi = (r[i]! - med) / sigma;
      if (Math.abs(zi) > z) flagged.push({ time: c.time[i + 1]!, logReturn: r[i]!, z: zi });
    }
  }
  const worst = [...flagged].sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, worstCount);
  return {
    rows: q.rows, kept: q.kept, rejected, gaps: q.gaps.length, missingCandles: q.missingCandles, largestGap,
    outliers: { threshold: z, count: flagged.length, worst },
  };
}

/** One line for a terminal. */
export function dataQualityLine(d: DataQuality, iso: (t: number) => string): string {
  const rej = Object.entries(d.rejected).map(([k, v]) => `${v} ${k}`).join(', ') || 'none';
  const gap = d.largestGap ? `, largest ${d.largestGap.missing} bars after ${iso(d.largestGap.after)}` : '';
  const worst = d.outliers.worst[0];
  const out = worst ? ` (largest ${worst.logReturn >= 0 ? '+' : ''}${(100 * (Math.exp(worst.logReturn) - 1)).toFixed(1)}% at ${iso(worst.time)})` : '';
  return `data quality: ${d.kept}/${d.rows} rows kept, rejected: ${rej}; ${d.gaps} gaps, ${d.missingCandles} missing candles${gap}; ${d.outliers.count} outlier bars beyond ${d.outliers.threshold} robust sd${out}`;
}
