import type { FibLevels, FibSideConfig, PullbackState, Swing } from '../signals/types.js';

export const RETRACEMENT_RATIOS = [0, 0.236, 0.382, 0.5, 0.618, 0.7, 0.72, 0.786, 0.9, 1] as const;
export const EXTENSION_RATIOS = [1.272, 1.414, 1.618, 2, 2.618] as const;

export interface FibInput {
  from: Swing;
  to: Swing;
  close: number;
  /** Extremes of closes and of highs/lows strictly after `to.index` up to the current bar. */
  worstClose: number;
  beyondExtreme: number;
  side: FibSideConfig;
  pullbackStart: number;
  /** Depth of the plan's stop: a close beyond it invalidates the leg (default: the side's Fibonacci stop). */
  invalidationDepth?: number;
}

/** Price at retracement `r` of the leg, measured back from the leg's end. */
export function retracementPrice(from: Swing, to: Swing, r: number): number {
  return to.price + (from.price - to.price) * r;
}

/** Price at extension `e` of the leg, measured from the leg's start (e = 1 is the leg's end). */
export function extensionPrice(from: Swing, to: Swing, e: number): number {
  return from.price + (to.price - from.price) * e;
}

/**
 * Retracement depth of the close (0 at the leg's end, 1 at its start) and the
 * pullback state, worst first:
 * - invalidated: some close since the leg's end went beyond the stop (`invalidAt`, the
 *   depth of the plan's structural stop; the Fibonacci stop ratio by default);
 * - extended: price traded beyond the leg's end (the move resumed; TP1 is spent);
 * - in-zone: depth >= entry1; approaching: depth >= approaching; started: depth >=
 *   pullbackStart; none otherwise.
 */
export function pullbackState(depth: number, worstDepth: number, extendedBeyond: boolean, side: FibSideConfig, pullbackStart: number, invalidAt = side.stop): PullbackState {
  if (worstDepth > invalidAt) return 'invalidated';
  if (extendedBeyond) return 'extended';
  if (depth >= side.entry1) return 'in-zone';
  if (depth >= side.approaching) return 'approaching';
  if (depth >= pullbackStart) return 'started';
  return 'none';
}

export function fibLevels(x: FibInput): FibLevels {
  const { from, to, side } = x;
  const span = to.price - from.price;
  const depth = span === 0 ? NaN : (to.price - x.close) / span;
  const worstDepth = span === 0 ? NaN : (to.price - x.worstClose) / span;
  const extended = span > 0 ? x.beyondExtreme > to.price : x.beyondExtreme < to.price;
  return {
    leg: span >= 0 ? 'up' : 'down',
    from,
    to,
    high: Math.max(from.price, to.price),
    low: Math.min(from.price, to.price),
    retracements: RETRACEMENT_RATIOS.map((ratio) => ({ ratio, price: retracementPrice(from, to, ratio) })),
    extensions: EXTENSION_RATIOS.map((ratio) => ({ ratio, price: extensionPrice(from, to, ratio) })),
    entry1: retracementPrice(from, to, side.entry1),
    entry2: retracementPrice(from, to, side.entry2),
    stop: retracementPrice(from, to, side.stop),
    approaching: retracementPrice(from, to, side.approaching),
    pullbackStart: retracementPrice(from, to, x.pullbackStart),
    depth,
    pullback: pullbackState(depth, worstDepth, extended, side, x.pullbackStart, x.invalidationDepth),
  };
}
