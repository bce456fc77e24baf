import { lookbackStart, STRUCTURE_LOOKBACK, structureAt } from '../../core/signals/lookback.js';
import { WindowSignals } from '../../core/signals/compute.js';
import type { KeptStructure, SignalOptions } from '../../core/signals/types.js';
import { type Candles, lowerBound, sliceCandles } from '../../core/series.js';
import { timeframeMs } from '../../core/timeframes.js';
import type { MarketEvent } from '../../core/types.js';
import type { Detector, KernelContext } from '../../kernel/ports.js';
import type { CandleResult, SeriesKey } from '../../infra/store/types.js';
import { SNAPSHOT_SWINGS, toCandleResult } from './persist.js';

export const RESULT_TOPIC = 'pipeline.result';

export interface StepOptions {
  /**
   * Candles of stored history read before each candle (raised to STRUCTURE_LOOKBACK):
   * what a computation sees is fixed by the shared lookback rule, not by this.
   */
  window: number;
  structure?: SignalOptions;
}

export const seriesId = (k: SeriesKey) => `${k.source}|${k.symbol}|${k.timeframe}`;

/**
 * The structure + signal step as a kernel detector: each closed candle in, one result out
 * (topic `pipeline.result`, payload a CandleResult). It does no I/O; the history it reads
 * is handed to it (`load`) from what the pipeline already read from the store, so a batch
 * of candles costs one read, not one per candle.
 */
export class SignalStep implements Detector {
  readonly name = 'signal-step';
  readonly wants = ['candle'] as const;
  private readonly history = new Map<string, Candles>();
  private readonly walks: PrefixWalks = new Map();

  constructor(private readonly opts: StepOptions) {}

  /** The stored candles of a series; must reach back `window` candles before the first event. */
  load(key: SeriesKey, candles: Candles): void {
    this.history.set(seriesId(key), candles);
  }

  forget(key: SeriesKey): void {
    this.history.delete(seriesId(key));
    this.walks.delete(seriesId(key));
  }

  onEvent(ev: MarketEvent, ctx: KernelContext): void {
    if (ev.type !== 'candle') return;
    const key: SeriesKey = { source: ev.source, symbol: ev.candle.symbol, timeframe: ev.candle.timeframe };
    const candles = this.history.get(seriesId(key));
    if (!candles) throw new Error(`no history loaded for ${seriesId(key)}`);
    const now = ctx.clock.now();
    assertClosed(ev, now);
    ctx.emit({ topic: RESULT_TOPIC, at: now, payload: computeCandle(key, candles, ev.candle.time, this.opts, this.walks) });
  }
}

/**
 * The no-look-ahead rule in one place: a candle is computed only once the clock has passed
 * its close, whatever fed it.
 */
export function assertClosed(ev: Extract<MarketEvent, { type: 'candle' }>, now: number): void {
  const c = ev.candle;
  if (c.time + timeframeMs(c.timeframe) > now) {
    throw new Error(`look-ahead: candle ${new Date(c.time).toISOString()} of ${c.symbol} ${c.timeframe} has not closed at ${new Date(now).toISOString()}`);
  }
}

/** Stored candles to read before a candle: never fewer than the lookback rule needs. */
export function historyNeeded(window: number): number {
  return Math.max(window, STRUCTURE_LOOKBACK);
}

/**
 * Per series id, what windows of one history share (WindowSignals): its swings, config and
 * buffers, and while the lookback window still starts at the history's first candle, the
 * walk of the previous window, continued rather than redone (same results).
 */
export type PrefixWalks = Map<string, WindowSignals>;

/**
 * The result of the candle that opened at `time`, from the lookback window ending with it
 * (never later candles). Indexes in the result count from the window's first candle.
 * With `walks`, windows of the same history object share their swings and the prefix walk.
 */
export function computeCandle(key: SeriesKey, history: Candles, time: number, opts: StepOptions, walks?: PrefixWalks): CandleResult {
  return toCandleResult(key, computeStructure(key, history, time, opts, walks));
}

/** What the store keeps of computeCandle's structure, before it is put in the store's shape. */
export function computeStructure(key: SeriesKey, history: Candles, time: number, opts: StepOptions, walks?: PrefixWalks): KeptStructure {
  const end = lowerBound(history.time, time + 1);
  const start = lookbackStart(end - 1);
  if (end === 0 || history.time[end - 1] !== time) throw new Error(`candle ${new Date(time).toISOString()} of ${key.symbol} ${key.timeframe} is not in the store`);
  if (!walks) return structureAt(sliceCandles(history, start, end), { ...opts.structure, symbol: key.symbol, timeframe: key.timeframe });
  const id = seriesId(key);
  let w = walks.get(id);
  if (!w || w.series !== history) {
    w = new WindowSignals(history, { ...opts.structure, symbol: key.symbol, timeframe: key.timeframe });
    walks.set(id, w);
  }
  return w.kept(start, end - 1, SNAPSHOT_SWINGS);
}
