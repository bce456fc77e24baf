import { asPair } from '../../../src/core/types.js';
import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { chartPainter, renderCandleChart, renderCandleChartSvg } from '../../../src/infra/charts/index.js';
import { paintScene } from '../../../src/infra/charts/skia.js';
import { chartScene, sceneColours, type Scene } from '../../../src/infra/charts/scene.js';
import { sceneSvg } from '../../../src/infra/charts/svg.js';
import { CHART_FONT_FAMILY, CHART_FONT_FILE } from '../../../src/infra/charts/fonts.js';
import { replaySource } from '../../../src/app/sources.js';
import { runIndicator } from '../../../src/core/indicators/registry.js';
import { chartLayout, UP_COLOR, DOWN_COLOR } from '../../../src/infra/charts/svg.js';
import { decodePng, pngSize } from './png.js';

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

  it.each(['skia', 'resvg'] as const)('%s draws the content into the PNG: every candle body in its colour, the EMA line, the level, volume and text', (painter) => {
    const input = {
      candles, title: 'ETH/USDT · 1d', subtitle: 'Trend up · روند صعودی',
      overlays: [{ name: 'EMA9', values: ema9, color: '#1e88e5' }],
      levels: [{ price: 3000, label: 'S 3000', color: '#2e7d32' }],
    };
    const png = renderCandleChart(input, painter);
    // The scene's 9 colours and nothing else, 4 bits a pixel: a fraction of the ~75-100 KB
    // RGBA PNG (and of the 8-bit palette one, ~14 KB); not blank either (a blank one is < 1 KB).
    expect(png.length).toBeGreaterThan(3_000);
    expect(png.length).toBeLessThan(12_000);
    const img = decodePng(png);
    expect(img.colourType).toBe(3);
    expect(img.bitDepth).toBe(4);
    expect(img.paletteSize).toBe(sceneColours(chartScene(input, 800, 500)).length);
    const L = chartLayout(input, 800, 500);
    const n = candles.close.length;
    // Body centres: the candle's own colour (where the EMA does not cross the body there).
    let bodies = 0;
    let checked = 0;
    for (let i = 0; i < n; i++) {
      const y = L.py((candles.open[i]! + candles.close[i]!) / 2);
      if (Math.abs(L.py(ema9[i]!) - y) < 3) continue;
      checked++;
      const want = candles.close[i]! >= candles.open[i]! ? UP_COLOR : DOWN_COLOR;
      if ([-1, 0, 1].some((dy) => img.hex(Math.floor(L.cx(i)), Math.floor(y) + dy) === want)) bodies++;
    }
    expect(checked).toBeGreaterThan(n * 0.6);
    expect(bodies).toBe(checked);
    // The EMA: blue (#1e88e5 or one of its anti-aliasing shades; no other series is blue)
    // within two pixels of its value on every candle from the warm-up to the one before last
    // (the line ends at the last candle's centre).
    const blue = (x: number, y: number) => {
      const [r, g, b] = img.rgba.subarray((y * 800 + x) * 4);
      return b! - r! > 60 && b! - g! > 30;
    };
    let ema = 0;
    for (let i = 8; i < n - 1; i++) if ([-2, -1, 0, 1, 2].some((dy) => blue(Math.floor(L.cx(i)), Math.round(L.py(ema9[i]!)) + dy))) ema++;
    expect(ema).toBe(n - 9);
    // The dashed level: its colour on a good share of its row across the pane.
    const row = Math.round(L.py(3000));
    let dashes = 0;
    for (let x = L.left; x < L.right; x++) if (img.hex(x, row) === '#2e7d32') dashes++;
    expect(dashes).toBeGreaterThan((L.right - L.left) * 0.4);
    // Volume bars, drawn at 60 % over white, and dark text in the title band.
    const colours = new Map<string, number>();
    for (let y = L.volTop; y < L.volBottom; y++) for (let x = L.left; x < L.right; x++) colours.set(img.hex(x, y), (colours.get(img.hex(x, y)) ?? 0) + 1);
    expect(colours.get('#7dcac2')).toBeGreaterThan(200);
    expect(colours.get('#f59896')).toBeGreaterThan(200);
    let ink = 0;
    for (let y = 0; y < 60; y++) for (let x = 0; x < 800; x++) if (img.rgba[(y * 800 + x) * 4]! < 128) ink++;
    expect(ink).toBeGreaterThan(300);
  });


  it('paints with Skia here (the fast painter; resvg is the fallback where its binary does not load)', () => {
    expect(chartPainter()).toBe('skia');
  });

  it('Skia shapes Persian like resvg does: joined, right to left, from the shipped font', () => {
    // The same words through both painters: the ink must mostly coincide. Unjoined letters,
    // left-to-right order or boxes from a missing font would put it in other places.
    const persian = 'تحلیل تکنیکال روند صعودی';
    const scene: Scene = { width: 360, height: 60, background: '#fff', items: [{ kind: 'text', x: 10, y: 40, size: 28, color: '#000', text: persian, anchor: 'start' }] };
    const skia = paintScene(scene).slice();
    const resvg = new Resvg(sceneSvg(scene), { font: { loadSystemFonts: false, fontFiles: [CHART_FONT_FILE], defaultFontFamily: CHART_FONT_FAMILY }, background: '#fff' }).render().pixels;
    let both = 0, either = 0;
    for (let i = 0; i < skia.length; i += 4) {
      const a = skia[i]! < 128, b = resvg[i]! < 128;
      if (a && b) both++;
      if (a || b) either++;
    }
    expect(either).toBeGreaterThan(1000);
    expect(both / either).toBeGreaterThan(0.7);
    // And not the same picture for other words (the measure can tell texts apart).
    const other = paintScene({ ...scene, items: [{ ...scene.items[0]!, text: 'لاکینکت لیلحت یدوعص دنور' } as Scene['items'][number]] });
    let both2 = 0, either2 = 0;
    for (let i = 0; i < other.length; i += 4) {
      const a = other[i]! < 128, b = resvg[i]! < 128;
      if (a && b) both2++;
      if (a || b) either2++;
    }
    expect(both2 / either2).toBeLessThan(0.5);
  });

  it('leaves gaps where an overlay is NaN (warm-up) instead of failing', () => {
    const png = renderCandleChart({ candles, title: 'x', overlays: [{ name: 'all NaN', values: new Float64Array(candles.close.length).fill(NaN), color: '#000' }] });
    expect(pngSize(png).width).toBe(800);
  });
});
