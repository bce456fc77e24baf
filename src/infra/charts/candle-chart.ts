import { chartScene, scenePngOptions } from './scene.js';
import { sceneSvg } from './svg.js';
import { svgToPng, svgToPngAsync } from './raster.js';
import { loadSkia, scenePng } from './skia.js';
import type { CandleChartInput } from './types.js';
import { chartPoolRunning, renderOnPool } from './pool.js';

// Raster time grows with pixels; 800 x 500 keeps every element legible.
const DEFAULT_WIDTH = 800;
const DEFAULT_HEIGHT = 500;

const sceneOf = (input: CandleChartInput) => chartScene(input, input.width ?? DEFAULT_WIDTH, input.height ?? DEFAULT_HEIGHT);

/** The chart as SVG text. */
export function renderCandleChartSvg(input: CandleChartInput): string {
  return sceneSvg(sceneOf(input));
}

/** Which painter draws the PNG: Skia when its binary loads on this platform, else resvg from the SVG. */
export function chartPainter(): 'skia' | 'resvg' {
  return loadSkia() ? 'skia' : 'resvg';
}

/** Candles, overlays, levels, markers and a volume pane as a palette PNG. */
export function renderCandleChart(input: CandleChartInput, painter = chartPainter()): Buffer {
  const scene = sceneOf(input);
  return painter === 'skia' ? scenePng(scene) : svgToPng(sceneSvg(scene), scenePngOptions(scene));
}

/**
 * As renderCandleChart, off the event loop where it matters: the whole chart on the pool's
 * threads when the pool runs (the HTTP server starts it). Without the pool (CLI commands)
 * Skia draws on the calling thread (a few ms); the resvg fallback rasterises on libuv's threads.
 */
export async function renderCandleChartAsync(input: CandleChartInput): Promise<Buffer> {
  if (chartPoolRunning()) return renderOnPool(input);
  if (chartPainter() === 'skia') return renderCandleChart(input, 'skia');
  const scene = sceneOf(input);
  return svgToPngAsync(sceneSvg(scene), scenePngOptions(scene));
}
