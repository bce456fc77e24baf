import { asPair } from '../../../src/core/types.js';
import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { renderCandleChart, renderCandleChartSvg } from '../../../src/infra/charts/index.js';
import { CHART_FONT_FILE } from '../../../src/infra/charts/fonts.js';
import { replaySource } from '../../../src/app/sources.js';
import { runIndicator } from '../../../src/core/indicators/registry.js';
import { pngSize } from './png.js';

const candles = await replaySource().candles(asPair('ETH/USDT'), '1d', { limit: 120 });
const ema9 = runIndicator('EMA', [candles.close], { timePeriod: 9 }).outputs[0]!;

describe('renderCandleChart', () => {
  it('renders a PNG of the requested size with candles, overlays, levels and volume', () => {
    const png = renderCandleChart({
      candles, title: 'ETH/USDT 1d', width: 800, height: 500,
      overlays: [{ name: 'EMA9', values: ema9, color: '#1e88e5' }],
      levels: [{ price: 3000, label: 'S 3000', color: '#2e7d32' }],
      markers: [{ index: 100, price: candles.high[100]!, color: '#c62828', shape: 'triangle-down' }],
    });
    expect(pngSize(png)).toEqual({ width: 800, height: 500 });
  });

  it('draws every series: candlestick bodies, the overlay line, the level line and its label, volume bars', () => {
    const svg = renderCandleChartSvg({
      candles, title: 'T', overlays: [{ name: 'EMA9', values: ema9, color: '#1e88e5' }],
      levels: [{ price: 3000, label: 'S-LEVEL-3000', color: '#2e7d32' }],
    });
    expect(svg).toContain('S-LEVEL-3000');
    expect(svg).toContain('#1e88e5');
    expect(svg).toContain('#26a69a');
    expect(svg).toContain('#ef5350');
    expect(svg).toContain('EMA9');
  });

  it('renders Persian with the shipped DejaVu font: glyphs are drawn, not boxes or nothing', () => {
    const persian = 'تحلیل تکنیکال';
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><text x="10" y="40" font-family="DejaVu Sans" font-size="28">${persian}</text></svg>`;
    const ink = (fontFiles: string[]) => {
      const img = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans' }, background: '#fff' }).render();
      const px = img.pixels;
      let dark = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i]! < 128) dark++;
      return dark;
    };
    expect(ink([])).toBe(0);
    expect(ink([CHART_FONT_FILE])).toBeGreaterThan(300);
    // The chart pipeline embeds the text as given, for resvg to shape right to left.
    expect(renderCandleChartSvg({ candles, title: persian })).toContain(persian);
  });

  it('leaves gaps where an overlay is NaN (warm-up) instead of failing', () => {
    const png = renderCandleChart({ candles, title: 'x', overlays: [{ name: 'all NaN', values: new Float64Array(candles.close.length).fill(NaN), color: '#000' }] });
    expect(pngSize(png).width).toBe(800);
  });
});
