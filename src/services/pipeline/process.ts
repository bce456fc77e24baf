import type { SeriesKey, StoredSignal, Store } from '../../infra/store/types.js';
import type { SignalBus } from './bus.js';
import { computeCandle, historyNeeded, type StepOptions } from './step.js';

export interface ProcessOptions extends StepOptions {
  bus?: SignalBus;
}

export type ProcessOutcome = 'processed' | 'skipped';

/**
 * One candle on its own, as a queue worker gets it: read its window, compute, commit the
 * results and the claim in one transaction (three round trips in all). A crash before the
 * commit redoes the candle; the claim's first writer alone publishes, so sockets see no
 * duplicates when two workers race for the same candle.
 */
export async function processCandle(store: Store, key: SeriesKey, time: number, opts: ProcessOptions): Promise<{ outcome: ProcessOutcome; signal: StoredSignal | null }> {
  if (await store.isProcessed(key.source, key.symbol, key.timeframe, time)) return { outcome: 'skipped', signal: null };
  const candles = await store.getCandles(key.source, key.symbol, key.timeframe, { until: time, limit: historyNeeded(opts.window) });
  const result = computeCandle(key, candles, time, opts);
  const [first] = await store.commitResults([result]);
  if (first && result.signal && opts.bus) await opts.bus.publish(result.signal);
  return { outcome: 'processed', signal: first ? result.signal : null };
}
