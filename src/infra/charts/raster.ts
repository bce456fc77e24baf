import { createRequire } from 'node:module';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY, chartFontFiles } from './fonts.js';
import { encodePalettePng, type PalettePngOptions } from './png.js';

type ResvgModule = typeof import('@resvg/resvg-js');
let resvgModule: ResvgModule | undefined;

/** Loaded on first use: with Skia painting, resvg (~45-60 ms to load here) is never needed. */
const resvg = (): ResvgModule => (resvgModule ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule);

function options(): ResvgRenderOptions {
  return {
    font: { loadSystemFonts: false, fontFiles: chartFontFiles(), defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
    background: '#ffffff',
    logLevel: 'off',
  };
}

/**
 * The fallback painter (candle-chart.ts uses Skia when its binary loads): SVG to a palette PNG
 * on the calling thread, resvg rasterising and png.ts encoding.
 */
export function svgToPng(svg: string, png: PalettePngOptions = {}): Buffer {
  const img = new (resvg().Resvg)(svg, options()).render();
  return encodePalettePng(img.pixels, img.width, img.height, png);
}

/** Same picture, rasterised on libuv's thread pool so a server keeps answering meanwhile. */
export async function svgToPngAsync(svg: string, png: PalettePngOptions = {}): Promise<Buffer> {
  const img = await resvg().renderAsync(svg, options());
  return encodePalettePng(img.pixels, img.width, img.height, png);
}
