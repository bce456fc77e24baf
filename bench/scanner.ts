/**
 * Detection over 2000 pairs × 500 candles already in memory, built from real Binance
 * 5m/1h volumes (../shared/data), as a scan of a large exchange would hold them.
 * Goal: < 1 s on 2 cores. Run: node --import tsx bench/scanner.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { detectSpikes, allocSpikeColumns } from '../src/core/volume/spikes.js';
import { emptyCandles, type Candles } from '../src/core/series.js';
import { runScan } from '../src/services/scanner/scan.js';
import type { MarketSource } from '../src/sources/market/types.js';
import { SHARED_DATA } from '../test/helpers/paths.js';

const PAIRS = 2000;
const CANDLES = 500;
const DIRS = [join(SHARED_DATA, 'freqtrade-docker-strategy/binance'), join(SHARED_DATA, 'nostalgia-for-infinity/binance')];
const absent = DIRS.filter((d) => !existsSync(d));
if (absent.length) {
  // A clone without ../shared has no such volumes; the other benches still run.
  console.log(`bench/scanner.ts skipped: missing ${absent.join(', ')}`);
  process.exit(0);
}

function realVolumes(): Float64Array[] {
  const series: Float64Array[] = [];
  for (const dir of DIRS) {
    for (const f of readdirSync(dir).filter((x) => /-(5m|1h)\.json$/.test(x)).sort()) {
      const rows = JSON.parse(readFileSync(join(dir, f), 'utf8')) as number[][];
      series.push(Float64Array.from(rows, (r) => r[5]!));
    }
  }
  return series;
}

// 2000 distinct 500-candle windows cut from the real series at different offsets.
const src = realVolumes();
const pairs: Float64Array[] = [];
for (let p = 0; pairs.length < PAIRS; p++) {
  const s = src[p % src.length]!;
  const off = ((p * 7919) % Math.max(1, s.length - CANDLES));
  pairs.push(s.slice(off, off + CANDLES));
}

function run(reuse: boolean): { ms: number; spikes: number } {
  const out = reuse ? allocSpikeColumns(CANDLES) : undefined;
  const t = performance.now();
  let spikes = 0;
  for (const v of pairs) spikes += detectSpikes(v, {}, out).count;
  return { ms: performance.now() - t, spikes };
}

run(true); // warm the JIT
const cold = run(false);
const warm = run(true);
const total = PAIRS * CANDLES;
const fmt = (r: { ms: number }) => `${r.ms.toFixed(1)} ms, ${(total / (r.ms / 1000) / 1e6).toFixed(1)} M candles/s`;
console.log(`volume-spike detection: ${PAIRS} pairs × ${CANDLES} candles = ${total.toLocaleString('en')} candles (real Binance volumes), ${availableParallelism()} cores, one thread`);
console.log(`  fresh output arrays per pair : ${fmt(cold)}  (${cold.spikes} spikes)`);
console.log(`  reused output arrays         : ${fmt(warm)}  (${warm.spikes} spikes)`);
console.log(`  goal < 1000 ms for detection: ${Math.max(cold.ms, warm.ms) < 1000 ? 'met' : 'NOT met'}`);

// The whole batch path minus disk: selection by quote volume, the bounded pool, events
// and the JSON-ready series, over a source that answers from memory.
const candles = new Map<string, Candles>(pairs.map((v, i) => {
  const c = emptyCandles(CANDLES);
  c.volume.set(v);
  for (let j = 0; j < CANDLES; j++) { c.time[j] = j * 300_000; c.close[j] = 1; c.open[j] = 1; c.high[j] = 1; c.low[j] = 1; }
  return [`P${i}/USDT`, c];
}));
const memory = {
  id: 'memory',
  markets: async () => [...candles.keys()].map((symbol, i) => ({ symbol, base: symbol.split('/')[0]!, quote: 'USDT', quoteVolume: PAIRS - i, active: true })),
  candles: async (symbol: string) => candles.get(symbol)!,
  trades: async () => [],
} as unknown as MarketSource;
const t = performance.now();
const { summary } = await runScan(memory, { top: 'all', timeframe: '5m', periods: CANDLES - 25, window: 25, k: 4, alertThreshold: 0.7, concurrency: 10, trades: 'none' }, { trigger: 'cli' });
const scanMs = performance.now() - t;
console.log(`  full batch (runScan, no disk): ${fmt({ ms: scanMs })}  (${summary.pairs.ok} pairs, ${summary.pairs.alerts} alerts)`);
