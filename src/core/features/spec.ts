/**
 * Feature spec: which columns a model sees. Written by users as YAML (parsed at the edge) and
 * validated here into a typed spec; an unknown indicator, parameter or key fails with one line
 * naming it.
 *
 * ```yaml
 * indicators:
 *   - { name: RSI, params: { timePeriod: 14 } }
 *   - { name: MACD, outputs: [outMACDHist] }
 *   - { name: EMA, params: { timePeriod: 50 }, scale: close }   # EMA / close - 1
 *   - { name: CORREL, source: [close, volume] }                 # series for real0, real1
 * returns: [1, 4, 16]        # log return over k bars
 * volatility: [24]           # std of 1-bar log returns over w bars
 * volume: [24]               # z-score of log volume over w bars
 * range: true                # (high - low) / close
 * calendar: [hour, weekday]
 * structure: { strength: 5, lookback: 200 }   # distance to confirmed swing levels, pullback depth
 * higher:                                      # a higher timeframe's features, used once its candle closed
 *   - { timeframe: 1d, indicators: [RSI], returns: [1, 5] }
 * label: { kind: direction, horizon: 1, deadZone: 0 }
 * ```
 */
import { InputError } from '../../errors.js';
import { getIndicator, resolveParams } from '../indicators/registry.js';
import { IndicatorError, type IndicatorDef, type Params } from '../indicators/types.js';
import { parseTimeframe, type Timeframe } from '../timeframes.js';

export type CalendarField = 'hour' | 'weekday' | 'dayOfMonth' | 'month';
const CALENDAR: readonly CalendarField[] = ['hour', 'weekday', 'dayOfMonth', 'month'];
const PRICE_INPUTS = ['open', 'high', 'low', 'close'] as const;
type PriceInput = (typeof PRICE_INPUTS)[number];

export interface IndicatorFeature {
  def: IndicatorDef;
  params: Params;
  /** Output names to keep (all by default). */
  outputs: string[];
  /** Series fed to the `real`, `real0`, `real1` inputs, in order. */
  sources: (PriceInput | 'volume')[];
  /** 'close': value / close - 1 (price-level outputs become stationary); 'none': as computed. */
  scale: 'close' | 'none';
}

export type LabelSpec =
  | { kind: 'direction'; horizon: number; deadZone: number }
  | { kind: 'return'; horizon: number }
  | { kind: 'triple-barrier'; horizon: number; upper: number; lower: number };

/** Market-structure features from confirmed swings (see compute.ts, structureColumns). */
export interface StructureSpec {
  /** Bars on each side that make a swing; a swing is known `strength` bars after it. */
  strength: number;
  /** Only swings from the last `lookback` bars count as levels. */
  lookback: number;
}

/** Features of a higher timeframe, aligned to the base bars without look-ahead. */
export interface HigherSpec {
  timeframe: Timeframe;
  indicators: IndicatorFeature[];
  returns: number[];
  volatility: number[];
  volume: number[];
  range: boolean;
}

export interface FeatureSpec {
  indicators: IndicatorFeature[];
  returns: number[];
  volatility: number[];
  volume: number[];
  range: boolean;
  calendar: CalendarField[];
  structure?: StructureSpec;
  higher: HigherSpec[];
  label: LabelSpec;
}

export class FeatureSpecError extends InputError {
  constructor(message: string, field: string) {
    super(`feature spec: ${message}`, field);
    this.name = 'FeatureSpecError';
  }
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function onlyKeys(o: Raw, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new FeatureSpecError(`${where}: unknown key "${k}" (allowed: ${allowed.join(', ')})`, `${where}.${k}`);
  }
}

function windows(v: unknown, where: string, min: number): number[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new FeatureSpecError(`${where} must be a list of bar counts`, where);
  return v.map((x, i) => {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > 100000) {
      throw new FeatureSpecError(`${where}[${i}] must be an integer in [${min}, 100000], got ${JSON.stringify(x)}`, where);
    }
    return x;
  });
}

const SCALED_GROUPS = new Set(['Overlap Studies', 'Price Transform']);

