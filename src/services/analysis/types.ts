import type { Level, Signal } from '../../core/signals/types.js';
import type { SetupStatus, TrendStrength, VolatilityLevel } from './readings.js';

export type { SetupStatus, TrendStrength, VolatilityLevel };
export type TrendDirection = 'up' | 'down' | 'sideways';

export interface IndicatorSnapshot {
  ema9: number | null;
  ema21: number | null;
  ema50: number | null;
  rsi14: number | null;
  bb: { upper: number | null; middle: number | null; lower: number | null };
  adx14: number | null;
  mfi14: number | null;
}

export interface TrendView {
  direction: TrendDirection;
  strength: TrendStrength;
  /** bullish: EMA9 > EMA21 > EMA50; bearish: the reverse; mixed otherwise. */
  ema_alignment: 'bullish' | 'bearish' | 'mixed' | 'unknown';
  /** Close relative to EMA50, percent. */
  close_vs_ema50_pct: number | null;
  /** Close change over the loaded window, percent. */
  change_pct: number;
}

export interface MomentumView {
  rsi_zone: 'overbought' | 'bullish' | 'bearish' | 'oversold' | 'unknown';
  /** RSI change over the last 5 bars. */
  rsi_change5: number | null;
  mfi_zone: 'overbought' | 'bullish' | 'bearish' | 'oversold' | 'unknown';
}

export interface VolatilityView {
  /** (upper - lower) / middle, percent. */
  bb_width_pct: number | null;
  /** Where the close sits in the band: 0 lower, 1 upper. */
  bb_position: number | null;
  /** Current band width against its median over the window (squeeze < 0.6x, expansion > 1.5x). */
  regime: 'squeeze' | 'normal' | 'expansion' | 'unknown';
  /** ATR14 over the analysed candles. */
  atr: number | null;
  atr_pct: number | null;
  /** ATR% and band width over their medians in the window (null with fewer than 20 values). */
  atr_vs_median: number | null;
  bb_width_vs_median: number | null;
  /** The one volatility reading both texts state (readings.ts volatilityLevel). */
  level: VolatilityLevel;
}

export interface VolumeView {
  last: number;
  /** Last volume over the mean of the 20 before it. */
  ratio_to_avg20: number | null;
  /** Share of the last 20 bars' volume traded on up-closing bars. */
  up_volume_share20: number | null;
}

export interface LevelView {
  price: number;
  zone_low: number;
  zone_high: number;
  touches: number;
  strength: number;
  role: Level['role'];
  state: Level['state'];
  /** Distance from the close, percent (negative below). */
  distance_pct: number;
}

export interface AnalysisData {
  pair: string;
  timeframe: string;
  source: string;
  candles: number;
  last_candle_time: string;
  close: number;
  indicators: IndicatorSnapshot;
  trend: TrendView;
  momentum: MomentumView;
  volatility: VolatilityView;
  volume: VolumeView;
  /** Active levels nearest the close, supports then resistances, by distance. */
  levels: LevelView[];
  signal: Signal;
  /** Whether the plan is tradable now and if not why (readings.ts setupStatus); both texts state it. */
  setup: SetupStatus;
  /** Gaps and repaired rows reported by the clean layer; the text mentions them. */
  data_quality: { gaps: number; missing_candles: number; rejected_rows: number };
}

export interface WrittenText {
  analysis: string;
  analysis_summarized: string;
}

export interface AnalysisResponse extends WrittenText {
  status: 'success';
  message: null;
  chart_image_base64: string;
  writer: 'builtin' | 'llm';
  /** Why the LLM text was not used, when an LLM is configured and failed. */
  writer_note: string | null;
  data: AnalysisData;
}
