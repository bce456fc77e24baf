import { createRequire } from 'node:module';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { CHART_FONT_FILE, chartFontFiles } from './fonts.js';
import { encodePalettePng } from './png.js';
import { scenePngOptions, type Scene } from './scene.js';

/*
 * The scene painted by Skia (@napi-rs/canvas) straight into pixels: no SVG text to parse,
 * the shipped font registered once per process (resvg read it and shaped every label again
 * on every render), and one canvas per size reused. Text is shaped by Skia's HarfBuzz:
 * Persian is joined and set right to left, as resvg did.
 */

type Skia = typeof import('@napi-rs/canvas');

/** A family name no system font has: nothing but the shipped file can match it. */
const FAMILY = 'Sextant Chart DejaVu';

let skia: Skia | null | undefined;
let loadError: unknown;

/**
 * Loads Skia and registers the shipped font under FAMILY, once per process (per thread for
 * the pool's workers); null when the binary does not load on this platform.
 */
export function loadSkia(): Skia | null {
  if (skia !== undefined) return skia;
  try {
    skia = createRequire(import.meta.url)('@napi-rs/canvas') as Skia;
    const [file] = chartFontFiles();
    if (!skia.GlobalFonts.registerFromPath(file ?? CHART_FONT_FILE, FAMILY)) throw new Error(`chart font could not be registered: ${file}`);
  } catch (e) {
    loadError = e;
    skia = null;
  }
  return skia;
}

/** Why Skia is not used (its binary is missing for this platform...), for logs and tests. */
export function skiaLoadError(): unknown {
  return loadError;
}

let surface: { canvas: Canvas; ctx: SKRSContext2D } | undefined;

function context(s: Skia, width: number, height: number): SKRSContext2D {
  if (surface?.canvas.width !== width || surface.canvas.height !== height) {
    const canvas = s.createCanvas(width, height);
    surface = { canvas, ctx: canvas.getContext('2d') };
  }
  const ctx = surface.ctx;
  ctx.reset();
  // Fixed, so the host's language never changes how a label is shaped.
  ctx.lang = 'fa';
  return ctx;
}

/** Paints `scene` and returns its RGBA pixels (opaque: the background covers everything). */
export function paintScene(scene: Scene): Uint8Array {
  const s = loadSkia();
  if (!s) throw new Error(`Skia (@napi-rs/canvas) is not available: ${String(loadError)}`);
  const ctx = context(s, scene.width, scene.height);
  ctx.fillStyle = scene.background;
  ctx.fillRect(0, 0, scene.width, scene.height);
  let font = '';
  for (const it of scene.items) {
    switch (it.kind) {
      case 'path': {
        const p = new s.Path2D(it.d);
        if (it.fill) {
          ctx.fillStyle = it.fill;
          ctx.fill(p);
        }
        if (it.stroke) {
          ctx.strokeStyle = it.stroke;
          ctx.lineWidth = it.width ?? 1;
          ctx.lineJoin = it.rounded ? 'round' : 'miter';
          ctx.lineCap = it.rounded && !it.dash ? 'round' : 'butt';
          ctx.setLineDash(it.dash ? [...it.dash] : []);
          ctx.stroke(p);
        }
        break;
      }
      case 'rect':
        ctx.fillStyle = it.fill;
        if (it.rx) {
          ctx.beginPath();
          ctx.roundRect(it.x, it.y, it.w, it.h, it.rx);
          ctx.fill();
        } else ctx.fillRect(it.x, it.y, it.w, it.h);
        break;
      case 'circle':
        ctx.beginPath();
        ctx.arc(it.cx, it.cy, it.r, 0, 2 * Math.PI);
        ctx.fillStyle = it.fill;
        ctx.fill();
        ctx.strokeStyle = it.stroke;
        ctx.lineWidth = it.width;
        ctx.setLineDash([]);
        ctx.stroke();
        break;
      case 'text': {
        const want = `${it.size}px "${FAMILY}"`;
        if (want !== font) ctx.font = font = want;
        ctx.fillStyle = it.color;
        ctx.textAlign = it.anchor === 'middle' ? 'center' : it.anchor === 'end' ? 'right' : 'left';
        ctx.fillText(it.text, it.x, it.y);
        break;
      }
    }
  }
  return surface!.canvas.data();
}

/** The scene as a palette PNG, painted by Skia. */
export function scenePng(scene: Scene): Buffer {
  return encodePalettePng(paintScene(scene), scene.width, scene.height, scenePngOptions(scene));
}
