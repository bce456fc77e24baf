import { extensionPrice, retracementPrice } from '../structure/fibonacci.js';
import { significant as fmt } from '../numbers.js';
import type { FibSideConfig, OrderBlock, PullbackState, StopAnchor, StructureConfig, Swing, TargetSource } from './types.js';

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
  stopAnchor: StopAnchor;
  /** Price of the structure the stop sits beyond (before the ATR buffer). */
  stopStructure: number;
  targetSources: [TargetSource, TargetSource, TargetSource];
}

/** What the plan is placed against: the structure as known at the bar. */
export interface PlanContext {
  /** Active S/R level prices with their zones. */
  levels: readonly { price: number; zoneLow: number; zoneHigh: number }[];
  /** Order blocks not broken yet. */
  blocks: readonly OrderBlock[];
  /** The order block the entries sit on (the OB factor's block), if any. */
  entryBlock: OrderBlock | null;
  /** ATR(14) at the leg's confirmation (mean range during ATR's warm-up). */
  atr: number;
}

/**
 * The pullback plan on the last swing leg: an up-leg (low -> high) is bought on its
 * retracement, a down-leg sold on its bounce. Long shown; shorts mirror it.
 * - Entries: SPEC C's Fibonacci retracements of the leg (entry1 0.70, entry2 0.72).
 * - Stop: beyond the structure that invalidates the trade, plus a buffer of
 *   `stopAtrBuffer` x ATR: below the low of the bullish order block the entries sit on
 *   when there is one below entry2, else below the leg's start (the swing low whose loss
 *   breaks the higher-low structure).
 * - Targets: the next opposing structure above entry1, nearest first: active S/R levels
 *   whose zone lies wholly above entry1 (at the level price), unbroken bearish order
 *   blocks (at their low, where supply starts) and the leg's end swing. A candidate within
 *   `levelTolAtr` x ATR of the previous target adds nothing and is skipped. When fewer
 *   than three remain, Fibonacci extensions of the leg (`tp2Extension`, `tp3Extension`,
 *   2.618) beyond the last target fill in.
 * - R:R = |TP1 - entry1| / |entry1 - stop|, so an obstacle just above the entry or a stop
 *   far below it fails the minRiskReward gate.
 */
export function tradePlan(from: Swing, to: Swing, cfg: StructureConfig, ctx: PlanContext): TradePlan {
  const up = to.price >= from.price;
  const side: FibSideConfig = up ? cfg.fibLong : cfg.fibShort;
  const sign = up ? 1 : -1;
  const entry1 = retracementPrice(from, to, side.entry1);
  const entry2 = retracementPrice(from, to, side.entry2);
  const buffer = cfg.stopAtrBuffer * ctx.atr;

  const b = ctx.entryBlock;
  const blockEdge = b ? (up ? b.low : b.high) : NaN;
  const onBlock = b !== null && sign * (entry2 - blockEdge) > 0;
  const stopStructure = onBlock ? blockEdge : from.price;
  const sl = stopStructure - sign * buffer;

  const gap = cfg.levelTolAtr * ctx.atr;
  const prices: number[] = [];
  const sources: TargetSource[] = [];
  // Every target lies beyond entry1 (the first by the rule, the next ones beyond the previous
  // target by at least a non-negative gap), so one pass keeps the candidates beyond entry1,
  // in the order the scans below visit them (levels, then blocks; the swing last); each of
  // the three scans then visits that short list, not every level and block.
  const narrow = gap >= 0;
  reserve(ctx.levels.length + ctx.blocks.length);
  let n = 0;
  for (const l of ctx.levels) {
    if (!(up ? l.zoneLow > entry1 : l.zoneHigh < entry1)) continue;
    if (narrow && !(sign * (l.price - entry1) > 0)) continue;
    candPrice[n] = l.price;
    candBlock[n++] = 0;
  }
  for (const o of ctx.blocks) {
    if ((o.kind === 'bearish') !== up) continue;
    const p = up ? o.low : o.high;
    if (narrow && !(sign * (p - entry1) > 0)) continue;
    candPrice[n] = p;
    candBlock[n++] = 1;
  }
  // Three scans for the nearest candidate beyond the previous target (beyond entry1 for the
  // first): no sort, no closure, since the walk asks at every new leg and structure change.
  for (let k = 0; k < 3; k++) {
    const after = k === 0 ? entry1 : prices[k - 1]!;
    const min = k === 0 ? 0 : gap;
    let best = NaN;
    let source: TargetSource = 'swing';
    for (let j = 0; j < n; j++) {
      const p = candPrice[j]!;
      if (sign * (p - after) > min && !(sign * (p - best) >= 0)) {
        best = p;
        source = candBlock[j] === 1 ? 'order-block' : 'level';
      }
    }
    if (sign * (to.price - after) > min && !(sign * (to.price - best) >= 0)) {
      best = to.price;
      source = 'swing';
    }
    if (Number.isNaN(best)) break;
    prices.push(best);
    sources.push(source);
  }
  if (prices.length < 3) addExtension(prices, sources, extensionPrice(from, to, cfg.tp2Extension), sign, gap);
  if (prices.length < 3) addExtension(prices, sources, extensionPrice(from, to, cfg.tp3Extension), sign, gap);
  if (prices.length < 3) addExtension(prices, sources, extensionPrice(from, to, 2.618), sign, gap);
  // Extensions of a tiny leg can all sit inside one gap: step on by whole legs then.
  while (prices.length < 3) {
    prices.push(prices[prices.length - 1]! + sign * Math.max(gap, Math.abs(to.price - from.price)));
    sources.push('extension');
  }
  const [tp1, tp2, tp3] = prices as [number, number, number];
  return {
    direction: up ? 'long' : 'short',
    entry1,
    entry2,
    sl,
    tp1,
    tp2,
    tp3,
    riskReward: Math.abs(tp1 - entry1) / Math.abs(entry1 - sl),
    stopAnchor: onBlock ? 'order-block' : 'swing',
    stopStructure,
    targetSources: sources as [TargetSource, TargetSource, TargetSource],
  };
}

