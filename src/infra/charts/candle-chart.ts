import * as echarts from 'echarts/core';
import { BarChart, CandlestickChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { candleChartOption } from './option.js';
import { svgToPng, svgToPngAsync } from './raster.js';
import type { CandleChartInput } from './types.js';
import { chartPoolRunning, renderOnPool } from './pool.js';

// Only what the chart draws: the full bundle costs start-up time on every CLI run.
echarts.use([CandlestickChart, LineChart, BarChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

// Raster time grows with pixels; 800 x 500 keeps every element legible.
const DEFAULT_WIDTH = 800;
const DEFAULT_HEIGHT = 500;

/** The chart as SVG text (ECharts server-side rendering, no DOM). */
export function renderCandleChartSvg(input: CandleChartInput): string {
  const width = input.width ?? DEFAULT_WIDTH;
  const height = input.height ?? DEFAULT_HEIGHT;
  // A fresh instance each time: a live SSR instance keeps zrender's frame timer running,
  // which would hold a CLI process open.
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(candleChartOption(input, width, height));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Candles, overlays, levels, markers and a volume pane as a PNG. */
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
