import type { FibLevels, FibPoint, KeptStructure, Level, Swing } from '../../core/signals/types.js';
import type { CandleResult, SeriesKey, StoredSignal } from '../../infra/store/types.js';

/** Swings kept in each swing snapshot: the latest ones. */
export const SNAPSHOT_SWINGS = 20;

/** Core's signal as the store keeps it: the series key plus the detail behind the score (a valid signal's result always has its factors). */
export function toStoredSignal(key: SeriesKey, r: KeptStructure): StoredSignal {
  return { ...r.signal, ...key, payload: { factors: r.factors ?? [], rsi: r.rsi, atr: r.atr } };
}

/**
 * Everything derived from one closed candle, as the store keeps it. Every write is an
 * upsert keyed by (series, candle time), so redoing a candle after a crash rewrites the
 * same rows. Only valid trade plans become signals (an invalidated or unpriced leg is not
 * a signal); structure snapshots are kept for every candle.
 */
export function toCandleResult(key: SeriesKey, r: KeptStructure): CandleResult {
  const signal = r.signal.direction === 'neutral' || !r.signal.valid ? null : toStoredSignal(key, r);
  return {
    key,
    time: r.signal.time,
    snapshots: { swings: r.swings.slice(-SNAPSHOT_SWINGS), sr_levels: r.levels, fib_levels: r.fib },
    signal,
  };
}

/**
 * toCandleResult with its snapshots already as JSON text (what a compute thread sends back):
 * the text JSON.stringify writes for each snapshot, byte for byte, written field by field
 * from the known shapes, about a quarter cheaper than the generic walk of JSON.stringify
 * (the snapshots are ~8 kB of text per candle). A field added to Swing, Level or FibLevels
 * must be added here too: the test compares this with JSON.stringify on real series.
 */
export function toEncodedCandleResult(key: SeriesKey, r: KeptStructure): CandleResult {
  const out = toCandleResult(key, r);
  out.snapshotJson = { swings: swingsJson(r.swings, Math.max(0, r.swings.length - SNAPSHOT_SWINGS)), sr_levels: levelsJson(r.levels), fib_levels: fibJson(r.fib) };
  out.snapshots = {};
  return out;
}

/** A number as JSON writes it (non-finite as null). */
const num = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');

function swingJson(s: Swing): string {
  return `{"index":${num(s.index)},"confirmedAt":${num(s.confirmedAt)},"time":${num(s.time)},"price":${num(s.price)},"kind":"${s.kind}"}`;
}

export function swingsJson(swings: readonly Swing[], from = 0): string {
  let o = '[';
  for (let i = from; i < swings.length; i++) o += (i > from ? ',' : '') + swingJson(swings[i]!);
  return `${o}]`;
}

export function levelsJson(levels: readonly Level[]): string {
  let o = '[';
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    o += `${i > 0 ? ',' : ''}{"price":${num(l.price)},"zoneLow":${num(l.zoneLow)},"zoneHigh":${num(l.zoneHigh)},"touches":${num(l.touches)},"firstTouch":${num(l.firstTouch)},"lastTouch":${num(l.lastTouch)},"strength":${num(l.strength)},"state":"${l.state}","flipped":${l.flipped},"role":"${l.role}"}`;
  }
  return `${o}]`;
}

function pointsJson(points: readonly FibPoint[]): string {
  let o = '[';
  for (let i = 0; i < points.length; i++) o += `${i > 0 ? ',' : ''}{"ratio":${num(points[i]!.ratio)},"price":${num(points[i]!.price)}}`;
  return `${o}]`;
}

export function fibJson(f: FibLevels | null): string {
  if (f === null) return 'null';
  return `{"leg":"${f.leg}","from":${swingJson(f.from)},"to":${swingJson(f.to)},"high":${num(f.high)},"low":${num(f.low)},"retracements":${pointsJson(f.retracements)},"extensions":${pointsJson(f.extensions)},"entry1":${num(f.entry1)},"entry2":${num(f.entry2)},"stop":${num(f.stop)},"approaching":${num(f.approaching)},"pullbackStart":${num(f.pullbackStart)},"depth":${num(f.depth)},"pullback":"${f.pullback}"}`;
}