/** Scratch of tradePlan's target scans (grown on demand): candidate prices, and 1 where the candidate is an order block. */
let candPrice = new Float64Array(64);
let candBlock = new Uint8Array(64);

function reserve(n: number): void {
  if (n <= candPrice.length) return;
  candPrice = new Float64Array(2 * n);
  candBlock = new Uint8Array(2 * n);
}

function addExtension(prices: number[], sources: TargetSource[], p: number, sign: number, gap: number): void {
  if (sign * (p - prices[prices.length - 1]!) > gap) {
    prices.push(p);
    sources.push('extension');
  }
}

/** Retracement depth of the plan's stop (0 at the leg's end, 1 at its start; beyond 1 past the start). */
export function stopDepth(from: Swing, to: Swing, sl: number): number {
  return (to.price - sl) / (to.price - from.price);
}

/**
 * Why the plan cannot be taken at this bar; empty when valid. With `explain` false only
 * the count matters: the per-bar walk calls this on every bar, so it builds no strings
 * and no closures there.
 */
export function planProblems(p: TradePlan, pullback: PullbackState, depth: number, legEnd: number, cfg: StructureConfig, explain: boolean): string[] {
  const out: string[] = [];
  const long = p.direction === 'long';
  if (!pricesOrdered(p)) {
    out.push(!explain ? '' : long
      ? `prices out of order: need sl < entry2 <= entry1 < tp1 < tp2 < tp3, got ${[p.sl, p.entry2, p.entry1, p.tp1, p.tp2, p.tp3].map(fmt).join(', ')}`
      : `prices out of order: need tp3 < tp2 < tp1 < entry1 <= entry2 < sl, got ${[p.tp3, p.tp2, p.tp1, p.entry1, p.entry2, p.sl].map(fmt).join(', ')}`);
  }
  if (pullback === 'invalidated') out.push(explain ? `a close went beyond the stop ${fmt(p.sl)} after the swing: the leg is invalidated` : '');
  else if (pullback === 'extended') out.push(explain ? `price went beyond the leg's end ${fmt(legEnd)} before a pullback entry: the move resumed, wait for the next swing` : '');
  else if (pullback === 'none') out.push(explain ? `no pullback yet: retraced ${fmt(depth)} of the leg, pullback starts at ${cfg.pullbackStart}` : '');
  if (!(p.riskReward >= cfg.minRiskReward)) out.push(explain ? `risk-reward ${fmt(p.riskReward)} below the minimum ${cfg.minRiskReward}: ${p.targetSources[0] === 'swing' ? 'the leg\'s end' : `the ${p.targetSources[0]}`} at ${fmt(p.tp1)} is too close for a stop at ${fmt(p.sl)}` : '');
  return out;
}

/** Stop, entries and targets in trading order (the first of planProblems' checks). */
export function pricesOrdered(p: TradePlan): boolean {
  return p.direction === 'long'
    ? p.sl < p.entry2 && p.entry2 <= p.entry1 && p.entry1 < p.tp1 && p.tp1 < p.tp2 && p.tp2 < p.tp3
    : p.tp3 < p.tp2 && p.tp2 < p.tp1 && p.tp1 < p.entry1 && p.entry1 <= p.entry2 && p.entry2 < p.sl;
}

/**
 * The plan has none of the problems that do not depend on the bar (prices out of order, R:R
 * below the minimum): planProblems is empty at a bar exactly when this holds and the
 * pullback state there is started, approaching or in-zone.
 */
export function planSound(p: TradePlan, cfg: StructureConfig): boolean {
  return pricesOrdered(p) && p.riskReward >= cfg.minRiskReward;
}
