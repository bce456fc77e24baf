import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../errors.js';
import type { Metrics } from '../../core/backtest/metrics.js';
import type { SlippageModel } from '../../core/portfolio/costs.js';
import { sliceCandles } from '../../core/series.js';
import type { Series } from './feed.js';
import { runBacktest } from './run.js';
import { builtinStrategy, resolveParams, type Params } from './strategies/index.js';

/** What a sweep varies: each parameter with its values. */
export type Grid = Record<string, number[]>;

export interface SweepCosts {
  cash: number;
  fee: number;
  slippage: SlippageModel;
}

export interface SweepJob {
  strategy: string;
  series: Series[];
  combos: Params[];
  costs: SweepCosts;
}

export interface SweepRow {
  params: Params;
  metrics: Metrics;
}

export interface Heatmap {
  x: { param: string; values: number[] };
  y: { param: string; values: number[] };
  metric: keyof Metrics;
  /** z[yi][xi]; null where the combination was invalid or not run. */
  z: (number | null)[][];
}

/** `fast=5:20:5,slow=20:60:10` or `fast=5|10|20` to a grid; every range is checked. */
export function parseGrid(spec: string): Grid {
  const grid: Grid = {};
  for (const part of spec.split(/[,\s]+/).filter(Boolean)) {
    const m = /^([A-Za-z]\w*)=(.+)$/.exec(part);
    if (!m) throw new InputError(`sweep "${part}" is not name=from:to:step or name=a|b|c`, 'sweep');
    const [name, body] = [m[1]!, m[2]!];
    let values: number[];
    const r = /^(-?[\d.]+):(-?[\d.]+):([\d.]+)$/.exec(body);
    if (r) {
      const [a, b, s] = [Number(r[1]), Number(r[2]), Number(r[3])];
      if (!(s > 0) || b < a || (b - a) / s > 10_000) throw new InputError(`sweep ${name}: range ${body} needs from <= to, step > 0 and at most 10000 steps`, 'sweep');
      values = [];
      for (let k = 0; a + k * s <= b + 1e-9 * s; k++) values.push(+(a + k * s).toFixed(10));
    } else values = body.split('|').map(Number);
    if (!values.length || values.some((v) => !Number.isFinite(v))) throw new InputError(`sweep ${name}: "${body}" has a value that is not a number`, 'sweep');
    grid[name] = values;
  }
  if (!Object.keys(grid).length) throw new InputError('sweep needs at least one parameter', 'sweep');
  return grid;
}

/** Cartesian product in a fixed order (first parameter varies slowest). */
export function gridCombos(grid: Grid): Params[] {
  let out: Params[] = [{}];
  for (const [k, vals] of Object.entries(grid)) out = out.flatMap((p) => vals.map((v) => ({ ...p, [k]: v })));
  return out;
}

/** Runs one chunk of a sweep in this thread. Invalid combinations (e.g. fast ≥ slow) are skipped, not fatal. */
export async function runSweepChunk(job: SweepJob): Promise<SweepRow[]> {
  const def = builtinStrategy(job.strategy);
  const rows: SweepRow[] = [];
  for (const combo of job.combos) {
    let params: Params;
    try {
      params = resolveParams(def, combo);
    } catch {
      continue;
    }
    const r = await runBacktest({ strategy: def, params, series: job.series, cash: job.costs.cash, fee: job.costs.fee, slippage: job.costs.slippage, noCompat: true });
    rows.push({ params: combo, metrics: r.metrics });
  }
  return rows;
}

function startWorker(job: SweepJob): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./sweep-worker.js', import.meta.url), { workerData: job });
  // From source (tests, bench) the worker is TypeScript: a small bootstrap loads it through tsx.
  // require.resolve finds the CommonJS build; the ESM one sits next to it.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./sweep-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { eval: true, workerData: job });
}

/**
 * A grid sweep over worker threads (one per core by default). Each worker gets the
 * candles once and a share of the combinations; rows come back in grid order.
 */
