import type { StructureResult } from '../../core/signals/types.js';
import type { CandleResult, SeriesKey, StoredSignal } from '../../infra/store/types.js';

/** Core's signal as the store keeps it: the series key plus the detail behind the score. */
export function toStoredSignal(key: SeriesKey, r: StructureResult): StoredSignal {
  return { ...r.signal, ...key, payload: { factors: r.factors, rsi: r.rsi, atr: r.atr } };
}

/**
 * Everything derived from one closed candle, as the store keeps it. Every write is an
 * upsert keyed by (series, candle time), so redoing a candle after a crash rewrites the
 * same rows. Only valid trade plans become signals (an invalidated or unpriced leg is not
 * a signal); structure snapshots are kept for every candle.
 */
export function toCandleResult(key: SeriesKey, r: StructureResult): CandleResult {
  const signal = r.signal.direction === 'neutral' || !r.signal.valid ? null : toStoredSignal(key, r);
  return {
    key,
    time: r.signal.time,
    snapshots: { swings: r.swings.slice(-20), sr_levels: r.levels, fib_levels: r.fib },
    signal,
  };
}
