import { type Candles, candleCount, sliceCandles } from '../series.js';
import { computeSignal } from './compute.js';
import type { SignalOptions, StructureResult } from './types.js';

/**
 * One bar, one answer: the structure (swings, levels, order blocks, plan, confidence) at
 * bar i is computed from the last STRUCTURE_LOOKBACK candles ending with bar i, or from all
 * candles up to i when fewer exist. Every command (signal, analyze, levels, the pipeline,
 * the trade-plan backtest) goes through `structureAt`, so two of them asked about the same
 * bar of the same series give the same levels whatever history each happened to load.
 *
 * Why 500, one number for every timeframe: it is the window the pipeline always used, it
 * holds ~16 months of daily bars (levels a daily chart reader still draws), every bundled
 * weekly series whole and ~3 weeks of hourly bars, and it bounds the cost the pipeline
 * pays per closed candle. A count of bars, not a span of time, so a level's age in bars
 * means the same on every timeframe.
 */
export const STRUCTURE_LOOKBACK = 500;

/** First index of the candles that describe bar `at`. */
export function lookbackStart(at: number): number {
  return Math.max(0, at - STRUCTURE_LOOKBACK + 1);
}

/**
 * computeSignal on the lookback window ending at `opts.at` (default: the last bar), with
 * every candle index in the result given in the caller's series (so `--at 1500` still
 * reports swing indexes around 1500).
 */
export function structureAt(candles: Candles, opts: SignalOptions = {}): StructureResult {
  const total = candleCount(candles);
  if (total === 0) throw new RangeError('structureAt: no candles');
  const at = opts.at ?? total - 1;
  if (!Number.isInteger(at) || at < 0 || at >= total) throw new RangeError(`structureAt: at must be an integer in [0, ${total - 1}], got ${at}`);
  const start = lookbackStart(at);
  const window = start === 0 && at === total - 1 ? candles : sliceCandles(candles, start, at + 1);
  const r = computeSignal(window, { ...opts, at: at - start });
  return start === 0 ? r : shiftIndexes(r, start);
}

/** The result with every candle index moved by `by` (to re-base it on another slice of the series). */
export function shiftIndexes(r: StructureResult, by: number): StructureResult {
  const swing = <T extends { index: number; confirmedAt: number }>(s: T): T => ({ ...s, index: s.index + by, confirmedAt: s.confirmedAt + by });
  const opt = (v: number | null) => (v === null ? null : v + by);
  return {
    ...r,
    at: r.at + by,
    swings: r.swings.map(swing),
    levels: r.levels.map((l) => ({ ...l, firstTouch: l.firstTouch + by, lastTouch: l.lastTouch + by })),
    orderBlocks: r.orderBlocks.map((b) => ({
      ...b, index: b.index + by, formedAt: b.formedAt + by, brokenSwing: b.brokenSwing + by, mitigatedAt: opt(b.mitigatedAt), brokenAt: opt(b.brokenAt),
    })),
    fib: r.fib && { ...r.fib, from: swing(r.fib.from), to: swing(r.fib.to) },
  };
}
