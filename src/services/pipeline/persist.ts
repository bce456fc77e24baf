import type { KeptStructure } from '../../core/signals/types.js';
import type { CandleResult, SeriesKey, StoredSignal } from '../../infra/store/types.js';

/** Swings kept in each swing snapshot: the latest ones. */
export const SNAPSHOT_SWINGS = 20;

/** Core's signal as the store keeps it: the series key plus the detail behind the score (a valid signal's result always has its factors). */
export function toStoredSignal(key: SeriesKey, r: KeptStructure): StoredSignal {
  return { ...r.signal, ...key, payload: { factors: r.factors ?? [], rsi: r.rsi, atr: r.atr } };
}

/** The signal of a result as the store keeps it, or null: only valid trade plans are signals. */
export function signalOf(key: SeriesKey, r: KeptStructure): StoredSignal | null {
  return r.signal.direction === 'neutral' || !r.signal.valid ? null : toStoredSignal(key, r);
}

/**
 * Everything derived from one closed candle, as the store keeps it. Every write is an
 * upsert keyed by (series, candle time), so redoing a candle after a crash rewrites the
 * same rows. Only valid trade plans become signals (an invalidated or unpriced leg is not
 * a signal); structure snapshots are kept for every candle.
 */
export function toCandleResult(key: SeriesKey, r: KeptStructure): CandleResult {
  const signal = signalOf(key, r);
  return {
    key,
    time: r.signal.time,
    snapshots: { swings: r.swings.slice(-SNAPSHOT_SWINGS), sr_levels: r.levels, fib_levels: r.fib },
    signal,
  };
}
