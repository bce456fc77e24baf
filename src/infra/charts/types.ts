import type { Candles } from '../../core/series.js';

/** A line drawn over the price pane (EMA, a band edge...); NaN values leave gaps. */
export interface ChartOverlay {
  name: string;
  values: ArrayLike<number>;
  color: string;
  dashed?: boolean;
  width?: number;
}

/** A horizontal price level across the whole price pane (support, resistance, entry...). */
export interface ChartLevel {
  price: number;
  label: string;
  color: string;
}

/** A point on one candle (a swing, a signal); `index` is the candle's position in `candles`. */
export interface ChartMarker {
  index: number;
  price: number;
  color: string;
  label?: string;
  shape?: 'triangle-up' | 'triangle-down' | 'circle';
}

export interface CandleChartInput {
  candles: Candles;
  title: string;
  subtitle?: string;
  overlays?: ChartOverlay[];
  levels?: ChartLevel[];
  markers?: ChartMarker[];
  /** Pixels; defaults 800 × 500. */
  width?: number;
  height?: number;
}
