// The pre-issue-18 chart pipeline (see echarts-option.ts): ECharts SSR SVG, resvg's RGBA PNG.
import * as echarts from 'echarts/core';
import { BarChart, CandlestickChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY, chartFontFiles } from '../../src/infra/charts/fonts.js';
import type { CandleChartInput } from '../../src/infra/charts/types.js';
import { candleChartOption } from './echarts-option.js';

echarts.use([CandlestickChart, LineChart, BarChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

export function echartsChartPng(input: CandleChartInput, width = 800, height = 500): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption(candleChartOption(input, width, height));
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const font = { loadSystemFonts: false, fontFiles: chartFontFiles(), defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY };
  return new Resvg(svg, { font, background: '#ffffff', logLevel: 'off' }).render().asPng();
}
