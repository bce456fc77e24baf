// bench/ml.ts: TypeScript GBDT vs XGBoost (libxgboost via koffi) on the same 100k-row x 50-feature
// set built from real Binance daily candles (144 pairs, bundled), same hyperparameters; then
// Sextant's scorer: batch predictions per second, single-row latency p50/p99 in process and
// through the real HTTP server (POST /api/v1/predict).
// Figures go to bench/out/ml.json. Peak memory is the process's max RSS after each phase.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeFeatures } from '../src/core/features/compute.js';
import { makeLabels } from '../src/core/features/labels.js';
import { parseFeatureSpec } from '../src/core/features/spec.js';
import { DEFAULT_PARAMS, type GbdtParams } from '../src/core/ml/gbdt/params.js';
import { trainGbdt, type Dataset } from '../src/core/ml/gbdt/train.js';
import { logLoss } from '../src/core/ml/metrics.js';
import { predict, predictMargin } from '../src/core/ml/predict.js';
import { CANDLE_DATASETS, defaultDataDir } from '../src/sources/market/replay/catalog.js';
import { loadXgboost } from '../src/services/ml/xgboost-native.js';
import { xgboostJsonText } from '../src/core/ml/xgboost-json.js';
import { startServerProcess } from '../test/helpers/server-process.js';

const OUT = join(import.meta.dirname, 'out');
const ROWS = 100_000;

const SPEC = parseFeatureSpec({
  indicators: [
    ...[7, 14, 28].map((p) => ({ name: 'RSI', params: { timePeriod: p } })),
    ...[14, 28].map((p) => ({ name: 'ADX', params: { timePeriod: p } })),
    ...[14, 28].map((p) => ({ name: 'NATR', params: { timePeriod: p } })),
    { name: 'MACD', scale: 'close' },
    ...[10, 20, 50, 100].map((p) => ({ name: 'EMA', params: { timePeriod: p } })),
    { name: 'BBANDS', params: { timePeriod: 20 } },
    { name: 'STOCH' },
    { name: 'WILLR' }, { name: 'CCI' }, { name: 'MFI' }, { name: 'ULTOSC' }, { name: 'AROONOSC' },
    ...[5, 10, 20].map((p) => ({ name: 'ROC', params: { timePeriod: p } })),
    { name: 'CMO' }, { name: 'PPO' }, { name: 'TRIX' }, { name: 'BOP' }, { name: 'ADOSC', scale: 'none' },
  ],
  returns: [1, 2, 3, 5, 8, 13, 21],
  volatility: [5, 10, 20, 40],
  volume: [5, 10, 20, 40],
  range: true,
  calendar: ['weekday', 'dayOfMonth', 'month'],
  label: { kind: 'direction', horizon: 1, deadZone: 0 },
});

function buildSet(): { train: Dataset; test: Dataset; names: string[] } {
  const ds = CANDLE_DATASETS.find((d) => d.id === 'binance-daily')!.load(defaultDataDir());
  let names: string[] = [];
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const [, c] of [...ds].sort(([a], [b]) => a.localeCompare(b))) {
    if (c.close.length < 300) continue;
    const f = computeFeatures(c, SPEC);
    names = f.names;
    const y = makeLabels(c, SPEC.label);
    for (let i = 50; i < c.close.length; i++) {
      if (Number.isNaN(y[i]!)) continue;
      rows.push(f.columns.map((col) => col[i]!));
      labels.push(y[i]!);
    }
    if (rows.length >= ROWS * 1.25) break;
  }
  const n = Math.min(rows.length, Math.floor(ROWS * 1.25));
  const cols = names.length;
  const pack = (a: number, b: number): Dataset => {
    const values = new Float64Array((b - a) * cols);
    for (let r = a; r < b; r++) values.set(rows[r]!, (r - a) * cols);
    return { x: { rows: b - a, cols, values }, y: Float64Array.from(labels.slice(a, b)) };
  };
  // Rows are grouped by pair and the test pairs share dates with the training pairs, so the
  // log-loss printed below is only a TS-vs-XGBoost agreement check, NOT a skill figure.
  return { train: pack(0, Math.min(ROWS, n)), test: pack(Math.min(ROWS, n), n), names };
}

const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
};

