/**
 * Volume spikes: a candle whose volume exceeds mean + k·std of the `window` candles
 * BEFORE it. The current candle is excluded from its own baseline on purpose: a spike
 * inside the window inflates both mean and std, so including it would let a spike raise
 * its own bar (with window 25 and k 4 a candle could then never be flagged at all when
 * the rest is flat). It also makes the value at i depend only on candles [i-window, i],
 * so computing on a prefix gives the same answer (no look-ahead).
 *
 * std is the sample standard deviation (n − 1), as pandas' rolling().std() computes it.
 *
 * Warm-up: candles 0 … window−1 have no baseline; their outputs are NaN and they are
 * never spikes.
 */

import { InputError } from '../../errors.js';

export interface SpikeParams {
  /** Candles in the baseline (the ones before the current candle). */
  window: number;
  /** Standard deviations above the mean a volume must exceed. */
  k: number;
  /** Confidence at or above which a spike is an alert. */
  threshold: number;
}

export const DEFAULT_SPIKE_PARAMS: Readonly<SpikeParams> = Object.freeze({ window: 25, k: 4, threshold: 0.7 });

/** Per-candle columns; reusable across calls of the same length to avoid allocation. */
export interface SpikeColumns {
  mean: Float64Array;
  std: Float64Array;
  /** mean + k·std: the volume a candle must exceed. */
  limit: Float64Array;
  /** (volume − mean) / std; ±Infinity when std is 0 and volume differs from the mean. */
  z: Float64Array;
  /** volume / mean. */
  relVolume: Float64Array;
  confidence: Float64Array;
  /** Spike indices, ascending; only the first `count` are meaningful. */
  spikes: Int32Array;
  count: number;
}

/** A spike parameter outside its range: bad input wherever it came from (HTTP body, CLI option, config). */
export class SpikeParamError extends InputError {
  constructor(field: keyof SpikeParams, message: string) {
    super(`${field}: ${message}`, field);
    this.name = 'SpikeParamError';
  }
}

export function resolveSpikeParams(p: Partial<SpikeParams> = {}): SpikeParams {
  const r = { ...DEFAULT_SPIKE_PARAMS, ...p };
  // n − 1 in the std needs at least two candles.
  if (!Number.isInteger(r.window) || r.window < 2 || r.window > 10_000) throw new SpikeParamError('window', 'must be an integer in [2, 10000]');
  if (!Number.isFinite(r.k) || r.k <= 0) throw new SpikeParamError('k', 'must be a positive number');
  if (!(r.threshold >= 0 && r.threshold <= 1)) throw new SpikeParamError('threshold', 'must be in [0, 1]');
  return r;
}

/**
 * Confidence in [0, 1] from how far beyond the threshold the spike is:
 *   c = 1 − exp(−(z − k))   for z > k, else 0.
 * Each standard deviation past k removes 63% of the remaining doubt: z = k + 1 → 0.63,
 * k + 1.2 → 0.70 (the default alert level), k + 3 → 0.95. It is a size measure, not a
 * probability; it saturates so one huge candle does not dwarf every other alert.
 */
export function spikeConfidence(z: number, k: number): number {
  if (!(z > k)) return 0;
  return 1 - Math.exp(k - z);
}

export function allocSpikeColumns(n: number): SpikeColumns {
  return {
    mean: new Float64Array(n), std: new Float64Array(n), limit: new Float64Array(n),
    z: new Float64Array(n), relVolume: new Float64Array(n), confidence: new Float64Array(n),
    spikes: new Int32Array(n), count: 0,
  };
}

/**
 * One pass with a sliding mean and sum of squared deviations (Welford's update for a
 * fixed-size window), re-summed exactly every `window` steps so rounding cannot drift
 * over long series. O(n), no allocation when `out` is given.
 */
