import { readFileSync } from 'node:fs';
import { CHART_FONT_FILE } from './fonts.js';

/**
 * Advance widths of the chart font, read from its `cmap` (format 4) and `hmtx` tables, so
 * the legend can be laid out before resvg shapes it. Kerning is ignored: the legend leaves
 * gaps wider than the few pixels kerning moves a word.
 */
interface Metrics { unitsPerEm: number; advance: Map<number, number>; fallback: number }

let metrics: Metrics | undefined;

function load(): Metrics {
  const buf = readFileSync(CHART_FONT_FILE);
  const tables = new Map<string, number>();
  const count = buf.readUInt16BE(4);
  for (let i = 0; i < count; i++) tables.set(buf.toString('latin1', 12 + i * 16, 16 + i * 16), buf.readUInt32BE(20 + i * 16));
  const head = tables.get('head')!;
  const hhea = tables.get('hhea')!;
  const hmtx = tables.get('hmtx')!;
  const cmap = tables.get('cmap')!;
  const unitsPerEm = buf.readUInt16BE(head + 18);
  const nHMetrics = buf.readUInt16BE(hhea + 34);
  const glyphAdvance = (g: number) => buf.readUInt16BE(hmtx + 4 * Math.min(g, nHMetrics - 1));

  const advance = new Map<number, number>();
  const subtables = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const platform = buf.readUInt16BE(cmap + 4 + i * 8);
    const encoding = buf.readUInt16BE(cmap + 6 + i * 8);
    const at = cmap + buf.readUInt32BE(cmap + 8 + i * 8);
    if (platform !== 3 || encoding !== 1 || buf.readUInt16BE(at) !== 4) continue;
    const segs = buf.readUInt16BE(at + 6) / 2;
    const ends = at + 14;
    const starts = ends + segs * 2 + 2;
    const deltas = starts + segs * 2;
    const ranges = deltas + segs * 2;
    for (let s = 0; s < segs; s++) {
      const end = buf.readUInt16BE(ends + s * 2);
      const start = buf.readUInt16BE(starts + s * 2);
      const delta = buf.readInt16BE(deltas + s * 2);
      const rangeAt = ranges + s * 2;
      const range = buf.readUInt16BE(rangeAt);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        const g = range === 0 ? (c + delta) & 0xffff : buf.readUInt16BE(rangeAt + range + (c - start) * 2);
        if (g !== 0) advance.set(c, glyphAdvance(range === 0 ? g : (g + delta) & 0xffff));
      }
    }
    break;
  }
  return { unitsPerEm, advance, fallback: glyphAdvance(0) };
}

/** Width in pixels of `text` set in the chart font at `size` px. */
export function textWidth(text: string, size: number): number {
  const m = (metrics ??= load());
  let units = 0;
  for (const ch of text) units += m.advance.get(ch.codePointAt(0)!) ?? m.fallback;
  return (units * size) / m.unitsPerEm;
}
