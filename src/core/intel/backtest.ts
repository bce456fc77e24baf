import { type Action, type TechnicalDirection, decide, divergence } from './coordinator.js';

/** One bar's inputs as known at its close. */
export interface RuleBar {
  time: number;
  close: number;
  whale: number | null;
  fearGreed: number | null;
  technical: TechnicalDirection | null;
}

export interface RuleTally { signals: number; hits: number; rate: number | null }

export interface RuleBacktest {
  horizonBars: number;
  bars: number;
  BUY: RuleTally;
  SELL: RuleTally;
  /** Signals of a high divergence only (a subset of BUY + SELL). */
  high: RuleTally;
  from: number | null;
  to: number | null;
}

function tally(signals: number, hits: number): RuleTally {
  return { signals, hits, rate: signals ? hits / signals : null };
}

/**
 * The coordinator's rule replayed over history: each BUY/SELL is a hit when the close
 * `horizonBars` later moved its way. Signals are counted without overlap (the next one
 * at least a horizon after the last counted), so one long episode is not counted many
 * times. Bars whose outcome is not known yet are left out: no look-ahead.
 */
export function backtestRule(bars: readonly RuleBar[], horizonBars: number): RuleBacktest {
  const h = Math.max(1, horizonBars);
  let buy = 0, buyHit = 0, sell = 0, sellHit = 0, high = 0, highHit = 0;
  let nextFree = 0;
  let from: number | null = null;
  let to: number | null = null;
  for (let i = 0; i + h < bars.length; i++) {
    const b = bars[i]!;
    const div = divergence(b.whale, b.fearGreed);
    const { action } = decide(div, b.technical);
    if (action === 'HOLD' || i < nextFree) continue;
    const later = bars[i + h]!.close;
    const hit = action === 'BUY' ? later > b.close : later < b.close;
    if (action === 'BUY') {
      buy++;
      if (hit) buyHit++;
    } else {
      sell++;
      if (hit) sellHit++;
    }
    if (div.high) {
      high++;
      if (hit) highHit++;
    }
    from ??= b.time;
    to = b.time;
    nextFree = i + h;
  }
  return { horizonBars: h, bars: bars.length, BUY: tally(buy, buyHit), SELL: tally(sell, sellHit), high: tally(high, highHit), from, to };
}

/** The measured rate for an action, or null below the minimum sample. */
export function confidenceFor(bt: RuleBacktest, action: Action, minSample: number): { rate: number; sample: number } | null {
  if (action === 'HOLD') return null;
  const t = bt[action];
  return t.signals >= minSample && t.rate !== null ? { rate: t.rate, sample: t.signals } : null;
}
