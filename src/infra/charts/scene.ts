import { PRICE_STYLES, formatPrice as formatNumber } from '../../core/numbers.js';
import { candleCount } from '../../core/series.js';
import { textWidth } from './font-metrics.js';
import type { CandleChartInput } from './types.js';

/** One shape of the chart, in pixels; drawn in list order. */
export type SceneItem =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; rx?: number }
  /**
   * `d` is SVG path data; a path is filled, stroked or both. `rounded`: round joins, and round
   * caps unless dashed (a dash pattern keeps its gaps as drawn).
   */
  | { kind: 'path'; d: string; fill?: string; stroke?: string; width?: number; dash?: readonly number[]; crisp?: boolean; rounded?: boolean }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string; stroke: string; width: number }
  /** `y` is the baseline; `anchor` as SVG's text-anchor. */
  | { kind: 'text'; x: number; y: number; size: number; color: string; text: string; anchor: 'start' | 'middle' | 'end' };

export interface Scene {
  width: number;
  height: number;
  background: string;
  items: SceneItem[];
}

export const UP_COLOR = '#26a69a';
export const DOWN_COLOR = '#ef5350';

/** A price label precise enough for both BTC (60000) and SHIB (0.00001234). */
export const formatPrice = (v: number): string => formatNumber(v, PRICE_STYLES.axis);

/*
 * The chart is drawn here rather than through a charting library, as a short list of shapes
 * (a Scene) that svg.ts writes as SVG and skia.ts paints directly: every candle body of one
 * colour is one subpath of one path, every wick of one colour another, each overlay one path,
 * so the rasteriser fills a dozen shapes instead of ~1,000 elements (ECharts' SSR output took
 * ~40 % of an analysis and its 1,000 elements most of the rest). Paths are SVG path data, the
 * one notation both painters read. Axis-aligned shapes sit on whole pixels (one-pixel lines on
 * pixel centres) and are marked crisp: sharp wicks and grid lines, and few anti-aliasing
 * shades, which keeps the palette PNG small.
 */

// Two greys for text (dark, and mid for the secondary lines): with the grid, axis, white and
// the series colours the analysis chart stays within a 16-colour palette (png.ts, 4-bit),
// and the greys between them serve as the text's anti-aliasing shades.
const TEXT = { title: '#333', subtitle: '#666', legend: '#333', axis: '#333', volumeAxis: '#666' };
const AXIS_LINE = '#999';
const GRID_LINE = '#eee';
const VOLUME_OPACITY = 0.6;

/** One decimal: a tenth of a pixel is below what anti-aliasing shows, and the SVG stays short. */
const r1 = (v: number) => Math.round(v * 10) / 10;
const f = (v: number) => String(r1(v));
const LEVEL_DASH = [5, 3] as const;
const LINE_DASH = [4, 3] as const;

/** `color` drawn at `opacity` over white, as an opaque colour: no blending left for the rasteriser. */
function overWhite(color: string, opacity: number): string {
  const n = parseInt(color.slice(1), 16);
  const ch = (shift: number) => Math.round(((n >> shift) & 255) * opacity + 255 * (1 - opacity));
  return `#${((ch(16) << 16) | (ch(8) << 8) | ch(0)).toString(16).padStart(6, '0')}`;
}

/** 1, 2, 3 or 5 times a power of ten, nearest `v` (ECharts' rule, so the axes read the same as before). */
function niceStep(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const exp = Math.floor(Math.log10(v));
  const p = 10 ** exp;
  const m = v / p;
  const nice = m < 1.5 ? 1 : m < 2.5 ? 2 : m < 4 ? 3 : m < 7 ? 5 : 10;
  // Powers of ten below 1 are not exact in binary: rounding keeps 0.1 + 0.2 ticks clean.
  return exp < 0 ? Number((nice * p).toFixed(-exp)) : nice * p;
}

/**
 * Intraday candles need the time of day on the axis (the year is in the title);
 * daily and longer only the date.
 */
function timeLabel(time: Float64Array, i: number): string {
  const step = time.length > 1 ? time[1]! - time[0]! : 86_400_000;
  const iso = new Date(time[i]!).toISOString();
  return step < 86_400_000 ? iso.slice(5, 16).replace('T', ' ') : iso.slice(0, 10);
}

