import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY, chartFontFiles } from './fonts.js';

function options(): ResvgRenderOptions {
  return {
    font: { loadSystemFonts: false, fontFiles: chartFontFiles(), defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
    background: '#ffffff',
    logLevel: 'off',
  };
}

/** SVG to PNG on the calling thread. */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, options()).render().asPng();
}

/** Same picture, rasterised on libuv's thread pool so a server keeps answering meanwhile. */
export async function svgToPngAsync(svg: string): Promise<Buffer> {
  return (await renderAsync(svg, options())).asPng();
}
