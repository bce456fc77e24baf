import type { CandleClosed, MarketEvent, MarketEventType } from '../core/types.js';
import type { Clock } from './clock.js';

/**
 * What a detector or strategy may touch: the clock (standing at the event's time) and an
 * output channel. Nothing else — no store, no network — so the same code runs live, on a
 * replay at full speed and inside a backtest, and its outputs depend on past events only.
 */
export interface KernelContext {
  readonly clock: Clock;
  emit(output: KernelOutput): void;
}

/** Something a detector or strategy concluded: an anomaly event, a signal, an order intent. */
export interface KernelOutput {
  /** Topic, e.g. `tracker.event`, `signal`, `order`. */
  topic: string;
  /** When it was concluded (the clock's time). */
  at: number;
  payload: unknown;
}

/** Incremental: state lives inside; each call sees one more event, in time order. */
export interface Detector {
  readonly name: string;
  /** Event types it needs; the loop skips the others (absent = all). */
  readonly wants?: readonly MarketEventType[];
  onEvent(ev: MarketEvent, ctx: KernelContext): void;
}

/** A trading strategy: sees closed candles (and, if it wants, raw events) and emits order intents. */
export interface Strategy {
  readonly name: string;
  onCandle(candle: CandleClosed, ctx: KernelContext): void;
  onEvent?(ev: MarketEvent, ctx: KernelContext): void;
}