/**
 * Axis range from everything drawn on the price pane, levels included, so a level the
 * caller asked for is never silently clipped; a small pad keeps labels off the frame.
 */
export function priceRange(input: CandleChartInput): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number) => {
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  };
  const c = input.candles;
  for (let i = 0; i < c.low.length; i++) {
    take(c.low[i]!);
    take(c.high[i]!);
  }
  for (const o of input.overlays ?? []) for (let i = 0; i < o.values.length; i++) take(o.values[i]!);
  for (const l of input.levels ?? []) take(l.price);
  if (!Number.isFinite(lo)) return [0, 1];
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.04;
  return [lo - pad, hi + pad];
}

export function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toFixed(1)}K`;
  return String(+v.toFixed(2));
}

/** Text baseline for a line of `size` px whose middle is at `y` (DejaVu's x-height centre). */
const mid = (y: number, size: number) => y + size * 0.35;

/** Where things go: panes, candle centres and the price/volume scales (tests read pixels through it). */
export interface ChartLayout {
  width: number;
  height: number;
  top: number;
  left: number;
  right: number;
  priceBottom: number;
  volTop: number;
  volBottom: number;
  band: number;
  min: number;
  max: number;
  /** x of candle `i`'s centre. */
  cx(i: number): number;
  /** y of a price. */
  py(v: number): number;
}

export function chartLayout(input: CandleChartInput, width: number, height: number): ChartLayout {
  const n = candleCount(input.candles);
  const [min, max] = priceRange(input);
  const top = input.subtitle ? 84 : 64;
  const bottom = 34;
  const gap = 18;
  const volumeHeight = Math.round((height - top - bottom) * 0.2);
  const priceHeight = height - top - bottom - volumeHeight - gap;
  // Price axis on the left; the right margin holds the level tags, clear of the candles.
  const left = 64;
  const right = width - 120;
  const band = (right - left) / Math.max(1, n);
  const priceBottom = top + priceHeight;
  return {
    width, height, top, left, right, priceBottom, volTop: priceBottom + gap, volBottom: priceBottom + gap + volumeHeight, band, min, max,
    cx: (i) => left + band * (i + 0.5),
    py: (v) => top + ((max - v) / (max - min)) * priceHeight,
  };
}

/** Price pane (candles, overlays, S/R levels, markers) over a volume pane, with title, legend and axes. */
export function chartScene(input: CandleChartInput, width: number, height: number): Scene {
  const c = input.candles;
  const n = candleCount(c);
  const { top, left, right, priceBottom, volTop, volBottom, band, min, max, cx, py } = chartLayout(input, width, height);
  const volumeHeight = volBottom - volTop;

  const out: SceneItem[] = [];
  const labels: SceneItem[] = [];
  const text = (x: number, y: number, size: number, color: string, s: string, anchor: 'start' | 'middle' | 'end' = 'start'): SceneItem =>
    ({ kind: 'text', x: r1(x), y: r1(y), size, color, text: s, anchor });

  // Title block.
  out.push(text(width / 2, 6 + 16 * 0.9, 16, TEXT.title, input.title, 'middle'));
  if (input.subtitle) out.push(text(width / 2, 6 + 16 + 10 + 12 * 0.9, 12, TEXT.subtitle, input.subtitle, 'middle'));

  // Grid: price ticks and their split lines, crisp on whole pixels.
  const step = niceStep((max - min) / 5);
  const grid: string[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) {
    const y = Math.round(py(v)) + 0.5;
    // The padded extremes are not round numbers; their labels would collide with the tick labels.
    if (y - top < 6 || priceBottom - y < 6) continue;
    grid.push(`M${left} ${y}H${right}`);
    labels.push(text(left - 8, mid(y, 10), 10, TEXT.axis, formatPrice(Number(v.toPrecision(12))), 'end'));
  }
  out.push({ kind: 'path', d: grid.join(''), stroke: GRID_LINE, crisp: true });

  // Volume scale: two steps of a nice number from zero, like the price axis.
  let maxVol = 0;
  for (let i = 0; i < n; i++) if (c.volume[i]! > maxVol) maxVol = c.volume[i]!;
  const vStep = niceStep(maxVol / 2) || 1;
  const vMax = Math.max(vStep, Math.ceil(maxVol / vStep) * vStep);
  const vy = (v: number) => volBottom - (v / vMax) * volumeHeight;
  for (let v = 0; v <= vMax + vStep / 2; v += vStep) labels.push(text(left - 8, mid(vy(v), 9), 9, TEXT.volumeAxis, compact(v), 'end'));

  // Axis lines, x ticks and date labels (about seven, centred on their candle).
  const every = Math.max(1, Math.ceil(n / 7));
  const axis: string[] = [`M${left} ${priceBottom + 0.5}H${right}M${left} ${volBottom + 0.5}H${right}`];
  for (let i = 0; i < n; i += every) {
    const x = Math.round(cx(i)) + 0.5;
    axis.push(`M${x} ${volBottom}v5`);
    labels.push(text(x, volBottom + 8 + 10 * 0.9, 10, TEXT.axis, timeLabel(c.time, i), 'middle'));
  }
  out.push({ kind: 'path', d: axis.join(''), stroke: AXIS_LINE, crisp: true });

  // S/R levels: dashed across the pane, the tag in the right margin.
  for (const l of input.levels ?? []) {
    if (!Number.isFinite(l.price)) continue;
    const y = Math.round(py(l.price)) + 0.5;
    out.push({ kind: 'path', d: `M${left} ${y}H${right}`, stroke: l.color, dash: LEVEL_DASH, crisp: true });
    labels.push(text(right + 4, mid(py(l.price), 10), 10, l.color, l.label));
  }

  // Candles: wicks and bodies, one path per colour each; a doji still gets a one-pixel body.
  // Everything on whole pixels, centred on the wick's column, so no painter has to snap
  // (crispEdges) and every candle is drawn the same width.
  const bodyW = Math.max(1, Math.round(Math.min(14, band * 0.7)));
  const volW = Math.max(1, Math.round(Math.min(14, band * 0.8)));
  const wicks = { up: [] as string[], down: [] as string[] };
  const bodies = { up: [] as string[], down: [] as string[] };
  const vols = { up: [] as string[], down: [] as string[] };
  for (let i = 0; i < n; i++) {
    const o = c.open[i]!;
    const cl = c.close[i]!;
    const h = c.high[i]!;
    const lo = c.low[i]!;
    if (!Number.isFinite(o) || !Number.isFinite(cl)) continue;
    const side = cl >= o ? 'up' : 'down';
    const col = Math.round(cx(i));
    if (Number.isFinite(h) && Number.isFinite(lo)) wicks[side].push(`M${col + 0.5} ${Math.round(py(h))}V${Math.max(Math.round(py(h)) + 1, Math.round(py(lo)))}`);
    // Whole pixel rows: a doji is one row, not a faint line that crispEdges may drop.
    const yTop = Math.round(py(Math.max(o, cl)));
    const bh = Math.max(1, Math.round(py(Math.min(o, cl))) - yTop);
    bodies[side].push(`M${col - (bodyW >> 1)} ${yTop}h${bodyW}v${bh}h${-bodyW}z`);
    const v = c.volume[i]!;
    if (v > 0) {
      const y = Math.min(volBottom - 1, Math.round(vy(v)));
      vols[side].push(`M${col - (volW >> 1)} ${y}h${volW}V${volBottom}h${-volW}z`);
    }
  }
  for (const side of ['up', 'down'] as const) {
    const color = side === 'up' ? UP_COLOR : DOWN_COLOR;
    if (vols[side].length) out.push({ kind: 'path', d: vols[side].join(''), fill: overWhite(color, VOLUME_OPACITY), crisp: true });
    if (wicks[side].length) out.push({ kind: 'path', d: wicks[side].join(''), stroke: color, crisp: true });
    if (bodies[side].length) out.push({ kind: 'path', d: bodies[side].join(''), fill: color, crisp: true });
  }

  // Overlays: one path each, broken where the value is NaN (indicator warm-up). Round caps
  // put the first and last points in full colour: a butt end covers half its pixel, a shade
  // a 16-colour palette turns to white (png.ts).
  const overlays = input.overlays ?? [];
  for (const o of overlays) {
    const d: string[] = [];
    let pen = false;
    for (let i = 0; i < n; i++) {
      const v = o.values[i];
      if (v === undefined || !Number.isFinite(v)) {
        pen = false;
        continue;
      }
      d.push(`${pen ? 'L' : 'M'}${f(cx(i))} ${f(py(v))}`);
      pen = true;
    }
    if (d.length) out.push({ kind: 'path', d: d.join(''), stroke: o.color, width: o.width ?? 1.5, rounded: true, ...(o.dashed ? { dash: LINE_DASH } : {}) });
  }

  // Markers: triangles (or circles) centred on their price, one path per colour and shape.
  const markerPaths = new Map<string, string[]>();
  for (const m of input.markers ?? []) {
    if (m.index < 0 || m.index >= n || !Number.isFinite(m.price)) continue;
    const x = cx(m.index);
    const y = py(m.price);
    const shape = m.shape ?? 'triangle-up';
    const d = shape === 'circle'
      ? `M${f(x - 4.5)} ${f(y)}a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0z`
      : shape === 'triangle-down'
        ? `M${f(x - 4.5)} ${f(y - 4)}h9l-4.5 8z`
        : `M${f(x - 4.5)} ${f(y + 4)}h9l-4.5 -8z`;
    const key = m.color;
    markerPaths.set(key, [...(markerPaths.get(key) ?? []), d]);
    if (m.label) labels.push(text(x, shape === 'triangle-down' ? y - 8 : mid(y + 14, 10), 10, m.color, m.label, 'middle'));
  }
  for (const [color, d] of markerPaths) out.push({ kind: 'path', d: d.join(''), fill: color });

  // Legend: the candles' swatch, then one line swatch per overlay, centred as one row.
  const items = [{ name: 'price', color: UP_COLOR, line: false, dashed: false }, ...overlays.map((o) => ({ name: o.name, color: o.color, line: true, dashed: Boolean(o.dashed) }))];
  const size = 11;
  const widths = items.map((it) => 25 + 5 + textWidth(it.name, size));
  let x = (width - (widths.reduce((a, b) => a + b, 0) + 10 * (items.length - 1))) / 2;
  const ly = (input.subtitle ? 54 : 32) + 7;
  items.forEach((it, k) => {
    if (it.line) {
      out.push({ kind: 'path', d: `M${f(x)} ${ly}h25`, stroke: it.color, width: 2, ...(it.dashed ? { dash: LINE_DASH } : {}) });
      out.push({ kind: 'circle', cx: r1(x + 12.5), cy: ly, r: 3.5, fill: '#fff', stroke: it.color, width: 1.5 });
    } else {
      out.push({ kind: 'rect', x: r1(x), y: ly - 4, w: 25, h: 8, rx: 2, fill: it.color });
    }
    labels.push(text(x + 30, mid(ly, size), size, TEXT.legend, it.name));
    x += widths[k]! + 10;
  });

  out.push(...labels);
  return { width, height, background: '#fff', items: out };
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
const longHex = (c: string) => (c.length === 4 ? `#${c[1]}${c[1]}${c[2]}${c[2]}${c[3]}${c[3]}` : c).toLowerCase();