export function detectSpikes(volume: Float64Array, params: Partial<SpikeParams> = {}, out?: SpikeColumns): SpikeColumns {
  const { window: w, k } = resolveSpikeParams(params);
  const n = volume.length;
  const o = out && out.mean.length === n ? out : allocSpikeColumns(n);
  o.count = 0;
  const warm = Math.min(w, n);
  o.mean.fill(NaN, 0, warm); o.std.fill(NaN, 0, warm); o.limit.fill(NaN, 0, warm);
  o.z.fill(NaN, 0, warm); o.relVolume.fill(NaN, 0, warm); o.confidence.fill(NaN, 0, warm);
  if (n <= w) return o;

  let mean = 0;
  let m2 = 0;
  let bad = 0; // non-finite volumes in the window: no honest baseline while any is there
  let sinceExact = w; // forces an exact sum at the first candle
  let exactMean = 0;
  for (let i = w; i < n; i++) {
    if (sinceExact < w) {
      // Slide: candle i−1 enters, candle i−1−w leaves.
      let xin = volume[i - 1]!;
      let xout = volume[i - 1 - w]!;
      if (!Number.isFinite(xin)) { bad++; xin = 0; }
      if (!Number.isFinite(xout)) { bad--; xout = 0; }
      const prev = mean;
      mean += (xin - xout) / w;
      m2 += (xin - xout) * (xin - mean + xout - prev);
      // A flat window (often all zeros on a quiet pair) cancels large numbers down to
      // rounding noise, which could put the limit a hair below a volume equal to the
      // mean; such windows are rare, so sum them exactly.
      if (m2 <= mean * mean * w * 1e-12 || Math.abs(mean) <= exactMean * 1e-9) sinceExact = w;
    }
    if (sinceExact >= w) {
      mean = 0; bad = 0;
      for (let j = i - w; j < i; j++) { const x = volume[j]!; if (Number.isFinite(x)) mean += x; else bad++; }
      mean /= w;
      m2 = 0;
      for (let j = i - w; j < i; j++) { const x = volume[j]!; if (Number.isFinite(x)) m2 += (x - mean) * (x - mean); }
      exactMean = Math.abs(mean);
      sinceExact = 0;
    }
    sinceExact++;

    const v = volume[i]!;
    if (bad > 0 || !Number.isFinite(v)) {
      o.mean[i] = NaN; o.std[i] = NaN; o.limit[i] = NaN; o.z[i] = NaN; o.relVolume[i] = NaN; o.confidence[i] = NaN;
      continue;
    }
    const sd = Math.sqrt(m2 / (w - 1));
    const lim = mean + k * sd;
    const z = sd > 0 ? (v - mean) / sd : v > mean ? Infinity : v < mean ? -Infinity : 0;
    o.mean[i] = mean;
    o.std[i] = sd;
    o.limit[i] = lim;
    o.z[i] = z;
    o.relVolume[i] = mean > 0 ? v / mean : NaN;
    const spike = v > lim;
    o.confidence[i] = spike ? spikeConfidence(z, k) : 0;
    if (spike) o.spikes[o.count++] = i;
  }
  return o;
}

/** One detected spike as a plain object (spikes are rare; per-candle data stays columnar). */
export interface SpikeEvent {
  index: number;
  time: number;
  volume: number;
  mean: number;
  std: number;
  limit: number;
  z: number;
  relVolume: number;
  confidence: number;
  alert: boolean;
}

/** Spikes at index >= `from` (e.g. only the scanned periods, not the warm-up). */
export function spikeEvents(time: Float64Array, volume: Float64Array, cols: SpikeColumns, threshold: number, from = 0): SpikeEvent[] {
  const events: SpikeEvent[] = [];
  for (let s = 0; s < cols.count; s++) {
    const i = cols.spikes[s]!;
    if (i < from) continue;
    const confidence = cols.confidence[i]!;
    events.push({
      index: i, time: time[i]!, volume: volume[i]!, mean: cols.mean[i]!, std: cols.std[i]!, limit: cols.limit[i]!,
      z: cols.z[i]!, relVolume: cols.relVolume[i]!, confidence, alert: confidence >= threshold,
    });
  }
  return events;
}
