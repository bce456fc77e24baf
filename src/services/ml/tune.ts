/**
 * Hyperparameter search that does not fool its user. Candidates (a grid, or a seeded random
 * sample of it) are scored by purged walk-forward on the bars BEFORE a final holdout block;
 * the winner is then scored once on that holdout, which no choice has seen. The gap between
 * the winner's search score and its holdout score is the selection optimism, reported.
 * Candidates run on worker threads, one walk-forward per thread at a time.
 */
import type { Worker } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { candleCount, type Candles } from '../../core/series.js';
import { parseFeatureSpec } from '../../core/features/spec.js';
import type { ClassMetrics } from '../../core/ml/metrics.js';
import { mulberry32 } from '../../core/ml/gbdt/rng.js';
import type { GbdtParams } from '../../core/ml/gbdt/params.js';
import { spawnWorker } from '../threads.js';
import { checkParams, evaluate, type Engine, type WalkForwardSettings } from './run.js';

export interface TuneTask {
  id: number;
  params: GbdtParams;
  /** Bars used: the candles before the holdout. */
  bars: number;
}

export type TuneReply = { id: number; metrics: ClassMetrics; majority: ClassMetrics; meanTrees: number } | { id: number; error: string };

/** Parameter names as the CLI and API take them, to GbdtParams keys. */
const ALIASES: Record<string, keyof GbdtParams> = {
  depth: 'maxDepth', eta: 'learningRate', rounds: 'nRounds', leaves: 'maxLeaves', lambda: 'l2', alpha: 'l1', gamma: 'minSplitLoss',
  minChildWeight: 'minChildWeight', subsample: 'subsample', colsample: 'colsampleByTree',
};
const TUNABLE = new Set<keyof GbdtParams>(['maxDepth', 'learningRate', 'nRounds', 'maxLeaves', 'l2', 'l1', 'minSplitLoss', 'minChildWeight', 'subsample', 'colsampleByTree']);

/** `depth=3,4,6 eta=0.03,0.1` -> the axes of the grid; unknown names and bad numbers name themselves. */
export function parseGrid(text: string): Partial<Record<keyof GbdtParams, number[]>> {
  const axes: Partial<Record<keyof GbdtParams, number[]>> = {};
  for (const part of text.split(/\s+/).filter(Boolean)) {
    const m = /^([A-Za-z]+)=([^=]+)$/.exec(part);
    if (!m) throw new InputError(`--grid: "${part}" is not name=v1,v2,...`, 'grid');
    const key = ALIASES[m[1]!] ?? (m[1]! as keyof GbdtParams);
    if (!TUNABLE.has(key)) throw new InputError(`--grid: unknown parameter "${m[1]}" (tunable: ${Object.keys(ALIASES).join(', ')})`, 'grid');
    const values = m[2]!.split(',').map((v) => Number(v));
    if (values.some((v) => !Number.isFinite(v))) throw new InputError(`--grid: ${m[1]} has a value that is not a number: "${m[2]}"`, 'grid');
    axes[key] = values;
  }
  if (Object.keys(axes).length === 0) throw new InputError('--grid: give at least one parameter, e.g. "depth=3,4,6 eta=0.03,0.1"', 'grid');
  return axes;
}

/** Every combination, in a fixed order; each checked against the parameter ranges. */
export function gridCandidates(base: GbdtParams, axes: Partial<Record<keyof GbdtParams, number[]>>, sample?: { n: number; seed: number }): GbdtParams[] {
  let combos: Partial<GbdtParams>[] = [{}];
  for (const [k, vs] of Object.entries(axes) as [keyof GbdtParams, number[]][]) combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [k]: v })));
  if (sample && sample.n < combos.length) {
    const rng = mulberry32(sample.seed);
    for (let i = combos.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [combos[i], combos[j]] = [combos[j]!, combos[i]!];
    }
    combos = combos.slice(0, sample.n);
  }
  if (combos.length > 500) throw new InputError(`--grid has ${combos.length} combinations; at most 500 (use --random N)`, 'grid');
  return combos.map((c) => checkParams({ ...base, ...c }));
}

export interface Candidate {
  params: Partial<GbdtParams>;
  metrics?: ClassMetrics;
  meanTrees?: number;
  error?: string;
}

export interface TuneReport {
  searchBars: number;
  holdoutBars: number;
  candidates: Candidate[];
  best: Candidate;
  /** The winner trained on all search bars (purged) and scored on the holdout, with the baselines there. */
  holdout: { model: ClassMetrics; majority: ClassMetrics; previousBar: ClassMetrics };
  threads: number;
}

/** Only the parameters that vary, for display. */
function varying(p: GbdtParams, keys: readonly (keyof GbdtParams)[]): Partial<GbdtParams> {
  return Object.fromEntries(keys.map((k) => [k, p[k]])) as Partial<GbdtParams>;
}

export async function tune(
  c: Candles, specDoc: unknown, engine: Engine, wf: WalkForwardSettings, candidates: GbdtParams[], holdout: number, threads: number,
  onDone?: (done: number, of: number) => void,
): Promise<TuneReport> {
  const spec = parseFeatureSpec(specDoc);
  if (spec.label.kind === 'return') throw new InputError('tuning ranks by log-loss; label.kind must be direction or triple-barrier', 'label.kind');
  if (!(holdout > 0 && holdout < 0.5)) throw new InputError(`--holdout must be in (0, 0.5), got ${holdout}`, 'holdout');
  const n = candleCount(c);
  const searchBars = Math.floor(n * (1 - holdout));
  const keys = [...new Set(candidates.flatMap((p) => (Object.keys(p) as (keyof GbdtParams)[]).filter((k) => candidates.some((q) => q[k] !== p[k]))))];
  const results: Candidate[] = candidates.map((p) => ({ params: varying(p, keys) }));
  const size = Math.max(1, Math.min(threads, candidates.length));
  const workers: Worker[] = [];
  try {
    let next = 0, done = 0;
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next >= candidates.length) return;
        const id = next++;
        w.postMessage({ id, params: candidates[id]!, bars: searchBars } satisfies TuneTask);
      };
      for (let i = 0; i < size; i++) {
        const w = spawnWorker(import.meta.url, 'tune-worker', { candles: c, specDoc, engine, wf });
        w.on('message', (m: TuneReply) => {
          const r = results[m.id]!;
          if ('error' in m) r.error = m.error;
          else Object.assign(r, { metrics: m.metrics, meanTrees: m.meanTrees });
          onDone?.(++done, candidates.length);
          if (done === candidates.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (done < candidates.length) reject(new Error(`tuning thread exited with code ${code} before the search finished`));
        });
        workers.push(w);
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const scored = results.map((r, i) => ({ r, i })).filter((x) => x.r.metrics);
  if (scored.length === 0) throw new InputError(`every candidate failed: ${results[0]?.error ?? 'no candidates'}`, 'grid');
  const win = scored.reduce((a, b) => (b.r.metrics!.logLoss < a.r.metrics!.logLoss ? b : a));
  // One walk-forward block: train on everything before the holdout (purged), test on the holdout.
  const { report } = evaluate(c, spec, candidates[win.i]!, engine, { ...wf, folds: 1, testFraction: holdout });
  return {
    searchBars, holdoutBars: n - searchBars, candidates: results, best: win.r,
    holdout: { model: report.model, majority: report.majority, previousBar: report.previousBar }, threads: size,
  };
}