/** Every colour the scene paints, background first, each once (`#rrggbb` for hex colours, other CSS colours as written). */
export function sceneColours(scene: Scene): string[] {
  const seen = new Set<string>();
  const add = (c: string | undefined) => {
    if (c !== undefined) seen.add(HEX.test(c) ? longHex(c) : c);
  };
  add(scene.background);
  for (const it of scene.items) {
    if (it.kind === 'text') add(it.color);
    else if (it.kind === 'rect') add(it.fill);
    else {
      add(it.fill);
      add(it.stroke);
    }
  }
  return [...seen];
}

/**
 * How a scene's pixels become a palette PNG: its own colours kept exactly. When they fit in
 * 16 entries the palette is those colours alone, 4-bit (or fewer bits), and every
 * anti-aliasing shade takes the nearest of them (text edges fall on the greys between text
 * and white, a line's edges on its colour, a tint or white): about half the bytes of 256
 * colours (analysis chart 25.0 -> 12.7 KB), the lines and the Persian text as legible. A
 * spare entry would go to the most frequent shade, a near-white (#fefefe) that breaks the
 * background's runs: 0.8 KB more for nothing visible. A colour given in another CSS form (a
 * name, rgba()) is not known here: such a scene keeps 256 entries.
 */
export function scenePngOptions(scene: Scene): { keep: string[]; maxColours: number } {
  const colours = sceneColours(scene);
  const keep = colours.filter((c) => HEX.test(c));
  return { keep, maxColours: keep.length === colours.length && keep.length <= 16 ? Math.max(2, keep.length) : 256 };
}