function indicator(raw: unknown, i: number): IndicatorFeature {
  const where = `indicators[${i}]`;
  const o: Raw = typeof raw === 'string' ? { name: raw } : isObj(raw) ? raw : {};
  if (typeof o.name !== 'string') throw new FeatureSpecError(`${where} needs a name`, where);
  onlyKeys(o, ['name', 'params', 'outputs', 'source', 'scale'], where);
  let def: IndicatorDef;
  let params: Params;
  try {
    def = getIndicator(o.name);
    const given = o.params === undefined ? {} : o.params;
    if (!isObj(given)) throw new FeatureSpecError(`${where}.params must be a mapping`, `${where}.params`);
    params = resolveParams(def, given as Record<string, number>);
  } catch (e) {
    if (e instanceof IndicatorError) throw new FeatureSpecError(`${where}: ${e.message}`, `${where}.${e.field ?? 'name'}`);
    throw e;
  }
  const names = def.outputs.map((x) => x.name);
  const outputs = o.outputs === undefined ? names : o.outputs;
  if (!Array.isArray(outputs) || outputs.length === 0) throw new FeatureSpecError(`${where}.outputs must be a non-empty list`, `${where}.outputs`);
  for (const out of outputs) {
    if (!names.includes(String(out))) throw new FeatureSpecError(`${where}: ${def.name} has no output "${String(out)}" (outputs: ${names.join(', ')})`, `${where}.outputs`);
  }
  if (def.inputs.includes('periods')) throw new FeatureSpecError(`${where}: ${def.name} needs a periods series, which a feature spec cannot supply`, `${where}.name`);
  const nReal = def.inputs.filter((x) => x.startsWith('real')).length;
  const given = o.source === undefined ? [] : Array.isArray(o.source) ? o.source : [o.source];
  const sources = given.length > 0 ? given : nReal === 2 ? ['high', 'low'] : ['close'];
  if (nReal > 0 && sources.length !== nReal) throw new FeatureSpecError(`${where}.source: ${def.name} takes ${nReal} series, got ${sources.length}`, `${where}.source`);
  for (const s of sources) {
    if (![...PRICE_INPUTS, 'volume'].includes(s as string)) throw new FeatureSpecError(`${where}.source must be open, high, low, close or volume, got ${JSON.stringify(s)}`, `${where}.source`);
  }
  const scale = o.scale ?? (SCALED_GROUPS.has(def.group) ? 'close' : 'none');
  if (scale !== 'close' && scale !== 'none') throw new FeatureSpecError(`${where}.scale must be close or none`, `${where}.scale`);
  return { def, params, outputs: outputs.map(String), sources: sources as IndicatorFeature['sources'], scale };
}

function label(raw: unknown): LabelSpec {
  const o = raw === undefined ? { kind: 'direction' } : raw;
  if (!isObj(o)) throw new FeatureSpecError('label must be a mapping', 'label');
  const num = (k: string, def: number, lo: number, hi: number, int = false): number => {
    const v = o[k] ?? def;
    if (typeof v !== 'number' || Number.isNaN(v) || v < lo || v > hi || (int && !Number.isInteger(v))) {
      throw new FeatureSpecError(`label.${k} must be ${int ? 'an integer' : 'a number'} in [${lo}, ${hi}], got ${JSON.stringify(v)}`, `label.${k}`);
    }
    return v;
  };
  switch (o.kind) {
    case 'direction':
      onlyKeys(o, ['kind', 'horizon', 'deadZone'], 'label');
      return { kind: 'direction', horizon: num('horizon', 1, 1, 10000, true), deadZone: num('deadZone', 0, 0, 1) };
    case 'return':
      onlyKeys(o, ['kind', 'horizon'], 'label');
      return { kind: 'return', horizon: num('horizon', 1, 1, 10000, true) };
    case 'triple-barrier':
      onlyKeys(o, ['kind', 'horizon', 'upper', 'lower'], 'label');
      return { kind: 'triple-barrier', horizon: num('horizon', 24, 1, 10000, true), upper: num('upper', 0.02, 1e-6, 10), lower: num('lower', 0.02, 1e-6, 0.999999) };
    default:
      throw new FeatureSpecError(`label.kind must be direction, return or triple-barrier, got ${JSON.stringify(o.kind)}`, 'label.kind');
  }
}

function intIn(o: Raw, k: string, def: number, lo: number, hi: number, where: string): number {
  const v = o[k] ?? def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new FeatureSpecError(`${where}.${k} must be an integer in [${lo}, ${hi}], got ${JSON.stringify(v)}`, `${where}.${k}`);
  return v;
}

