import type { Candles } from '../series.js';

/** A valid plan the first time it appears: same leg, direction and factor set count once. */
export interface Setup {
  index: number;
  direction: 'long' | 'short';
  mask: number;
  fromIndex: number;
  toIndex: number;
  entry1: number;
  sl: number;
  tp1: number;
}

export type OutcomeKind = 'win' | 'loss' | 'missed' | 'open';

export interface Outcome {
  kind: OutcomeKind;
  /** Bar at which the outcome became known; -1 while open. */
  at: number;
}

/**
 * What happened to a setup, looking only at bars (index, end). The plan is a limit order
 * at entry1: it fills when price trades to entry1; TP1 reached before that is a miss (no
 * trade, not counted). After the fill, the first of stop and TP1 decides. Daily bars do
 * not say which came first inside one bar, so a bar touching both, and a fill bar that
 * also touches the stop, count as a loss: the rate errs low, never high.
 */
export function resolveOutcome(c: Candles, s: Setup, end: number): Outcome {
  const { high, low } = c;
  let filled = false;
  if (s.direction === 'long') {
    for (let k = s.index + 1; k < end; k++) {
      if (!filled) {
        if (low[k]! <= s.entry1) {
          filled = true;
          if (low[k]! <= s.sl) return { kind: 'loss', at: k };
        } else if (high[k]! >= s.tp1) return { kind: 'missed', at: k };
        continue;
      }
      if (low[k]! <= s.sl) return { kind: 'loss', at: k };
      if (high[k]! >= s.tp1) return { kind: 'win', at: k };
    }
  } else {
    for (let k = s.index + 1; k < end; k++) {
      if (!filled) {
        if (high[k]! >= s.entry1) {
          filled = true;
          if (high[k]! >= s.sl) return { kind: 'loss', at: k };
        } else if (low[k]! <= s.tp1) return { kind: 'missed', at: k };
        continue;
      }
      if (high[k]! >= s.sl) return { kind: 'loss', at: k };
      if (low[k]! <= s.tp1) return { kind: 'win', at: k };
    }
  }
  return { kind: 'open', at: -1 };
}

export interface Confidence {
  /** wins / sample, or null when sample < minSample. */
  score: number | null;
  sample: number;
  wins: number;
}

/**
 * Calibrated confidence at bar `at`: among earlier setups with the same direction and
 * factor set whose outcome was known strictly before `at` (filled, then TP1 or stop),
 * the share that reached TP1. Only setups of the wanted kind are resolved, each by one
 * forward scan that stops at its outcome, so the cost is linear in practice.
 */
export function measureConfidence(c: Candles, setups: readonly Setup[], direction: 'long' | 'short', mask: number, at: number, minSample: number): Confidence {
  let wins = 0;
  let sample = 0;
  for (const s of setups) {
    if (s.index >= at || s.direction !== direction || s.mask !== mask) continue;
    const o = resolveOutcome(c, s, at);
    if (o.kind === 'win') wins++;
    else if (o.kind !== 'loss') continue;
    sample++;
  }
  return { score: sample >= minSample ? wins / sample : null, sample, wins };
}
