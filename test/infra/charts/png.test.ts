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

  it('packs a palette of 16, 4 or 2 colours at 4, 2 or 1 bits a pixel, rows of any width', () => {
    for (const colours of [16, 11, 4, 3, 2]) {
      for (const width of [1, 7, 37, 64]) {
        const px = image(width, 19, colours).map((v, i) => (i % 4 === 3 ? 255 : v));
        const used = new Set(Array.from({ length: width * 19 }, (_, i) => Buffer.from(px.subarray(i * 4, i * 4 + 4)).readUInt32BE(0))).size;
        if (width >= 37) expect(used).toBe(colours);
        const png = encodePalettePng(px, width, 19);
        const d = decodePng(png);
        expect(d.bitDepth).toBe(used <= 2 ? 1 : used <= 4 ? 2 : 4);
        expect(Buffer.from(d.rgba).equals(Buffer.from(px))).toBe(true);
        expect(Buffer.from(resvgPixels(png, width, 19)).equals(Buffer.from(px))).toBe(true);
      }
    }
  });

  it('keeps the `keep` colours exactly and only them when maxColours leaves no room: every other pixel takes the nearest', () => {
    // A near-white shade covering more pixels than the kept lines (as anti-aliasing leaves
    // around text): frequency alone would give it an entry and drop a kept colour.
    const w = 120, h = 80;
    const keep = ['#ffffff', '#1e88e5', '#fb8c00', '#333'];
    const rgb = (hex: string) => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), 255];
    const kept = [rgb('#ffffff'), rgb('#1e88e5'), rgb('#fb8c00'), [0x33, 0x33, 0x33, 255]];
    const px = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      const y = Math.floor(i / w);
      px.set(y === 10 ? kept[1]! : y === 20 ? kept[2]! : y === 30 && i % 7 === 0 ? kept[3]! : y >= 40 ? [254, 254, 254, 255] : y === 35 ? [120, 184, 239, 255] : kept[0]!, i * 4);
    }
    const d = decodePng(encodePalettePng(px, w, h, { keep, maxColours: 4 }));
    expect(d.paletteSize).toBe(4);
    expect(d.bitDepth).toBe(2);
    for (let i = 0; i < w * h; i++) {
      const y = Math.floor(i / w);
      const got = [...d.rgba.subarray(i * 4, i * 4 + 4)];
      if (y >= 40) expect(got).toEqual(kept[0]);
      else if (y === 35) expect(got).toEqual(kept[1]); // 60 % blue over white
      else expect(got).toEqual([...px.subarray(i * 4, i * 4 + 4)]);
    }
    // A kept colour the image does not use takes no entry.
    expect(decodePng(encodePalettePng(px, w, h, { keep: [...keep, '#8e24aa'], maxColours: 16 })).paletteSize).toBe(6);
  });

  it('in a palette of 16 or fewer, gives a shade one of the colours it mixes, the nearer, not the nearest colour of another hue', () => {
    // Kept: white, two greys, a tint between them, the EMA's blue and the volume bars' teal.
    const keep = ['#ffffff', '#999999', '#eeeeee', '#b39ddb', '#1e88e5', '#7dcac2'];
    const rgb = (h: string) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), 255];
    const over = (h: string, a: number, under = '#ffffff') => rgb(h).map((v, k) => (k === 3 ? 255 : Math.round(a * v + (1 - a) * rgb(under)[k]!)));
    const shades: [number[], string][] = [
      [over('#1e88e5', 0.6), '#1e88e5'], // nearest by distance alone: the teal
      [over('#1e88e5', 0.3), '#ffffff'],
      [[0xc0, 0xc0, 0xc0, 255], '#999999'], // a text edge; nearest alone: the lilac tint
      [[0xe0, 0xe0, 0xe0, 255], '#eeeeee'],
      [over('#1e88e5', 0.7, '#7dcac2'), '#1e88e5'], // the line over a volume bar
      [over('#1e88e5', 0.2, '#7dcac2'), '#7dcac2'],
    ];
    const w = 30;
    const px = new Uint8Array(w * (keep.length + shades.length) * 4);
    [...keep.map(rgb), ...shades.map((s) => s[0])].forEach((c, y) => { for (let x = 0; x < w; x++) px.set(c, (y * w + x) * 4); });
    const d = decodePng(encodePalettePng(px, w, keep.length + shades.length, { keep, maxColours: keep.length }));
    expect(d.paletteSize).toBe(keep.length);
    keep.forEach((h, y) => expect(d.hex(3, y)).toBe(h));
    shades.forEach(([, want], k) => expect(d.hex(3, keep.length + k)).toBe(want));
  });

  it('refuses a palette size outside 2-256 and a kept colour that is not #rgb or #rrggbb', () => {
    expect(() => encodePalettePng(new Uint8Array(16), 2, 2, { maxColours: 1 })).toThrow(/maxColours/);
    expect(() => encodePalettePng(new Uint8Array(16), 2, 2, { maxColours: 300 })).toThrow(/maxColours/);
    expect(() => encodePalettePng(new Uint8Array(16), 2, 2, { keep: ['red'] })).toThrow(/#rgb/);
  });

  it('refuses a buffer that is not width x height RGBA', () => {
    expect(() => encodePalettePng(new Uint8Array(10), 2, 2)).toThrow(/RGBA/);
  });
});
