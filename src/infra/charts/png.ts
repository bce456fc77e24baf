import { deflateSync } from 'node:zlib';

/*
 * RGBA pixels to an indexed (palette) PNG. A chart is a few flat colours plus their
 * anti-aliasing shades, so 256 colours hold it: the file is a fraction of the RGBA PNG
 * (one byte per pixel before compression instead of four, long runs that deflate well),
 * and the encoder's work shrinks with it. A caller that knows its colours (a chart scene)
 * can ask for 16: its own colours stay exact, the shades take the nearest of them, and the
 * pixels are packed two to a byte (4-bit), which halves what deflate reads and roughly
 * halves the file (the analysis chart: 25.0 -> 12.7 KB).
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
  /**
   * zlib level. By default 3 for 8-bit pixels (800x500 chart: 25 KB in 1.6 ms; 6: 22 KB in
   * 4.5 ms; 9: 21 KB in 40 ms) and 6 for packed pixels, half as many bytes to read (the same
   * chart in 16 colours: 3 gives 14.2 KB in 0.5 ms, 6 12.7 KB in 1.1 ms, 8 12.2 KB in 4 ms).
   */
  level?: number;
  /** Palette entries at most (2 to 256, default 256); up to 16 the pixels are packed (1, 2 or 4 bits). */
  maxColours?: number;
  /**
   * Opaque colours (`#rgb` or `#rrggbb`) that keep an entry of their own whenever they occur,
   * ahead of more frequent ones: a small palette filled by frequency alone gives its entries
   * to the anti-aliasing shades of the text and loses a line drawn in few pixels.
   */
  keep?: readonly string[];
}

/** `#rgb` / `#rrggbb` as a pixel read little-endian (0xAABBGGRR), opaque. */
function hexPixel(hex: string): number {
  const h = hex.length === 4 ? hex.slice(1).replace(/./g, (c) => c + c) : hex.slice(1);
  if (!/^[0-9a-f]{6}$/i.test(h)) throw new Error(`not a #rgb or #rrggbb colour: ${hex}`);
  const v = parseInt(h, 16);
  return ((255 << 24) | ((v & 255) << 16) | (v & 0xff00) | (v >>> 16)) >>> 0;
}

