/* global process, console, Buffer */
// Builds the fixed 1M real-candle series both harnesses read:
// the bundled Binance daily CSVs (data/binance-daily/*.csv, sorted file order, rows in file order,
// no cleaning), concatenated and repeated until N candles.
// Writes 6 x N little-endian float64: open, high, low, close, volume, periods (MAVP's per-bar period,
// 2 + floor(28*(close-low)/(high-low)), 2 when high == low, as in the project's bench/indicators).
//   node make_data.mjs <sextant dir> <out.bin> [N]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const [dir, out, nStr] = process.argv.slice(2);
const N = +(nStr || 1_000_000);
const csvDir = join(dir, 'data/binance-daily');
const files = readdirSync(csvDir).filter((f) => f.endsWith('.csv')).sort();
const rows = [];
for (const f of files) {
  const lines = readFileSync(join(csvDir, f), 'utf8').split('\n');
  const hdr = lines[0].split(',');
  const ix = ['open', 'high', 'low', 'close', 'volume'].map((k) => hdr.indexOf(k));
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i].trim();
    if (!l) continue;
    const c = l.split(',');
    rows.push(ix.map((k) => Number(c[k])));
  }
}
const buf = new Float64Array(6 * N);
for (let i = 0; i < N; i++) {
  const r = rows[i % rows.length];
  for (let k = 0; k < 5; k++) buf[k * N + i] = r[k];
  const h = r[1], lo = r[2], c = r[3], rg = h - lo;
  buf[5 * N + i] = rg > 0 ? 2 + Math.floor((28 * (c - lo)) / rg) : 2;
}
let bad = 0, sumC = 0;
for (let i = 0; i < N; i++) { if (!Number.isFinite(buf[3 * N + i])) bad++; sumC += buf[3 * N + i]; }
writeFileSync(out, Buffer.from(buf.buffer));
console.error(`wrote ${out}: ${N} candles from ${rows.length} rows of ${files.length} files (${(N / rows.length).toFixed(2)}x), non-finite closes ${bad}, sum(close)=${sumC}`);
