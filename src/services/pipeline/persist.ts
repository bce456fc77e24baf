import type { StructureResult } from '../../core/signals/types.js';
import type { SeriesKey, SignalRecord as StoredSignal, Store } from '../../infra/store/types.js';

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
 * Writes everything derived from one closed candle. Every write is an upsert keyed by
 * (series, candle time), so redoing a candle after a crash rewrites the same rows.
 * Only valid trade plans become signals (an invalidated or unpriced leg is not a signal);
 * structure snapshots are kept for every candle.
 */
export async function persistResult(store: Store, key: SeriesKey, r: StructureResult): Promise<StoredSignal | null> {
  const time = r.signal.timestamp;
  const lastSwings = r.swings.slice(-20);
  await store.putSnapshot('swings', key, time, lastSwings);
  await store.putSnapshot('sr_levels', key, time, r.levels);
  await store.putSnapshot('fib_levels', key, time, r.fib);
  if (r.signal.direction === 'none' || !r.signal.valid) return null;
  const stored = toStoredSignal(key, r);
  await store.upsertSignal(stored);
  return stored;
}
