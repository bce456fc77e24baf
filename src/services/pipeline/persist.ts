import type { StructureResult } from '../../core/signals/types.js';
import type { CandleResult, SeriesKey, SignalRecord as StoredSignal } from '../../infra/store/types.js';

/** The core record (SPEC C field names) as the store keeps it. */
export function toStoredSignal(key: SeriesKey, r: StructureResult): StoredSignal {
  const s = r.signal;
  return {
    ...key,
    time: s.timestamp,
    direction: s.direction === 'none' ? 'neutral' : s.direction,
    marketScore: s.market_score,
    price: s.price,
    entry1: s.entry1,
    entry2: s.entry2,
    sl: s.sl,
    tp1: s.tp1,
    tp2: s.tp2,
    tp3: s.tp3,
    swingHigh: s.swing_high,
    swingLow: s.swing_low,
    supportLevel: s.support_level,
    resistanceLevel: s.resistance_level,
    confluence: s.confluence ? s.confluence.split(',') : [],
    riskRewardRatio: s.risk_reward_ratio,
    confidenceScore: s.confidence_score,
    confidenceSample: s.confidence_sample,
    payload: { valid: s.valid, invalid_reasons: s.invalid_reasons, factors: r.factors, rsi: r.rsi, atr: r.atr },
  };
}

/** SPEC C's wire format of a stored signal. */
export function signalToWire(s: StoredSignal) {
  const payload = (s.payload ?? {}) as { valid?: boolean; invalid_reasons?: string[] };
  return {
    symbol: s.symbol,
    timeframe: s.timeframe,
    source: s.source,
    timestamp: s.time,
    time: new Date(s.time).toISOString(),
    market_score: s.marketScore,
    direction: s.direction,
    price: s.price,
    entry1: s.entry1,
    entry2: s.entry2,
    sl: s.sl,
    tp1: s.tp1,
    tp2: s.tp2,
    tp3: s.tp3,
    swing_high: s.swingHigh,
    swing_low: s.swingLow,
    support_level: s.supportLevel,
    resistance_level: s.resistanceLevel,
    confluence: s.confluence.join(','),
    risk_reward_ratio: s.riskRewardRatio,
    confidence_score: s.confidenceScore,
    confidence_sample: s.confidenceSample,
    valid: payload.valid ?? null,
    invalid_reasons: payload.invalid_reasons ?? [],
  };
}

/**
 * Everything derived from one closed candle, as the store keeps it. Every write is an
 * upsert keyed by (series, candle time), so redoing a candle after a crash rewrites the
 * same rows. Only valid trade plans become signals (an invalidated or unpriced leg is not
 * a signal); structure snapshots are kept for every candle.
 */
export function toCandleResult(key: SeriesKey, r: StructureResult): CandleResult {
  const signal = r.signal.direction === 'none' || !r.signal.valid ? null : toStoredSignal(key, r);
  return {
    key,
    time: r.signal.timestamp,
    snapshots: { swings: r.swings.slice(-20), sr_levels: r.levels, fib_levels: r.fib },
    signal,
  };
}
