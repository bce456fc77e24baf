/**
 * SPEC E's divergence rule and how it combines with the technical signal. Pure: the
 * service measures the inputs, the backtest replays the same functions over history.
 */
export type Action = 'BUY' | 'SELL' | 'HOLD';
export type TechnicalDirection = 'long' | 'short' | 'neutral';

export interface Divergence {
  view: 'bullish' | 'bearish' | 'neutral';
  /** whale score − retail score, each −100…+100; null when either is missing. */
  points: number | null;
  /** SPEC E: a divergence of more than 50 points is a strong one. */
  high: boolean;
}

export const HIGH_DIVERGENCE_POINTS = 50;

/** Fear & Greed (0 extreme fear … 100 extreme greed) on the whale score's −100…+100 scale. */
export function retailScore(fearGreed: number): number {
  return (fearGreed - 50) * 2;
}

/**
 * Whales accumulating while the crowd is fearful → bullish; whales distributing while the
 * crowd is greedy → bearish; both on the same side is no divergence.
 */
export function divergence(whale: number | null, fearGreed: number | null): Divergence {
  if (whale === null || fearGreed === null) return { view: 'neutral', points: null, high: false };
  const retail = retailScore(fearGreed);
  const points = whale - retail;
  const view = whale > 0 && retail < 0 ? 'bullish' : whale < 0 && retail > 0 ? 'bearish' : 'neutral';
  return { view, points, high: view !== 'neutral' && Math.abs(points) > HIGH_DIVERGENCE_POINTS };
}

/**
 * Votes: the divergence counts 1 (2 when high), the technical direction 1. BUY/SELL need
 * 2 votes net: a high divergence alone, or a divergence the technical signal agrees with.
 * A technical signal alone is a HOLD here: it has its own command (`sextant signal`).
 */
export function decide(div: Divergence, technical: TechnicalDirection | null): { action: Action; votes: number } {
  const d = div.view === 'bullish' ? 1 : div.view === 'bearish' ? -1 : 0;
  const t = technical === 'long' ? 1 : technical === 'short' ? -1 : 0;
  const votes = d * (div.high ? 2 : 1) + t;
  return { action: votes >= 2 ? 'BUY' : votes <= -2 ? 'SELL' : 'HOLD', votes };
}

/** Hours the thesis is meant to hold: six bars of the timeframe, within SPEC E's 2–48 h. */
export function horizonHours(timeframeMs: number): number {
  return Math.max(2, Math.min(48, Math.round((6 * timeframeMs) / 3_600_000)));
}

export type Sizing = 'conservative' | 'moderate' | 'aggressive';

/**
 * Size follows what is known: aggressive only for a high divergence whose measured hit
 * rate is ≥ 60 % on ≥ 100 past signals with every part present; moderate for ≥ 55 % on
 * ≥ 30; conservative otherwise (no confidence, a small sample, or a missing part).
 */
export function sizing(action: Action, confidence: { rate: number; sample: number } | null, high: boolean, missingParts: number): Sizing {
  if (action === 'HOLD' || !confidence) return 'conservative';
  if (high && missingParts === 0 && confidence.rate >= 0.6 && confidence.sample >= 100) return 'aggressive';
  if (confidence.rate >= 0.55 && confidence.sample >= 30) return 'moderate';
  return 'conservative';
}
