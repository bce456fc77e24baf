import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { encodePalettePng } from '../../../src/infra/charts/png.js';
import { decodePng } from './png.js';

/** A deterministic image: `colours` distinct RGBA values in irregular runs (a few translucent). */
function image(width: number, height: number, colours: number): Uint8Array {
  const px = new Uint8Array(width * height * 4);
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const table = Array.from({ length: colours }, (_, k) => [(k * 37) & 255, (k * 91 + 13) & 255, (k * 53 + 101) & 255, k % 17 === 3 ? 128 : 255]);
  for (let i = 0; i < width * height;) {
    const c = table[Math.floor(rand() * colours)]!;
    for (let r = 1 + Math.floor(rand() * 12); r > 0 && i < width * height; r--, i++) px.set(c, i * 4);
  }
  return px;
}

/** The PNG as another decoder (resvg's, through an <image>) draws it. */
function resvgPixels(png: Buffer, width: number, height: number): Uint8Array {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" image-rendering="optimizeSpeed" xlink:href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
}

describe('encodePalettePng', () => {
  it('keeps an image of at most 256 colours exactly, translucent ones included (tRNS)', () => {
    const px = image(97, 41, 200);
    const png = encodePalettePng(px, 97, 41);
    const d = decodePng(png);
    expect(d.colourType).toBe(3);
    const distinct = new Set(Array.from({ length: 97 * 41 }, (_, i) => Buffer.from(px.subarray(i * 4, i * 4 + 4)).readUInt32BE(0)));
    expect(distinct.size).toBeGreaterThan(150);
    expect(d.paletteSize).toBe(distinct.size);
    expect(Buffer.from(d.rgba).equals(Buffer.from(px))).toBe(true);
  });

  it('reads the same in an independent decoder (resvg)', () => {
    const px = image(64, 32, 50).map((v, i) => (i % 4 === 3 ? 255 : v));
    const png = encodePalettePng(px, 64, 32);
    expect(Buffer.from(resvgPixels(png, 64, 32)).equals(Buffer.from(px))).toBe(true);
  });

  it('maps colours beyond 256 to the nearest kept one: the frequent colours stay exact', () => {
    // 256 frequent colours in long runs, then 2,000 one-pixel shades.
    const w = 300, h = 200;
    const px = image(w, h, 256);
    for (let k = 0; k < 2000; k++) px.set([k & 255, (k >> 3) & 255, 200, 255], (k * 29 % (w * h)) * 4);
    const d = decodePng(encodePalettePng(px, w, h));
    expect(d.paletteSize).toBe(256);
    let exact = 0;
    let worst = 0;
    for (let i = 0; i < w * h; i++) {
      let same = true;
      for (let ch = 0; ch < 4; ch++) {
        const diff = Math.abs(d.rgba[i * 4 + ch]! - px[i * 4 + ch]!);
        if (diff) same = false;
        worst = Math.max(worst, diff);
      }
      if (same) exact++;
    }
    expect(exact).toBeGreaterThanOrEqual(w * h - 2000);
    expect(exact).toBeLessThan(w * h);
    expect(worst).toBeLessThan(256);
  });

  it('gives every rarer colour the palette entry nearest it (weighted RGBA distance, lowest index on a tie)', () => {
    // Greys and tints in long runs (the palette), then one-pixel shades between them, the way
    // anti-aliasing blends a line into the background.
    const w = 200, h = 120;
    const px = image(w, h, 256);
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let k = 0; k < 3000; k++) px.set([Math.floor(rand() * 256), Math.floor(rand() * 256), Math.floor(rand() * 256), rand() < 0.1 ? 128 : 255], Math.floor(rand() * w * h) * 4);
    const d = decodePng(encodePalettePng(px, w, h));
    expect(d.paletteSize).toBe(256);
    const png = encodePalettePng(px, w, h);
    const plte = png.subarray(png.indexOf('PLTE') + 4);
    const trnsAt = png.indexOf('tRNS');
    const pal = Array.from({ length: 256 }, (_, j) => [plte[j * 3]!, plte[j * 3 + 1]!, plte[j * 3 + 2]!, trnsAt < 0 ? 255 : png[trnsAt + 4 + j]!]);
    const dist = (a: ArrayLike<number>, b: ArrayLike<number>) => 2 * (a[0]! - b[0]!) ** 2 + 4 * (a[1]! - b[1]!) ** 2 + 3 * (a[2]! - b[2]!) ** 2 + 4 * (a[3]! - b[3]!) ** 2;
    let shades = 0;
    for (let i = 0; i < w * h; i++) {
      const want = px.subarray(i * 4, i * 4 + 4);
      const got = d.rgba.subarray(i * 4, i * 4 + 4);
      if (Buffer.from(got).equals(Buffer.from(want))) continue;
      shades++;
      let best = 0;
      for (let j = 1; j < 256; j++) if (dist(want, pal[j]!) < dist(want, pal[best]!)) best = j;
      expect([...got]).toEqual(pal[best]);
    }
    expect(shades).toBeGreaterThan(2000);
  });

  it('refuses a buffer that is not width x height RGBA', () => {
    expect(() => encodePalettePng(new Uint8Array(10), 2, 2)).toThrow(/RGBA/);
  });
});