// Scratch space reused across charts: fresh pages cost ~10-50 us each to first touch on
// virtual machines, more than the encoding itself.
let raw = Buffer.alloc(0);
let packed = Buffer.alloc(0);

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
  /** The slot of `p`, or -1 if the table has not met it. */
  find(p: number): number {
    for (let h = Math.imul(p, 0x9e3779b1) >>> 20 & this.mask; ; h = (h + 1) & this.mask) {
      const s = this.slots[h]!;
      if (s < 0 || this.keys[h] === p) return s;
    }
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

/** Largest palette that `blendOf` serves: its pairs (120 at 16) are walked for every shade. */
const BLEND_PALETTE = 16;
/**
 * How much farther from its best mixing line a pair may be and still count as what mixed the
 * shade (weighted squared units; rounding each channel to a byte alone leaves up to ~3).
 */
const BLEND_SLACK = 20;

/**
 * The palette entry for a shade in a small palette, as anti-aliasing made it: a shade is
 * `t * P + (1 - t) * Q` for the two colours an edge mixed (a line and the background, text
 * and a grid line), so the pairs whose mixing segment passes nearest it name the colours it
 * may take, and it takes the nearest of those (weighted distance as `nearest`; lowest index
 * on a tie). The nearest colour alone would colour a line's edges by whatever palette entry
 * lies closest, hue aside: 60 % of the EMA's blue over white is nearer the volume bars' teal
 * tint than the blue, and a grey text edge between #999 and #eee went lilac (#b39ddb). Every
 * grey lies on the black-white line, so text edges still take the grey nearest them.
 */
class BlendMap {
  private readonly size: number;
  private readonly pr: Int32Array;
  private readonly pg: Int32Array;
  private readonly pb: Int32Array;
  private readonly pa: Int32Array;
  /** Per pair (i < j, in order): P - Q weighted per channel, P - Q's weighted length squared, Q . that. */
  private readonly wd: Float64Array;
  private readonly dd: Float64Array;
  private readonly qd: Float64Array;
  private readonly inverse: Float64Array;
  private readonly dist: Float64Array;
  private readonly residual: Float64Array;

  constructor(palette: readonly number[]) {
    this.size = palette.length;
    this.pr = Int32Array.from(palette, R);
    this.pg = Int32Array.from(palette, G);
    this.pb = Int32Array.from(palette, B);
    this.pa = Int32Array.from(palette, A);
    const pairs = (this.size * (this.size - 1)) / 2;
    this.wd = new Float64Array(pairs * 4);
    this.dd = new Float64Array(pairs);
    this.qd = new Float64Array(pairs);
    this.inverse = new Float64Array(pairs);
    this.dist = new Float64Array(this.size);
    this.residual = new Float64Array(pairs);
    for (let i = 0, pair = 0; i < this.size; i++) {
      for (let j = i + 1; j < this.size; j++, pair++) {
        const dr = this.pr[i]! - this.pr[j]!, dg = this.pg[i]! - this.pg[j]!, db = this.pb[i]! - this.pb[j]!, da = this.pa[i]! - this.pa[j]!;
        this.wd.set([2 * dr, 4 * dg, 3 * db, 4 * da], pair * 4);
        this.dd[pair] = 2 * dr * dr + 4 * dg * dg + 3 * db * db + 4 * da * da;
        this.inverse[pair] = 1 / this.dd[pair]!;
        this.qd[pair] = 2 * dr * this.pr[j]! + 4 * dg * this.pg[j]! + 3 * db * this.pb[j]! + 4 * da * this.pa[j]!;
      }
    }
  }

  index(c: number): number {
    const r = R(c), g = G(c), b = B(c), a = A(c);
    const { size, dist, residual, wd, dd, qd, inverse } = this;
    let nearest = 0;
    for (let k = 0; k < size; k++) {
      const dr = r - this.pr[k]!, dg = g - this.pg[k]!, db = b - this.pb[k]!, da = a - this.pa[k]!;
      dist[k] = 2 * dr * dr + 4 * dg * dg + 3 * db * db + 4 * da * da;
      if (dist[k]! < dist[nearest]!) nearest = k;
    }
    // Within the slack of a colour, every segment from it passes near enough: that colour is
    // a candidate and the nearest, whatever the other segments give (most shades: near-white).
    if (dist[nearest]! <= BLEND_SLACK) return nearest;
    // Squared distance to each segment: to its nearer end outside it, else by projection.
    let least = Infinity;
    for (let i = 0, pair = 0; i < size; i++) {
      for (let j = i + 1; j < size; j++, pair++) {
        const o = pair * 4;
        const along = r * wd[o]! + g * wd[o + 1]! + b * wd[o + 2]! + a * wd[o + 3]! - qd[pair]!;
        const e = along <= 0 ? dist[j]! : along >= dd[pair]! ? dist[i]! : dist[j]! - along * along * inverse[pair]!;
        residual[pair] = e;
        if (e < least) least = e;
      }
    }
    let best = 0;
    let bestD = Infinity;
    for (let i = 0, pair = 0; i < size; i++) {
      for (let j = i + 1; j < size; j++, pair++) {
        if (residual[pair]! > least + BLEND_SLACK) continue;
        if (dist[i]! < bestD || (dist[i] === bestD && i < best)) {
          bestD = dist[i]!;
          best = i;
        }
        if (dist[j]! < bestD || (dist[j] === bestD && j < best)) {
          bestD = dist[j]!;
          best = j;
        }
      }
    }
    return best;
  }
}

/**
 * The image as a palette PNG. Up to `maxColours` (256) distinct colours are kept exactly;
 * beyond that the `keep` colours that occur and then the most frequent others (flat fills,
 * lines and text cores) are kept, and every rarer colour (an anti-aliasing shade) takes its
 * nearest kept colour. The bit depth is the least that holds the palette.
 */
export function encodePalettePng(rgba: Uint8Array, width: number, height: number, opts: PalettePngOptions = {}): Buffer {
  const n = width * height;
  if (rgba.length !== n * 4) throw new Error(`expected ${n * 4} RGBA bytes, got ${rgba.length}`);
  const maxColours = opts.maxColours ?? 256;
  if (!Number.isInteger(maxColours) || maxColours < 2 || maxColours > 256) throw new Error(`maxColours must be an integer from 2 to 256, got ${maxColours}`);
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

  // Kept colours that occur rank first (as if more frequent than the whole image), then most
  // frequent first, ties by colour value. Below 2^21 pixels (rank * 2^32 + colour stays exact
  // in a double) one typed-array sort of packed keys, not a comparator call per step.
  const rankCount = counts.slice(0, colours.length);
  for (const hex of opts.keep ?? []) {
    const k = table.find(hexPixel(hex) | 0);
    if (k >= 0 && rankCount[k]! <= n) rankCount[k] += n + 1;
  }
  let order: number[];
  if (n < 2 ** 20) {
    const sortKeys = new Float64Array(colours.length);
    for (let k = 0; k < colours.length; k++) sortKeys[k] = -rankCount[k]! * 4294967296 + colours[k]!;
    sortKeys.sort();
    order = Array.from(sortKeys, (v) => table.slot((((v % 4294967296) + 4294967296) % 4294967296) | 0));
  } else {
    order = colours.map((_, k) => k).sort((a, b) => rankCount[b]! - rankCount[a]! || colours[a]! - colours[b]!);
  }
  const size = Math.min(maxColours, order.length);
  const palette = order.slice(0, size).map((k) => colours[k]!);
  const toIndex = new Uint8Array(colours.length);
  for (let rank = 0; rank < size; rank++) toIndex[order[rank]!] = rank;
  if (order.length > size) {
    const pr = Int32Array.from(palette, R);
    const pg = Int32Array.from(palette, G);
    const pb = Int32Array.from(palette, B);
    const pa = Int32Array.from(palette, A);
    if (size <= BLEND_PALETTE) {
      const blend = new BlendMap(palette);
      for (let rank = size; rank < order.length; rank++) toIndex[order[rank]!] = blend.index(colours[order[rank]!]!);
    } else {
      const byKey = Int32Array.from(palette.keys()).sort((a, b) => key(palette[a]!) - key(palette[b]!) || a - b);
      const keys = Float64Array.from(byKey, (j) => key(palette[j]!));
      for (let rank = size; rank < order.length; rank++) toIndex[order[rank]!] = nearest(colours[order[rank]!]!, byKey, keys, pr, pg, pb, pa);
    }
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

  // Fewer colours, fewer bits: 1, 2 or 4 per pixel, leftmost pixel in the high bits.
  const depth = size <= 2 ? 1 : size <= 4 ? 2 : size <= 16 ? 4 : 8;
  let data = raw.subarray(0, rawLen);
  if (depth < 8) {
    const perByte = 8 / depth;
    const stride = Math.ceil(width / perByte);
    const packedLen = (stride + 1) * height;
    if (packed.length < packedLen) packed = Buffer.alloc(packedLen);
    const whole = Math.floor(width / perByte) * perByte;
    for (let y = 0; y < height; y++) {
      const from = y * (width + 1) + 1;
      let o = y * (stride + 1);
      packed[o++] = 0;
      let x = 0;
      if (depth === 4) for (; x < whole; x += 2) packed[o++] = (out[from + x]! << 4) | out[from + x + 1]!;
      else {
        for (; x < whole; x += perByte) {
          let byte = 0;
          for (let k = 0; k < perByte; k++) byte = (byte << depth) | out[from + x + k]!;
          packed[o++] = byte;
        }
      }
      // The row's last byte, padded with zero bits.
      if (x < width) {
        let byte = 0;
        for (let k = 0; k < perByte; k++) byte = (byte << depth) | (x + k < width ? out[from + x + k]! : 0);
        packed[o] = byte;
      }
    }
    data = packed.subarray(0, packedLen);
  }

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
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
    chunk('IDAT', deflateSync(data, { level: opts.level ?? (depth < 8 ? 6 : 3) })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
