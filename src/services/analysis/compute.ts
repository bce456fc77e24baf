import { candleCount, tailCandles } from '../../core/series.js';
import { finiteOrNull } from '../../core/numbers.js';
import { runIndicator } from '../../core/indicators/registry.js';
import { shiftIndexes, structureAt } from '../../core/signals/lookback.js';
import type { StructureResult } from '../../core/signals/types.js';
import type { LoadedCandles } from '../candles.js';
import { setupStatus, trendStrength, volatilityLevel } from './readings.js';
import type { AnalysisData, IndicatorSnapshot, LevelView, MomentumView, TrendView, VolatilityView, VolumeView } from './types.js';

/** Full indicator series: the chart draws them, the text reads their last values. */
export interface IndicatorSeries {
  ema9: Float64Array;
  ema21: Float64Array;
  ema50: Float64Array;
  rsi14: Float64Array;
  bbUpper: Float64Array;
  bbMiddle: Float64Array;
  bbLower: Float64Array;
  adx14: Float64Array;
  mfi14: Float64Array;
  atr14: Float64Array;
}

export interface AnalysisCore {
  /** The candles the report and chart describe: the last `limit` of those loaded. */
  display: LoadedCandles;
  data: AnalysisData;
  series: IndicatorSeries;
  /** Structure by the shared lookback rule; candle indexes count from display's first candle (negative before it). */
  structure: StructureResult;
}

const round = (v: number | null, digits = 2): number | null => (v === null ? null : Number(v.toFixed(digits)));

export function indicatorSeries(loaded: LoadedCandles): IndicatorSeries {
  const c = loaded.candles;
  const ema = (p: number) => runIndicator('EMA', [c.close], { timePeriod: p }).outputs[0]!;
  const [bbUpper, bbMiddle, bbLower] = runIndicator('BBANDS', [c.close], { timePeriod: 20, nbDevUp: 2, nbDevDn: 2 }).outputs;
  return {
    ema9: ema(9),
    ema21: ema(21),
    ema50: ema(50),
    rsi14: runIndicator('RSI', [c.close], { timePeriod: 14 }).outputs[0]!,
    bbUpper: bbUpper!,
    bbMiddle: bbMiddle!,
    bbLower: bbLower!,
    adx14: runIndicator('ADX', [c.high, c.low, c.close], { timePeriod: 14 }).outputs[0]!,
    mfi14: runIndicator('MFI', [c.high, c.low, c.close, c.volume], { timePeriod: 14 }).outputs[0]!,
    atr14: runIndicator('ATR', [c.high, c.low, c.close], { timePeriod: 14 }).outputs[0]!,
  };
}

function snapshot(s: IndicatorSeries, i: number): IndicatorSnapshot {
  return {
    ema9: finiteOrNull(s.ema9[i]), ema21: finiteOrNull(s.ema21[i]), ema50: finiteOrNull(s.ema50[i]),
    rsi14: finiteOrNull(s.rsi14[i]),
    bb: { upper: finiteOrNull(s.bbUpper[i]), middle: finiteOrNull(s.bbMiddle[i]), lower: finiteOrNull(s.bbLower[i]) },
    adx14: finiteOrNull(s.adx14[i]), mfi14: finiteOrNull(s.mfi14[i]),
  };
}

function trendView(ind: IndicatorSnapshot, close: number, first: number): TrendView {
  const { ema9, ema21, ema50, adx14 } = ind;
  const alignment = ema9 === null || ema21 === null || ema50 === null ? 'unknown'
    : ema9 > ema21 && ema21 > ema50 ? 'bullish'
      : ema9 < ema21 && ema21 < ema50 ? 'bearish' : 'mixed';
  // ADX below 20 means no directional trend whatever the averages say (Wilder's reading).
  const trending = adx14 === null || adx14 >= 20;
  const direction = alignment === 'bullish' && close > ema50! && trending ? 'up'
    : alignment === 'bearish' && close < ema50! && trending ? 'down' : 'sideways';
  const strength = trendStrength(adx14);
  return {
    direction,
    strength,
    ema_alignment: alignment,
    close_vs_ema50_pct: ema50 === null ? null : round(((close - ema50) / ema50) * 100),
    change_pct: round(((close - first) / first) * 100)!,
  };
}

function zone(v: number | null, hi: number, lo: number): MomentumView['rsi_zone'] {
  if (v === null) return 'unknown';
  return v >= hi ? 'overbought' : v <= lo ? 'oversold' : v >= 50 ? 'bullish' : 'bearish';
}

