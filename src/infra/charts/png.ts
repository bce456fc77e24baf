import { deflateSync } from 'node:zlib';

/*
 * RGBA pixels to an indexed (palette) PNG. A chart is a few flat colours plus their
 * anti-aliasing shades, so 256 colours hold it: the file is a fraction of the RGBA PNG
 * (one byte per pixel before compression instead of four, long runs that deflate well),
 * and the encoder's work shrinks with it.
 */

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(buf: Uint8Array, from: number, to: number): number {
  let c = -1;
  for (let i = from; i < to; i++) c = CRC_TABLE[(c ^ buf[i]!) & 255]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
  return out;
}

// Pixels are read as little-endian uint32: 0xAABBGGRR.
const R = (p: number) => p & 255;
const G = (p: number) => (p >>> 8) & 255;
const B = (p: number) => (p >>> 16) & 255;
const A = (p: number) => p >>> 24;

export interface PalettePngOptions {
  /** zlib level; 3 by default: on an 800x500 chart 25 KB in 1.6 ms, level 6 22 KB in 4.5 ms, 9 21 KB in 40 ms. */
  level?: number;
}

// Scratch space reused across charts: fresh pages cost ~10-50 us each to first touch on
// virtual machines, more than the encoding itself.
let raw = Buffer.alloc(0);

/** Open-addressing table colour -> slot, sized for a chart's few thousand shades. */
class ColourTable {
  keys: Int32Array;
  slots: Int32Array;
  colours: number[] = [];
  private mask: number;
  constructor(bits = 13) {
    this.keys = new Int32Array(1 << bits);
    this.slots = new Int32Array(1 << bits).fill(-1);
    this.mask = (1 << bits) - 1;
  }
  slot(p: number): number {
    let h = Math.imul(p, 0x9e3779b1) >>> 20 & this.mask;
    for (;;) {
      const s = this.slots[h]!;
      if (s < 0) break;
      if (this.keys[h] === p) return s;
      h = (h + 1) & this.mask;
    }
    if (this.colours.length * 2 > this.mask) return this.grow(p);
    const s = this.colours.length;
    this.keys[h] = p;
    this.slots[h] = s;
    this.colours.push(p);
    return s;
  }
  private grow(p: number): number {
    const old = this.colours;
    const bits = Math.log2(this.mask + 1) + 1;
    this.keys = new Int32Array(1 << bits);
    this.slots = new Int32Array(1 << bits).fill(-1);
    this.mask = (1 << bits) - 1;
    this.colours = [];
    for (const c of old) this.slot(c);
    return this.slot(p);
  }
}

/** Runs of equal pixels (end index and colour slot), reused across charts like `raw`. */
let runEnd = new Int32Array(0);
let runSlot = new Int32Array(0);

/**
 * Where a colour falls along the grey axis of the distance's space (R, G, B scaled by the
 * square roots of their weights 2, 4, 3): two colours whose keys differ by k are at least
 * k * k / 3 apart, whatever their alpha (Cauchy-Schwarz; alpha only adds to the distance).
 * Anti-aliasing shades are blends of a colour with the white background, which moves them
 * mostly along this axis, so the bound is nearly the distance itself.
 */
const key = (c: number) => Math.SQRT2 * R(c) + 2 * G(c) + Math.sqrt(3) * B(c);

/**
 * The index of the palette colour nearest `c` (weighted squared distance over R, G, B, A;
 * the lowest index on a tie). `byKey` lists palette indices by `key`, `keys` their keys: the
 * search walks out from `c`'s key both ways and stops on a side once the bound alone is
 * farther than the best so far, so a shade meets a few candidates, not all 256.
 */
function nearest(c: number, byKey: Int32Array, keys: Float64Array, pr: Int32Array, pg: Int32Array, pb: Int32Array, pa: Int32Array): number {
  const r = R(c), g = G(c), b = B(c), a = A(c);
  const k = key(c);
  let best = 0;
  let bestD = 0x7fffffff;
  // First key >= k, by bisection.
  let hi = 0;
  for (let top = keys.length; hi < top;) {
    const m = (hi + top) >> 1;
    if (keys[m]! < k) hi = m + 1;
    else top = m;
  }
  let lo = hi - 1;
  for (;;) {
    const upK = hi < keys.length ? keys[hi]! - k : Infinity;
    const downK = lo >= 0 ? k - keys[lo]! : Infinity;
    const up = upK <= downK;
    const dk = up ? upK : downK;
    // Every remaining candidate is at least this far (ties still count: lowest index wins).
    if (dk === Infinity || (dk * dk) / 3 > bestD + 1e-6) break;
    const j = up ? byKey[hi++]! : byKey[lo--]!;
    const dg = g - pg[j]!;
    const db = b - pb[j]!;
    const dr = r - pr[j]!;
    const da = a - pa[j]!;
    const d = 4 * dg * dg + 3 * db * db + 2 * dr * dr + 4 * da * da;
    if (d < bestD || (d === bestD && j < best)) {
      bestD = d;
      best = j;
    }
  }
  return best;
}

