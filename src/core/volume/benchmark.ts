/**
 * Daily volume benchmark: the symbol's mean base volume per window of W minutes over the
 * last N whole UTC days before `asOf`, from daily candles:
 *   benchmark(W) = (Σ daily volume over the N days) / (N · 1440 / W)
 * A closed window's relative volume is its volume / benchmark(W) (1 = a normal window).
 * Days missing from the candles are not guessed: the mean is over the days present, and
 * `days` says how many there were (0 = no benchmark).
 *
 * 7-day momentum: mean daily volume of the last 7 days / mean of the 7 days before − 1
 * (0.25 = a quarter more volume than the week before); NaN without both weeks.
 *
 * Pure and look-ahead free: only candles that opened before the start of asOf's day count
 * (the day in progress is incomplete).
 */
const DAY = 86_400_000;

export interface VolumeBenchmark {
  asOf: number;
  /** Days that had a candle among the N asked for. */
  days: number;
  dailyMean: number;
  /** Window length in minutes -> mean base volume of such a window. */
  perWindow: Record<number, number>;
  momentum7d: number;
}

export function volumeBenchmark(
  time: ArrayLike<number>, volume: ArrayLike<number>, asOf: number, days: number, windows: readonly number[] = [1, 5, 15, 30, 60],
): VolumeBenchmark {
  const end = asOf - (asOf % DAY);
  const from = end - days * DAY;
  let sum = 0;
  let n = 0;
  const weekA = { sum: 0, n: 0 };
  const weekB = { sum: 0, n: 0 };
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    const v = volume[i]!;
    if (!(t < end) || !Number.isFinite(v)) continue;
    if (t >= from) { sum += v; n++; }
    if (t >= end - 7 * DAY) { weekA.sum += v; weekA.n++; } else if (t >= end - 14 * DAY) { weekB.sum += v; weekB.n++; }
  }
  const dailyMean = n ? sum / n : NaN;
  const perWindow: Record<number, number> = {};
  for (const w of windows) perWindow[w] = n ? dailyMean / (1440 / w) : NaN;
  const momentum7d = weekA.n === 7 && weekB.n === 7 ? weekA.sum / weekB.sum - 1 : NaN;
  return { asOf, days: n, dailyMean, perWindow, momentum7d };
}

/** Next occurrence of `hh:mm:ss` UTC strictly after `now` (the daily recompute time). */
export function nextDailyAt(now: number, hms: string): number {
  const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(hms);
  if (!m) throw new RangeError(`daily time must be HH:MM:SS, got "${hms}"`);
  const offset = (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000;
  if (!(offset < DAY)) throw new RangeError(`daily time must be before 24:00:00, got "${hms}"`);
  const day = now - (now % DAY);
  return day + offset > now ? day + offset : day + DAY + offset;
}