const [set, buildMs] = time(buildSet);
const { train, test, names } = set;
process.stdout.write(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores (figures from a busy machine are upper bounds)\n`);
process.stdout.write(`data: ${train.x.rows} train rows x ${train.x.cols} features (+${test.x.rows} test rows), real Binance daily candles; built in ${(buildMs / 1000).toFixed(1)} s; max RSS ${maxRssMb()} MB\n`);

const params: GbdtParams = { ...DEFAULT_PARAMS, nRounds: 100, maxDepth: 6, learningRate: 0.1, earlyStoppingRounds: 0, subsample: 0.8, colsampleByTree: 0.8 };
const results: Record<string, unknown> = { rows: train.x.rows, features: train.x.cols, params, load: process.platform === 'linux' ? (await import('node:os')).loadavg() : [] };

const rssBefore = maxRssMb();
const [ts, tsMs] = time(() => trainGbdt(params, train, undefined, names));
const tsLoss = logLoss(predict(ts.model, test.x), test.y);
results.ts = { trainMs: Math.round(tsMs), trees: ts.model.trees.length, testLogLoss: tsLoss, maxRssMbAfter: maxRssMb(), maxRssMbBefore: rssBefore };
process.stdout.write('(test log-loss below: same rows for both engines; cross-sectional split, not a skill figure)\n');
process.stdout.write(`TypeScript GBDT: ${params.nRounds} rounds depth ${params.maxDepth} in ${(tsMs / 1000).toFixed(2)} s, test log-loss ${tsLoss.toFixed(5)}, max RSS ${rssBefore} -> ${maxRssMb()} MB\n`);

// --scoring-only: the TS model is still trained (it is the model scored), XGBoost is skipped.
const scoringOnly = process.argv.includes('--scoring-only');
const { native, reason } = scoringOnly ? { native: undefined, reason: 'skipped (--scoring-only)' } : loadXgboost();
if (native) {
  for (const threads of [1, 2]) {
    const [xg, xgMs] = time(() => native.train(params, train, undefined, names, threads));
    const xgLoss = logLoss(predict(xg.model, test.x), test.y);
    results[`xgboost_${threads}thread`] = { trainMs: Math.round(xgMs), testLogLoss: xgLoss, version: native.version };
    process.stdout.write(`XGBoost ${native.version} (${threads} thread${threads > 1 ? 's' : ''}): ${(xgMs / 1000).toFixed(2)} s, test log-loss ${xgLoss.toFixed(5)}; TS/XGBoost time ratio ${(tsMs / xgMs).toFixed(2)}\n`);
  }
} else {
  process.stdout.write(`XGBoost not measured: ${reason}\n`);
  results.xgboost = { skipped: reason };
}

// Scoring: batch throughput and single-row latency of Sextant's scorer (100 trees, depth 6).
const [, batchMs] = time(() => predictMargin(ts.model, test.x));
const perSec = Math.round(test.x.rows / (batchMs / 1000));
const lat: number[] = [];
const one = { rows: 1, cols: test.x.cols, values: new Float64Array(test.x.cols) };
for (let k = 0; k < 5000; k++) {
  const r = k % test.x.rows;
  one.values.set(test.x.values.subarray(r * test.x.cols, (r + 1) * test.x.cols));
  const t0 = performance.now();
  predict(ts.model, one);
  lat.push(performance.now() - t0);
}
lat.sort((a, b) => a - b);
const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
results.scoring = { batchRows: test.x.rows, batchMs: Math.round(batchMs), predictionsPerSecond: perSec, singleP50Ms: q(0.5), singleP99Ms: q(0.99) };
process.stdout.write(`scoring (in process): ${perSec.toLocaleString('en')} predictions/s in batch; single row p50 ${(q(0.5) * 1000).toFixed(1)} µs, p99 ${(q(0.99) * 1000).toFixed(1)} µs\n`);

// Single-row latency through the real HTTP server (POST /api/v1/predict, keep-alive), same model.
const dir = mkdtempSync(join(tmpdir(), 'sextant-bench-ml-'));
writeFileSync(join(dir, 'bench.json'), xgboostJsonText(ts.model));
const server = await startServerProcess({ env: { ML_MODELS_DIR: dir, SEXTANT_STORE__SQLITE_PATH: join(dir, 'store.db'), SEXTANT_RATE_LIMIT__ENABLED: 'false' }, startTimeoutMs: 120_000 });
try {
  const base = server.url;
  const body = (r: number) => JSON.stringify({ model: 'bench', rows: [Object.fromEntries(names.map((f, k) => [f, Number.isNaN(test.x.values[r * test.x.cols + k]!) ? null : test.x.values[r * test.x.cols + k]!]))] });
  const http: number[] = [];
  for (let k = 0; k < 2200; k++) {
    const payload = body(k % test.x.rows);
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/predict`, { method: 'POST', body: payload, headers: { 'content-type': 'application/json' } });
    await res.json();
    if (k >= 200) http.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`predict answered ${res.status}`);
  }
  http.sort((a, b) => a - b);
  const hq = (p: number) => http[Math.min(http.length - 1, Math.floor(p * http.length))]!;
  results.http = { requests: http.length, p50Ms: hq(0.5), p99Ms: hq(0.99), goalP99Ms: 5 };
  process.stdout.write(`HTTP POST /api/v1/predict, one row, ${params.nRounds} trees: p50 ${hq(0.5).toFixed(2)} ms, p99 ${hq(0.99).toFixed(2)} ms (goal p99 < 5 ms: ${hq(0.99) < 5 ? 'met' : 'NOT met'})\n`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'ml.json'), `${JSON.stringify(results, null, 2)}\n`);