export async function runSweep(opts: { strategy: string; series: Series[]; grid: Grid; costs: SweepCosts; workers?: number }): Promise<SweepRow[]> {
  builtinStrategy(opts.strategy);
  const combos = gridCombos(opts.grid);
  const n = Math.max(0, Math.min(opts.workers ?? availableParallelism(), combos.length));
  if (n <= 1) return runSweepChunk({ strategy: opts.strategy, series: opts.series, combos, costs: opts.costs });
  const chunks: Params[][] = Array.from({ length: n }, () => []);
  combos.forEach((c, i) => chunks[i % n]!.push(c));
  const parts = await Promise.all(chunks.map((chunk) => new Promise<SweepRow[]>((resolve, reject) => {
    const w = startWorker({ strategy: opts.strategy, series: opts.series, combos: chunk, costs: opts.costs });
    w.once('message', (m: { rows?: SweepRow[]; error?: string }) => {
      void w.terminate();
      if (m.error) reject(new Error(`sweep worker: ${m.error}`));
      else resolve(m.rows!);
    });
    w.once('error', reject);
  })));
  const key = (p: Params) => JSON.stringify(p);
  const byKey = new Map(parts.flat().map((r) => [key(r.params), r]));
  return combos.map((c) => byKey.get(key(c))).filter((r): r is SweepRow => !!r);
}

/** Heatmap data for two swept parameters (the others at their first row's values). */
export function heatmap(rows: readonly SweepRow[], x: string, y: string, metric: keyof Metrics = 'totalReturnPct'): Heatmap {
  const xs = [...new Set(rows.map((r) => r.params[x]!))].sort((a, b) => a - b);
  const ys = [...new Set(rows.map((r) => r.params[y]!))].sort((a, b) => a - b);
  const z = ys.map(() => xs.map((): number | null => null));
  for (const r of rows) {
    const v = r.metrics[metric];
    z[ys.indexOf(r.params[y]!)]![xs.indexOf(r.params[x]!)] = Number.isFinite(v) ? v : null;
  }
  return { x: { param: x, values: xs }, y: { param: y, values: ys }, metric, z };
}

export interface WalkWindow {
  train: { from: number; to: number };
  test: { from: number; to: number };
  best: Params;
  trainMetric: number;
  /** Metrics of the best combination on the unseen test window. */
  outOfSample: Metrics;
}

/**
 * Walk-forward on one series: rolling windows of `trainBars` followed by `testBars`; on
 * each the grid is swept on the training part, the best combination by `metric` is then
 * run on the test part it has never seen. The strategy warms up inside each test window
 * (no state carried over), so the test figures are strictly out of sample.
 */
export async function walkForward(opts: {
  strategy: string; series: Series; grid: Grid; costs: SweepCosts; trainBars: number; testBars: number; stepBars?: number; metric?: keyof Metrics; workers?: number;
}): Promise<{ windows: WalkWindow[]; oosReturnPct: number }> {
  const metric = opts.metric ?? 'sharpe';
  const step = opts.stepBars ?? opts.testBars;
  const n = opts.series.candles.time.length;
  if (opts.trainBars + opts.testBars > n) throw new InputError(`walk-forward needs ${opts.trainBars + opts.testBars} bars, the series has ${n}`, 'walkForward');
  const def = builtinStrategy(opts.strategy);
  const windows: WalkWindow[] = [];
  let growth = 1;
  for (let s = 0; s + opts.trainBars + opts.testBars <= n; s += step) {
    const train = { ...opts.series, candles: sliceCandles(opts.series.candles, s, s + opts.trainBars) };
    const test = { ...opts.series, candles: sliceCandles(opts.series.candles, s + opts.trainBars, s + opts.trainBars + opts.testBars) };
    const rows = await runSweep({ strategy: opts.strategy, series: [train], grid: opts.grid, costs: opts.costs, workers: opts.workers });
    let best: SweepRow | undefined;
    for (const r of rows) {
      const v = r.metrics[metric];
      if (Number.isFinite(v) && (!best || v > best.metrics[metric])) best = r;
    }
    if (!best) continue;
    const r = await runBacktest({ strategy: def, params: resolveParams(def, best.params), series: [test], cash: opts.costs.cash, fee: opts.costs.fee, slippage: opts.costs.slippage });
    growth *= r.metrics.finalEquity / r.metrics.initialCash;
    windows.push({
      train: { from: train.candles.time[0]!, to: train.candles.time[opts.trainBars - 1]! },
      test: { from: test.candles.time[0]!, to: test.candles.time[opts.testBars - 1]! },
      best: best.params, trainMetric: best.metrics[metric], outOfSample: r.metrics,
    });
  }
  return { windows, oosReturnPct: (growth - 1) * 100 };
}