function structure(raw: unknown): StructureSpec | undefined {
  if (raw === undefined || raw === false) return undefined;
  const o: Raw = raw === true ? {} : isObj(raw) ? raw : {};
  if (raw !== true && !isObj(raw)) throw new FeatureSpecError('structure must be true or a mapping { strength, lookback }', 'structure');
  onlyKeys(o, ['strength', 'lookback'], 'structure');
  const strength = intIn(o, 'strength', 5, 1, 100, 'structure');
  return { strength, lookback: intIn(o, 'lookback', 200, 2 * strength + 1, 100000, 'structure') };
}

function higher(raw: unknown): HigherSpec[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new FeatureSpecError('higher must be a list of { timeframe, indicators, returns, volatility, volume, range }', 'higher');
  return raw.map((h, i) => {
    const where = `higher[${i}]`;
    if (!isObj(h)) throw new FeatureSpecError(`${where} must be a mapping`, where);
    onlyKeys(h, ['timeframe', 'indicators', 'returns', 'volatility', 'volume', 'range'], where);
    let timeframe: Timeframe;
    try {
      timeframe = parseTimeframe(String(h.timeframe));
    } catch {
      throw new FeatureSpecError(`${where}.timeframe: ${JSON.stringify(h.timeframe)} is not a timeframe such as 1h, 4h, 1d, 1w`, `${where}.timeframe`);
    }
    if (timeframe === '1M') throw new FeatureSpecError(`${where}.timeframe: months have no fixed length; use 1w or shorter`, `${where}.timeframe`);
    const inds = h.indicators ?? [];
    if (!Array.isArray(inds)) throw new FeatureSpecError(`${where}.indicators must be a list`, `${where}.indicators`);
    if (h.range !== undefined && typeof h.range !== 'boolean') throw new FeatureSpecError(`${where}.range must be true or false`, `${where}.range`);
    return {
      timeframe,
      indicators: inds.map((x, k) => {
        try {
          return indicator(x, k);
        } catch (e) {
          if (e instanceof FeatureSpecError) throw new FeatureSpecError(`${where}.${e.message.replace(/^feature spec: /, '')}`, `${where}.${e.field ?? 'indicators'}`);
          throw e;
        }
      }),
      returns: windows(h.returns, `${where}.returns`, 1),
      volatility: windows(h.volatility, `${where}.volatility`, 2),
      volume: windows(h.volume, `${where}.volume`, 2),
      range: h.range === true,
    };
  });
}

/** Validates a parsed YAML/JSON document into a FeatureSpec. */
export function parseFeatureSpec(raw: unknown): FeatureSpec {
  if (!isObj(raw)) throw new FeatureSpecError('the document must be a mapping', 'spec');
  onlyKeys(raw, ['indicators', 'returns', 'volatility', 'volume', 'range', 'calendar', 'structure', 'higher', 'label'], 'spec');
  const inds = raw.indicators ?? [];
  if (!Array.isArray(inds)) throw new FeatureSpecError('indicators must be a list', 'indicators');
  const calendar = raw.calendar ?? [];
  if (!Array.isArray(calendar)) throw new FeatureSpecError('calendar must be a list', 'calendar');
  for (const c of calendar) {
    if (!CALENDAR.includes(c as CalendarField)) throw new FeatureSpecError(`calendar: unknown field "${String(c)}" (fields: ${CALENDAR.join(', ')})`, 'calendar');
  }
  if (raw.range !== undefined && typeof raw.range !== 'boolean') throw new FeatureSpecError('range must be true or false', 'range');
  const spec: FeatureSpec = {
    indicators: inds.map(indicator),
    returns: windows(raw.returns, 'returns', 1),
    volatility: windows(raw.volatility, 'volatility', 2),
    volume: windows(raw.volume, 'volume', 2),
    range: raw.range === true,
    calendar: calendar as CalendarField[],
    higher: higher(raw.higher),
    label: label(raw.label),
  };
  const st = structure(raw.structure);
  if (st) spec.structure = st;
  return spec;
}


/** A spec that reproduces the golden XGBoost features (returns 1..32, 24-bar volatility and volume, range, hour). */
export const DEFAULT_SPEC_DOC = {
  indicators: [
    { name: 'RSI', params: { timePeriod: 14 } },
    { name: 'ADX', params: { timePeriod: 14 } },
    { name: 'NATR', params: { timePeriod: 14 } },
    { name: 'MACD', outputs: ['outMACDHist'], scale: 'close' },
    { name: 'EMA', params: { timePeriod: 50 } },
  ],
  returns: [1, 2, 4, 8, 16, 32],
  volatility: [24],
  volume: [24],
  range: true,
  calendar: ['hour', 'weekday'],
  label: { kind: 'direction', horizon: 1, deadZone: 0 },
};
