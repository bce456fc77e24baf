import { type Timeframe, TIMEFRAMES, timeframeMs } from '../../../core/timeframes.js';

export interface FileTimeframe {
  /** The timeframe the candles are spaced by, when it is one of Sextant's. */
  timeframe: Timeframe | undefined;
  /** The most common step between consecutive candles, ms (NaN with fewer than 2 candles). */
  stepMs: number;
}

const DAY = 86_400_000;

/**
 * A file's timeframe is the most common step between its candles: gaps (missing candles)
 * are longer steps and do not change it. Month candles vary from 28 to 31 days.
 */
export function inferTimeframe(time: Float64Array): FileTimeframe {
  const counts = new Map<number, number>();
  let monthly = time.length > 1;
  for (let i = 1; i < time.length; i++) {
    const d = time[i]! - time[i - 1]!;
    if (!(d > 0)) continue;
    counts.set(d, (counts.get(d) ?? 0) + 1);
    if (d < 28 * DAY || d > 31 * DAY) monthly = false;
  }
  if (monthly) return { timeframe: '1M', stepMs: 30 * DAY };
  let stepMs = NaN;
  let best = 0;
  for (const [d, c] of counts) if (c > best || (c === best && d < stepMs)) [stepMs, best] = [d, c];
  const timeframe = TIMEFRAMES.find((tf) => tf !== '1M' && timeframeMs(tf) === stepMs);
  return { timeframe, stepMs };
}

/** "1h" or "7-minute", for messages. */
export function describeSpacing(s: FileTimeframe): string {
  if (s.timeframe) return s.timeframe;
  const min = s.stepMs / 60_000;
  return Number.isInteger(min) ? `${min}-minute` : `${s.stepMs / 1000}-second`;
}
