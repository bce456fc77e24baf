import { candleChartSvg } from './svg.js';
import { svgToPng, svgToPngAsync } from './raster.js';
import type { CandleChartInput } from './types.js';
import { chartPoolRunning, renderOnPool } from './pool.js';

// Raster time grows with pixels; 800 x 500 keeps every element legible.
const DEFAULT_WIDTH = 800;
const DEFAULT_HEIGHT = 500;

/** The chart as SVG text. */
export function renderCandleChartSvg(input: CandleChartInput): string {
  return candleChartSvg(input, input.width ?? DEFAULT_WIDTH, input.height ?? DEFAULT_HEIGHT);
}

/** Candles, overlays, levels, markers and a volume pane as a palette PNG. */
export function renderCandleChart(input: CandleChartInput): Buffer {
  return svgToPng(renderCandleChartSvg(input));
}

/**
 * As renderCandleChart, off the event loop: the whole chart on the pool's threads when the
 * pool runs (the HTTP server starts it), else the rasterisation on libuv's threads.
 */
export async function renderCandleChartAsync(input: CandleChartInput): Promise<Buffer> {
  if (chartPoolRunning()) return renderOnPool(input);
  return svgToPngAsync(renderCandleChartSvg(input));
}