function momentumView(s: IndicatorSeries, ind: IndicatorSnapshot, i: number): MomentumView {
  const prev = finiteOrNull(s.rsi14[i - 5]);
  return {
    rsi_zone: zone(ind.rsi14, 70, 30),
    rsi_change5: ind.rsi14 !== null && prev !== null ? round(ind.rsi14 - prev) : null,
    mfi_zone: zone(ind.mfi14, 80, 20),
  };
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function volatilityView(s: IndicatorSeries, ind: IndicatorSnapshot, closes: Float64Array): VolatilityView {
  const i = closes.length - 1;
  const close = closes[i]!;
  const { upper, middle, lower } = ind.bb;
  const width = upper !== null && lower !== null && middle ? ((upper - lower) / middle) * 100 : null;
  const widths: number[] = [];
  const atrPcts: number[] = [];
  for (let k = 0; k < s.bbMiddle.length; k++) {
    const u = s.bbUpper[k]!, m = s.bbMiddle[k]!, l = s.bbLower[k]!;
    if (Number.isFinite(u) && Number.isFinite(l) && m) widths.push(((u - l) / m) * 100);
    const a = s.atr14[k]!;
    if (Number.isFinite(a) && closes[k]!) atrPcts.push((a / closes[k]!) * 100);
  }
  const atr = finiteOrNull(s.atr14[i]);
  const atrPct = atr === null ? null : (atr / close) * 100;
  const ratio = (v: number | null, xs: number[]) => {
    const med = xs.length >= 20 ? median(xs) : null;
    return v === null || !med ? null : v / med;
  };
  const widthVs = ratio(width, widths);
  const atrVs = ratio(atrPct, atrPcts);
  // Bands at half their usual width precede breakouts; at 1.5x a move is under way.
  const regime = widthVs === null ? 'unknown' : widthVs < 0.6 ? 'squeeze' : widthVs > 1.5 ? 'expansion' : 'normal';
  return {
    bb_width_pct: round(width),
    bb_position: upper !== null && lower !== null && upper > lower ? round((close - lower) / (upper - lower), 3) : null,
    regime,
    atr: atr === null ? null : Number(atr.toPrecision(6)),
    atr_pct: round(atrPct),
    atr_vs_median: round(atrVs),
    bb_width_vs_median: round(widthVs),
    // From the unrounded ratios, so the reading never depends on display rounding.
    level: volatilityLevel(atrVs, widthVs),
  };
}

function volumeView(loaded: LoadedCandles): VolumeView {
  const c = loaded.candles;
  const n = candleCount(c);
  const last = c.volume[n - 1]!;
  let sum = 0, count = 0, up = 0, total = 0;
  for (let k = Math.max(0, n - 21); k < n - 1; k++) {
    sum += c.volume[k]!;
    count++;
  }
  for (let k = Math.max(0, n - 20); k < n; k++) {
    total += c.volume[k]!;
    if (c.close[k]! >= c.open[k]!) up += c.volume[k]!;
  }
  return {
    last,
    ratio_to_avg20: count && sum > 0 ? round(last / (sum / count)) : null,
    up_volume_share20: total > 0 ? round(up / total, 3) : null,
  };
}

/** Active levels nearest the close: the three below and the three above. */
function levelViews(structure: StructureResult, close: number): LevelView[] {
  const view = (l: StructureResult['levels'][number]): LevelView => ({
    price: l.price, zone_low: l.zoneLow, zone_high: l.zoneHigh, touches: l.touches, strength: l.strength,
    role: l.role, state: l.state, distance_pct: round(((l.price - close) / close) * 100)!,
  });
  const active = structure.levels.filter((l) => l.state === 'active');
  const supports = active.filter((l) => l.role === 'support').sort((a, b) => b.price - a.price).slice(0, 3);
  const resistances = active.filter((l) => l.role === 'resistance').sort((a, b) => a.price - b.price).slice(0, 3);
  return [...supports, ...resistances].map(view);
}

/**
 * Every number the writers and the chart use, from candles only (pure). Indicators, volume
 * and the chart cover the last `limit` candles (SPEC A's limit); the structure comes from
 * the shared lookback rule over everything loaded, so the levels at a bar are those the
 * signal command and the pipeline give for it (the service loads at least the lookback).
 */
export function analyzeCandles(history: LoadedCandles, source: string, limit = candleCount(history.candles)): AnalysisCore {
  const total = candleCount(history.candles);
  if (total === 0) throw new Error(`no candles for ${history.symbol} ${history.timeframe}`);
  const loaded: LoadedCandles = limit >= total ? history : { ...history, candles: tailCandles(history.candles, limit) };
  const c = loaded.candles;
  const n = candleCount(c);
  const series = indicatorSeries(loaded);
  const whole = structureAt(history.candles, { symbol: loaded.symbol, timeframe: loaded.timeframe });
  const structure = n === total ? whole : shiftIndexes(whole, n - total);
  const i = n - 1;
  const close = c.close[i]!;
  const ind = snapshot(series, i);
  const q = loaded.quality;
  return {
    display: loaded,
    series,
    structure,
    data: {
      pair: loaded.symbol,
      timeframe: loaded.timeframe,
      source,
      candles: n,
      last_candle_time: new Date(c.time[i]!).toISOString(),
      close,
      indicators: ind,
      trend: trendView(ind, close, c.close[0]!),
      momentum: momentumView(series, ind, i),
      volatility: volatilityView(series, ind, c.close),
      volume: volumeView(loaded),
      levels: levelViews(structure, close),
      signal: structure.signal,
      setup: setupStatus(structure.signal, structure.fib?.pullback ?? null, structure.config.minRiskReward),
      data_quality: { gaps: q.gaps.length, missing_candles: q.missingCandles, rejected_rows: q.rejected.length },
    },
  };
}
