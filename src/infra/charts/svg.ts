import { CHART_FONT_FAMILY } from './fonts.js';
import { chartScene, type Scene } from './scene.js';
import type { CandleChartInput } from './types.js';

export { UP_COLOR, DOWN_COLOR, formatPrice, priceRange, compact, chartLayout, type ChartLayout } from './scene.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The scene as SVG text: what resvg rasterises, and the chart's portable form. */
export function sceneSvg(scene: Scene): string {
  const { width, height } = scene;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}">`);
  out.push(`<rect width="${width}" height="${height}" fill="${scene.background}"/>`);
  for (const it of scene.items) {
    switch (it.kind) {
      case 'text':
        out.push(`<text x="${it.x}" y="${it.y}" font-size="${it.size}" fill="${it.color}"${it.anchor === 'start' ? '' : ` text-anchor="${it.anchor}"`}>${esc(it.text)}</text>`);
        break;
      case 'path': {
        const paint = it.fill ? ` fill="${it.fill}"` : it.stroke ? ' fill="none"' : '';
        const stroke = it.stroke ? ` stroke="${it.stroke}"${it.width === undefined ? '' : ` stroke-width="${it.width}"`}${it.rounded ? ` stroke-linejoin="round"${it.dash ? '' : ' stroke-linecap="round"'}` : ''}` : '';
        const dash = it.dash ? ` stroke-dasharray="${it.dash.join(' ')}"` : '';
        out.push(`<path d="${it.d}"${paint}${stroke}${dash}${it.crisp ? ' shape-rendering="crispEdges"' : ''}/>`);
        break;
      }
      case 'circle':
        out.push(`<circle cx="${it.cx}" cy="${it.cy}" r="${it.r}" fill="${it.fill}" stroke="${it.stroke}" stroke-width="${it.width}"/>`);
        break;
      case 'rect':
        out.push(`<rect x="${it.x}" y="${it.y}" width="${it.w}" height="${it.h}"${it.rx ? ` rx="${it.rx}"` : ''} fill="${it.fill}"/>`);
        break;
    }
  }
  out.push('</svg>');
  return out.join('');
}

/** Price pane (candles, overlays, S/R levels, markers) over a volume pane, with title, legend and axes, as SVG. */
export function candleChartSvg(input: CandleChartInput, width: number, height: number): string {
  return sceneSvg(chartScene(input, width, height));
}
