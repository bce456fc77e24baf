import { computeSignal } from '../../core/signals/compute.js';
import type { SignalOptions } from '../../core/signals/types.js';
import { type Candles, candleCount, lowerBound, sliceCandles } from '../../core/series.js';
import type { SeriesKey, SignalRecord, Store } from '../../infra/store/types.js';
import type { SignalBus } from './bus.js';
import { persistResult } from './persist.js';

export interface ProcessOptions {
  /** Candles of history each computation sees (a trailing window, the same live and in replay). */
  window: number;
  structure?: SignalOptions;
  bus?: SignalBus;
}

export type ProcessOutcome = 'processed' | 'skipped';

/**
 * Runs the structure + signal step for the closed candle at `time` of one series.
 * Order matters for crash safety: results are written (idempotent upserts) before the
 * candle is marked processed, so a crash at any point redoes the candle at most once and
 * never loses it; the mark's first writer alone publishes, so sockets see no duplicates.
 */
export async function processCandle(store: Store, key: SeriesKey, time: number, opts: ProcessOptions, preloaded?: Candles): Promise<{ outcome: ProcessOutcome; signal: SignalRecord | null }> {
  if (await store.isProcessed(key.source, key.symbol, key.timeframe, time)) return { outcome: 'skipped', signal: null };
  const candles = preloaded ? windowEndingAt(preloaded, time, opts.window) : await store.getCandles(key.source, key.symbol, key.timeframe, { until: time, limit: opts.window });
  const n = candleCount(candles);
  if (n === 0 || candles.time[n - 1] !== time) throw new Error(`candle ${new Date(time).toISOString()} of ${key.symbol} ${key.timeframe} is not in the store`);
  const result = computeSignal(candles, { ...opts.structure, symbol: key.symbol, timeframe: key.timeframe });
  const signal = await persistResult(store, key, result);
  const first = await store.markProcessed(key.source, key.symbol, key.timeframe, time);
  if (first && signal && opts.bus) await opts.bus.publish(signal);
  return { outcome: 'processed', signal: first ? signal : null };
}

function windowEndingAt(c: Candles, time: number, window: number): Candles {
  const end = lowerBound(c.time, time + 1);
  return sliceCandles(c, Math.max(0, end - window), end);
}
