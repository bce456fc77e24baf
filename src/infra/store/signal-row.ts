import type { Direction, FactorName } from '../../core/signals/types.js';
import type { StoredSignal } from './types.js';
import { finiteOrNull } from '../../core/numbers.js';

/** Column order used by both backends' INSERT statements. */
export const SIGNAL_COLUMNS = [
  'source', 'symbol', 'timeframe', 'time', 'direction', 'market_score', 'price',
  'entry1', 'entry2', 'sl', 'tp1', 'tp2', 'tp3', 'swing_high', 'swing_low',
  'support_level', 'resistance_level', 'confluence', 'risk_reward_ratio',
  'confidence_score', 'confidence_sample', 'payload', 'created_at', 'updated_at',
] as const;

/** Columns an upsert replaces; created_at keeps the first write. */
export const SIGNAL_UPDATE_COLUMNS = SIGNAL_COLUMNS.filter(
  (c) => !['source', 'symbol', 'timeframe', 'time', 'created_at'].includes(c),
);

const DIRECTIONS: readonly string[] = ['long', 'short', 'neutral'] satisfies Direction[];

// NaN is not a value a reader can act on, and SQLite would silently store it as NULL anyway;
// make both backends agree.
const opt = finiteOrNull;

/**
 * Validity and its reasons have no columns: they travel in the payload JSON next to the
 * pipeline's detail, under the keys rows written before the signal type was unified use.
 */
export function signalToRow(s: StoredSignal, now: number): unknown[] {
  if (!DIRECTIONS.includes(s.direction)) throw new RangeError(`signal direction must be long, short or neutral, got "${s.direction}"`);
  if (!Number.isSafeInteger(s.time)) throw new RangeError(`signal time is not an integer epoch ms: ${s.time}`);
  if (s.confluence.some((f) => f.includes(','))) throw new RangeError(`confluence factor names cannot contain commas: ${s.confluence.join('|')}`);
  const payload = { valid: s.valid, invalid_reasons: s.invalidReasons, ...s.payload };
  return [
    s.source, s.symbol, s.timeframe, s.time, s.direction, s.marketScore, s.price,
    opt(s.entry1), opt(s.entry2), opt(s.sl), opt(s.tp1), opt(s.tp2), opt(s.tp3),
    opt(s.swingHigh), opt(s.swingLow), opt(s.supportLevel), opt(s.resistanceLevel),
    s.confluence.join(','), opt(s.riskRewardRatio), opt(s.confidenceScore), opt(s.confidenceSample),
    JSON.stringify(payload), now, now,
  ];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** `decodeJson` differs per backend: SQLite hands back TEXT, pg has already parsed JSONB. */
export function rowToSignal(r: Record<string, unknown>, decodeJson: (v: unknown) => unknown): StoredSignal {
  const confluence = String(r.confluence ?? '');
  const decoded = r.payload === null || r.payload === undefined ? {} : decodeJson(r.payload);
  const { valid, invalid_reasons: reasons, ...detail } = (decoded && typeof decoded === 'object' && !Array.isArray(decoded) ? decoded : { value: decoded }) as Record<string, unknown>;
  const s: StoredSignal = {
    source: String(r.source),
    symbol: String(r.symbol),
    timeframe: String(r.timeframe),
    time: Number(r.time),
    direction: String(r.direction) as Direction,
    marketScore: Number(r.market_score),
    price: Number(r.price),
    entry1: num(r.entry1),
    entry2: num(r.entry2),
    sl: num(r.sl),
    tp1: num(r.tp1),
    tp2: num(r.tp2),
    tp3: num(r.tp3),
    swingHigh: num(r.swing_high),
    swingLow: num(r.swing_low),
    supportLevel: num(r.support_level),
    resistanceLevel: num(r.resistance_level),
    confluence: confluence === '' ? [] : (confluence.split(',') as FactorName[]),
    riskRewardRatio: num(r.risk_reward_ratio),
    confidenceScore: num(r.confidence_score),
    confidenceSample: Number(r.confidence_sample ?? 0),
    // Only valid plans are stored; rows without the flag predate it and were valid.
    valid: valid === undefined ? true : Boolean(valid),
    invalidReasons: Array.isArray(reasons) ? reasons.map(String) : [],
  };
  if (Object.keys(detail).length) s.payload = detail;
  return s;
}
