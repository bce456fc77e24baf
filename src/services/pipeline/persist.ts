import type { FibLevels, FibPoint, KeptStructure, Level, Swing } from '../../core/signals/types.js';
import type { CandleResult, SeriesKey, StoredSignal } from '../../infra/store/types.js';

/** Swings kept in each swing snapshot: the latest ones. */
export const SNAPSHOT_SWINGS = 20;

/** Core's signal as the store keeps it: the series key plus the detail behind the score (a valid signal's result always has its factors). */
export function toStoredSignal(key: SeriesKey, r: KeptStructure): StoredSignal {
  return { ...r.signal, ...key, payload: { factors: r.factors ?? [], rsi: r.rsi, atr: r.atr } };
}

/** The signal of a result as the store keeps it, or null: only valid trade plans are signals. */
export function signalOf(key: SeriesKey, r: KeptStructure): StoredSignal | null {
  return r.signal.direction === 'neutral' || !r.signal.valid ? null : toStoredSignal(key, r);
}

/**
 * Everything derived from one closed candle, as the store keeps it. Every write is an
 * upsert keyed by (series, candle time), so redoing a candle after a crash rewrites the
 * same rows. Only valid trade plans become signals (an invalidated or unpriced leg is not
 * a signal); structure snapshots are kept for every candle.
 */
export function toCandleResult(key: SeriesKey, r: KeptStructure): CandleResult {
  const signal = signalOf(key, r);
  return {
    key,
    time: r.signal.time,
    snapshots: { swings: r.swings.slice(-SNAPSHOT_SWINGS), sr_levels: r.levels, fib_levels: r.fib },
    signal,
  };
}

/**
 * toCandleResult with its snapshots already as JSON text: the text JSON.stringify writes for
 * each snapshot, byte for byte, written field by field from the known shapes, about a
 * quarter cheaper than the generic walk of JSON.stringify (the snapshots are ~8 kB of text
 * per candle). The compute threads write the same text straight into bytes instead
 * (snapshot-bytes.ts). A field added to Swing, Level or FibLevels must be added here and
 * there: the test compares both with JSON.stringify on real series.
 */
export function toEncodedCandleResult(key: SeriesKey, r: KeptStructure): CandleResult {
  const out = toCandleResult(key, r);
  out.snapshotJson = { swings: swingsJson(r.swings, Math.max(0, r.swings.length - SNAPSHOT_SWINGS)), sr_levels: levelsJson(r.levels), fib_levels: fibJson(r.fib) };
  out.snapshots = {};
  return out;
}

/** A number as JSON writes it (non-finite as null). */
const num = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');

/**
 * The text after a swing's indexes, by price: a swing stays among a series' last ones for
 * hundreds of candles (its indexes move with each window, its time, price and kind do not),
 * so its two doubles are formatted once, not at every candle. Checked against time and kind.
 */
const swingTails = new Map<number, { time: number; kind: string; text: string }>();

function swingTail(s: Swing): string {
  const hit = swingTails.get(s.price);
  if (hit !== undefined && hit.time === s.time && hit.kind === s.kind) return hit.text;
  const text = `,"time":${num(s.time)},"price":${num(s.price)},"kind":"${s.kind}"}`;
  if (swingTails.size >= 4096) swingTails.clear();
  swingTails.set(s.price, { time: s.time, kind: s.kind, text });
  return text;
}

function swingJson(s: Swing): string {
  return `{"index":${num(s.index)},"confirmedAt":${num(s.confirmedAt)}${swingTail(s)}`;
}

export function swingsJson(swings: readonly Swing[], from = 0): string {
  let o = '[';
  for (let i = from; i < swings.length; i++) o += (i > from ? ',' : '') + swingJson(swings[i]!);
  return `${o}]`;
}

/**
 * A level's price as text: a level's price is the mean of its touches, the same double in
 * every window that holds those touches (a replay writes ~200k level rows with ~2k distinct
 * prices), so each is formatted once. Its zone and indexes vary with the window: not kept.
 */
const levelPrices = new Map<number, string>();

function levelPrice(price: number): string {
  let text = levelPrices.get(price);
  if (text === undefined) {
    text = num(price);
    if (levelPrices.size >= 4096) levelPrices.clear();
    levelPrices.set(price, text);
  }
  return text;
}

export function levelsJson(levels: readonly Level[]): string {
  let o = '[';
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    o += `${i > 0 ? ',' : ''}{"price":${levelPrice(l.price)},"zoneLow":${num(l.zoneLow)},"zoneHigh":${num(l.zoneHigh)},"touches":${num(l.touches)},"firstTouch":${num(l.firstTouch)},"lastTouch":${num(l.lastTouch)},"strength":${num(l.strength)},"state":"${l.state}","flipped":${l.flipped},"role":"${l.role}"}`;
  }
  return `${o}]`;
}

/**
 * Fibonacci points as text, by their first price: the points follow from the leg's two
 * swings and fixed ratios, so consecutive candles on one leg repeat them exactly. A hit is
 * used only when every ratio and price is the same number.
 */
const pointTexts = new Map<number, { points: FibPoint[]; text: string }>();

function pointsJson(points: readonly FibPoint[]): string {
  if (points.length === 0) return '[]';
  const hit = pointTexts.get(points[0]!.price);
  if (hit !== undefined && samePoints(hit.points, points)) return hit.text;
  const text = formatPoints(points);
  if (pointTexts.size >= 4096) pointTexts.clear();
  pointTexts.set(points[0]!.price, { points: points.map((p) => ({ ratio: p.ratio, price: p.price })), text });
  return text;
}

function samePoints(a: readonly FibPoint[], b: readonly FibPoint[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.ratio !== b[i]!.ratio || a[i]!.price !== b[i]!.price) return false;
  return true;
}

function formatPoints(points: readonly FibPoint[]): string {
  let o = '[';
  for (let i = 0; i < points.length; i++) o += `${i > 0 ? ',' : ''}{"ratio":${num(points[i]!.ratio)},"price":${num(points[i]!.price)}}`;
  return `${o}]`;
}

export function fibJson(f: FibLevels | null): string {
  if (f === null) return 'null';
  return `{"leg":"${f.leg}","from":${swingJson(f.from)},"to":${swingJson(f.to)},"high":${num(f.high)},"low":${num(f.low)},"retracements":${pointsJson(f.retracements)},"extensions":${pointsJson(f.extensions)},"entry1":${num(f.entry1)},"entry2":${num(f.entry2)},"stop":${num(f.stop)},"approaching":${num(f.approaching)},"pullbackStart":${num(f.pullbackStart)},"depth":${num(f.depth)},"pullback":"${f.pullback}"}`;
}
