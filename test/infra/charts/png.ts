import { inflateSync } from 'node:zlib';

/** PNG signature and IHDR width/height, or throws: enough to prove a real PNG came back. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(sig)) throw new Error('not a PNG (bad signature)');
  if (buf.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG (first chunk is not IHDR)');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  paletteSize: number;
  /** RGBA, 4 bytes a pixel. */
  rgba: Uint8Array;
  /** `#rrggbb` of the pixel at (x, y). */
  hex(x: number, y: number): string;
}

/**
 * A small independent PNG decoder for tests (palette at 1, 2, 4 or 8 bits, 8-bit RGB and
 * RGBA; every filter type; CRCs checked), so the tests read the pixels the way any viewer would.
 */
export function decodePng(buf: Buffer): DecodedPng {
  const { width, height } = pngSize(buf);
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 255]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  let o = 8;
  let bitDepth = 0;
  let colourType = -1;
  let plte: Buffer = Buffer.alloc(0);
  let trns: Buffer = Buffer.alloc(0);
  const idat: Buffer[] = [];
  for (;;) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    const data = buf.subarray(o + 8, o + 8 + len);
    if (crc(buf.subarray(o + 4, o + 8 + len)) !== buf.readUInt32BE(o + 8 + len)) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      bitDepth = data[8]!;
      colourType = data[9]!;
    } else if (type === 'PLTE') plte = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    o += 12 + len;
    if (type === 'IEND') break;
  }
  const depthOk = colourType === 3 ? [1, 2, 4, 8].includes(bitDepth) : bitDepth === 8;
  if (!depthOk || ![2, 3, 6].includes(colourType)) throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colourType}`);
  // Filters work on bytes, at least one back (a packed row's "pixel" for filtering is a byte).
  const bpp = colourType === 3 ? 1 : colourType === 2 ? 3 : 4;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = colourType === 3 ? Math.ceil((width * bitDepth) / 8) : width * bpp;
  if (raw.length !== (stride + 1) * height) throw new Error(`image data is ${raw.length} bytes, expected ${(stride + 1) * height}`);
  const lines = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= bpp ? lines[y * stride + x - bpp]! : 0;
      const b = y > 0 ? lines[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? lines[(y - 1) * stride + x - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter];
      if (pred === undefined) throw new Error(`bad filter ${filter} on row ${y}`);
      lines[y * stride + x] = (v + pred) & 255;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  const perByte = 8 / bitDepth;
  for (let i = 0; i < width * height; i++) {
    if (colourType === 3) {
      const y = Math.floor(i / width);
      const x = i % width;
      const byte = lines[y * stride + Math.floor(x / perByte)]!;
      const k = (byte >> (8 - bitDepth * (1 + (x % perByte)))) & ((1 << bitDepth) - 1);
      if (k * 3 + 2 >= plte.length) throw new Error(`palette index ${k} out of range`);
      rgba.set([plte[k * 3]!, plte[k * 3 + 1]!, plte[k * 3 + 2]!, k < trns.length ? trns[k]! : 255], i * 4);
    } else {
      rgba.set([lines[i * bpp]!, lines[i * bpp + 1]!, lines[i * bpp + 2]!, bpp === 4 ? lines[i * bpp + 3]! : 255], i * 4);
    }
  }
  const hex = (x: number, y: number) => `#${Array.from(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 3), (v) => v.toString(16).padStart(2, '0')).join('')}`;
  return { width, height, bitDepth, colourType, paletteSize: plte.length / 3, rgba, hex };
}