/**
 * The image as an 8-bit palette PNG. Up to 256 distinct colours are kept exactly; beyond
 * that the 256 most frequent are kept (flat fills, lines and text cores) and every rarer
 * colour (an anti-aliasing shade) takes its nearest kept colour.
 */
export function encodePalettePng(rgba: Uint8Array, width: number, height: number, opts: PalettePngOptions = {}): Buffer {
  const n = width * height;
  if (rgba.length !== n * 4) throw new Error(`expected ${n * 4} RGBA bytes, got ${rgba.length}`);
  // Little-endian view (every platform Node ships for): 0xAABBGGRR as a signed int, a small
  // integer for the table instead of a heap number per pixel.
  const aligned = rgba.byteOffset % 4 === 0 ? rgba : Uint8Array.from(rgba);
  const px = new Int32Array(aligned.buffer, aligned.byteOffset, n);

  // One pass over the pixels: runs of equal colour (a chart is long runs), each with its
  // colour's slot, and one table probe and one count per run.
  const table = new ColourTable();
  let counts = new Int32Array(256);
  if (runEnd.length < n) {
    runEnd = new Int32Array(n);
    runSlot = new Int32Array(n);
  }
  const ends = runEnd;
  const slots = runSlot;
  let runs = 0;
  let prev = px[0]!;
  let runStart = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && px[i] === prev) continue;
    const slot = table.slot(prev);
    if (slot >= counts.length) {
      const grown = new Int32Array(counts.length * 4);
      grown.set(counts);
      counts = grown;
    }
    counts[slot] += i - runStart;
    ends[runs] = i;
    slots[runs++] = slot;
    if (i < n) prev = px[i]!;
    runStart = i;
  }
  const colours = table.colours.map((p) => p >>> 0);

  // Most frequent first, ties by colour value. Below 2^21 pixels (count * 2^32 + colour stays
  // exact in a double) one typed-array sort of packed keys, not a comparator call per step.
  let order: number[];
  if (n < 2 ** 21) {
    const packed = new Float64Array(colours.length);
    for (let k = 0; k < colours.length; k++) packed[k] = -counts[k]! * 4294967296 + colours[k]!;
    packed.sort();
    order = Array.from(packed, (v) => table.slot((((v % 4294967296) + 4294967296) % 4294967296) | 0));
  } else {
    order = colours.map((_, k) => k).sort((a, b) => counts[b]! - counts[a]! || colours[a]! - colours[b]!);
  }
  const palette = order.slice(0, 256).map((k) => colours[k]!);
  const toIndex = new Uint8Array(colours.length);
  for (let rank = 0; rank < Math.min(256, order.length); rank++) toIndex[order[rank]!] = rank;
  if (order.length > 256) {
    const pr = Int32Array.from(palette, R);
    const pg = Int32Array.from(palette, G);
    const pb = Int32Array.from(palette, B);
    const pa = Int32Array.from(palette, A);
    const byKey = Int32Array.from(palette.keys()).sort((a, b) => key(palette[a]!) - key(palette[b]!) || a - b);
    const keys = Float64Array.from(byKey, (j) => key(palette[j]!));
    for (let rank = 256; rank < order.length; rank++) toIndex[order[rank]!] = nearest(colours[order[rank]!]!, byKey, keys, pr, pg, pb, pa);
  }

  // Scanlines: a filter byte (0, none: the PNG spec's advice for palette images) and one
  // index per pixel, written run by run.
  const rawLen = (width + 1) * height;
  if (raw.length < rawLen) raw = Buffer.alloc(rawLen);
  const out = raw;
  for (let y = 0; y < height; y++) out[y * (width + 1)] = 0;
  let at = 0; // pixel index
  for (let r = 0; r < runs; r++) {
    const end = ends[r]!;
    const index = toIndex[slots[r]!]!;
    while (at < end) {
      const y = (at / width) | 0;
      const rowEnd = Math.min(end, (y + 1) * width);
      const o = at + y + 1;
      const len = rowEnd - at;
      if (len > 16) out.fill(index, o, o + len);
      else for (let k = 0; k < len; k++) out[o + k] = index;
      at = rowEnd;
    }
  }

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // colour type: palette
  const plte = Buffer.alloc(palette.length * 3);
  const trns = Buffer.alloc(palette.length);
  let opaque = true;
  palette.forEach((p, k) => {
    plte[k * 3] = R(p);
    plte[k * 3 + 1] = G(p);
    plte[k * 3 + 2] = B(p);
    trns[k] = A(p);
    if (A(p) !== 255) opaque = false;
  });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    ...(opaque ? [] : [chunk('tRNS', trns)]),
    chunk('IDAT', deflateSync(raw.subarray(0, rawLen), { level: opts.level ?? 3 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
