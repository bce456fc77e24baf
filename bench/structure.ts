/**
 * The whole structure + signal step (swings, levels, Fibonacci, order blocks, factors,
 * plan, calibrated confidence; RSI and ATR included) for 2000 series x 500 candles held
 * in memory. The series are 500-candle windows of the bundled Binance daily pairs, so the
 * work is what real markets cost, not a synthetic best case. Goal: < 1 s on 2 cores
 * (this runs on one).
 *   node --import tsx bench/structure.ts [series] [candles]
 */
import { ReplaySource } from '../src/sources/market/replay/source.js';
import { type Candles, candleCount, concatCandles, sliceCandles } from '../src/core/series.js';
import { computeSignal } from '../src/core/signals/compute.js';

const SERIES = Number(process.argv[2] ?? 2000);
const LEN = Number(process.argv[3] ?? 500);

const replay = new ReplaySource();
const pairs = [...new Set(replay.listSeries().filter((s) => s.dataset.startsWith('binance') && s.timeframe === '1d' && s.candles >= LEN).map((s) => s.symbol))];
const histories = pairs.map((p) => replay.history(p, '1d'));

// Windows step through each history in turn; copies, so every series owns its memory.
const windows: Candles[] = [];
for (let offset = 0; windows.length < SERIES; offset += 97) {
  let added = 0;
  for (const h of histories) {
    const n = candleCount(h);
    const start = n - LEN - (offset % Math.max(1, n - LEN + 1));
    if (start < 0 || windows.length >= SERIES) continue;
    windows.push(concatCandles([sliceCandles(h, start, start + LEN)]));
    added++;
  }
  if (!added) throw new Error(`no bundled daily series with ${LEN} candles`);
}

function run(): { ms: number; valid: number; confident: number } {
  let valid = 0;
  let confident = 0;
  const t0 = performance.now();
  for (const w of windows) {
    const r = computeSignal(w);
    if (r.signal.valid) valid++;
    if (r.signal.confidenceScore !== null) confident++;
  }
  return { ms: performance.now() - t0, valid, confident };
}

run(); // warm-up: JIT, not data loading, is what the first pass pays for
const runs = [run(), run(), run()];
const best = Math.min(...runs.map((r) => r.ms));
const { valid, confident } = runs[0]!;
const candles = SERIES * LEN;
process.stdout.write(`structure+signal: ${SERIES} series x ${LEN} candles (${pairs.length} Binance daily pairs) in ${best.toFixed(0)} ms `
  + `(best of 3; ${(best * 1e6 / candles).toFixed(0)} ns/candle); ${valid} valid plans, ${confident} with a measured confidence; goal < 1000 ms: ${best < 1000 ? 'met' : 'NOT met'}\n`);
