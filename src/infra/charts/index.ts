export { renderCandleChart, renderCandleChartAsync, renderCandleChartSvg, chartPainter } from './candle-chart.js';
export { formatPrice, UP_COLOR, DOWN_COLOR } from './svg.js';
export type { CandleChartInput, ChartLevel, ChartMarker, ChartOverlay } from './types.js';
export { startChartPool, stopChartPool, chartPoolStats } from './pool.js';
