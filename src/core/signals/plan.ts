import { extensionPrice, retracementPrice } from '../structure/fibonacci.js';
import { significant as fmt } from '../numbers.js';
import type { FibSideConfig, PullbackState, StructureConfig, Swing } from './types.js';

export interface TradePlan {
  direction: 'long' | 'short';
  entry1: number;
  entry2: number;
  sl: number;
  tp1: number;
  tp2: number;
  tp3: number;
  /** Reward to TP1 over risk to the stop, both from entry1. */
  riskReward: number;
}

/**
 * The pullback plan on the last swing leg: an up-leg (low -> high) is bought on its
 * retracement, a down-leg sold on its bounce. Entries and stop are retracements of the
 * leg (SPEC C ratios); TP1 is the leg's end (a retest of the swing), TP2 and TP3 are
 * extensions of the leg.
 */
export function tradePlan(from: Swing, to: Swing, cfg: StructureConfig): TradePlan {
  const up = to.price >= from.price;
  const side: FibSideConfig = up ? cfg.fibLong : cfg.fibShort;
  const entry1 = retracementPrice(from, to, side.entry1);
  const sl = retracementPrice(from, to, side.stop);
  const tp1 = to.price;
  return {
    direction: up ? 'long' : 'short',
    entry1,
    entry2: retracementPrice(from, to, side.entry2),
    sl,
    tp1,
    tp2: extensionPrice(from, to, cfg.tp2Extension),
    tp3: extensionPrice(from, to, cfg.tp3Extension),
    riskReward: Math.abs(tp1 - entry1) / Math.abs(entry1 - sl),
  };
}

/**
 * Why the plan cannot be taken at this bar; empty when valid. With `explain` false only
 * the count matters: the per-bar walk calls this on every bar, so it builds no strings
 * and no closures there.
 */
export function planProblems(p: TradePlan, pullback: PullbackState, depth: number, cfg: StructureConfig, explain: boolean): string[] {
  const out: string[] = [];
  const long = p.direction === 'long';
  const ordered = long
    ? p.sl < p.entry2 && p.entry2 <= p.entry1 && p.entry1 < p.tp1 && p.tp1 < p.tp2 && p.tp2 < p.tp3
    : p.tp3 < p.tp2 && p.tp2 < p.tp1 && p.tp1 < p.entry1 && p.entry1 <= p.entry2 && p.entry2 < p.sl;
  if (!ordered) {
    out.push(!explain ? '' : long
      ? `prices out of order: need sl < entry2 <= entry1 < tp1 < tp2 < tp3, got ${[p.sl, p.entry2, p.entry1, p.tp1, p.tp2, p.tp3].map(fmt).join(', ')}`
      : `prices out of order: need tp3 < tp2 < tp1 < entry1 <= entry2 < sl, got ${[p.tp3, p.tp2, p.tp1, p.entry1, p.entry2, p.sl].map(fmt).join(', ')}`);
  }
  if (pullback === 'invalidated') out.push(explain ? `a close went beyond the stop ${fmt(p.sl)} after the swing: the leg is invalidated` : '');
  else if (pullback === 'extended') out.push(explain ? `price went beyond the leg's end ${fmt(p.tp1)}: TP1 already reached, wait for the next swing` : '');
  else if (pullback === 'none') out.push(explain ? `no pullback yet: retraced ${fmt(depth)} of the leg, pullback starts at ${cfg.pullbackStart}` : '');
  if (!(p.riskReward >= cfg.minRiskReward)) out.push(explain ? `risk-reward ${fmt(p.riskReward)} below the minimum ${cfg.minRiskReward}` : '');
  return out;
}
