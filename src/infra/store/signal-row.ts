import type { SignalDirection, SignalRecord } from './types.js';

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

const DIRECTIONS: readonly string[] = ['long', 'short', 'neutral'];

// NaN is not a value a reader can act on, and SQLite would silently store it as NULL anyway;
// make both backends agree.
function opt(v: number | null | undefined): number | null {
  return v === undefined || v === null || Number.isNaN(v) ? null : v;
}

export function signalToRow(s: SignalRecord, now: number): unknown[] {
  if (!DIRECTIONS.includes(s.direction)) throw new RangeError(`signal direction must be long, short or neutral, got "${s.direction}"`);
  if (!Number.isSafeInteger(s.time)) throw new RangeError(`signal time is not an integer epoch ms: ${s.time}`);
  if (s.confluence.some((f) => f.includes(','))) throw new RangeError(`confluence factor names cannot contain commas: ${s.confluence.join('|')}`);
  return [
    s.source, s.symbol, s.timeframe, s.time, s.direction, s.marketScore, s.price,
    opt(s.entry1), opt(s.entry2), opt(s.sl), opt(s.tp1), opt(s.tp2), opt(s.tp3),
    opt(s.swingHigh), opt(s.swingLow), opt(s.supportLevel), opt(s.resistanceLevel),
    s.confluence.join(','), opt(s.riskRewardRatio), opt(s.confidenceScore), opt(s.confidenceSample),
    s.payload === undefined ? null : JSON.stringify(s.payload), now, now,
  ];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** `decodeJson` differs per backend: SQLite hands back TEXT, pg has already parsed JSONB. */
export function rowToSignal(r: Record<string, unknown>, decodeJson: (v: unknown) => unknown): SignalRecord {
  const confluence = String(r.confluence ?? '');
  const s: SignalRecord = {
    source: String(r.source),
    symbol: String(r.symbol),
    timeframe: String(r.timeframe),
    time: Number(r.time),
    direction: String(r.direction) as SignalDirection,
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
    confluence: confluence === '' ? [] : confluence.split(','),
    riskRewardRatio: num(r.risk_reward_ratio),
    confidenceScore: num(r.confidence_score),
    confidenceSample: num(r.confidence_sample),
  };
  if (r.payload !== null && r.payload !== undefined) s.payload = decodeJson(r.payload);
  return s;
}
