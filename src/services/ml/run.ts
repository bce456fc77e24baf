/**
 * ML use cases over candles: dataset building, walk-forward evaluation, training a final
 * model, prediction with optional TreeSHAP contributions. Engine 'auto' uses libxgboost when
 * it loads and the TypeScript GBDT otherwise; 'ts' and 'xgboost' force one.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../../errors.js';
import type { Candles } from '../../core/series.js';
import { computeFeatures, inferBarMs, logReturn } from '../../core/features/compute.js';
import { makeLabels } from '../../core/features/labels.js';
import { DEFAULT_SPEC_DOC, parseFeatureSpec, type FeatureSpec } from '../../core/features/spec.js';
import { evaluateWalkForward, type EvalReport, type Trainer } from '../../core/ml/evaluate.js';
import type { Ensemble } from '../../core/ml/ensemble.js';
import { DEFAULT_PARAMS, resolveGbdtParams, type GbdtParams } from '../../core/ml/gbdt/params.js';
import { trainGbdt } from '../../core/ml/gbdt/train.js';
import { fromColumns, takeRows, type Matrix } from '../../core/ml/matrix.js';
import { predict, predictMargin } from '../../core/ml/predict.js';
import { validationSplit } from '../../core/ml/split.js';
import { permutationImportance, type PermutationImportance } from '../../core/ml/importance.js';
import { contributions } from '../../core/ml/treeshap.js';
import { loadXgboost } from './xgboost-native.js';
import { makeArtefact, type ModelArtefact } from './artefact.js';
import { thresholdBacktest, type ThresholdBacktest, type ThresholdRule } from './threshold-backtest.js';
import { parsePair } from '../../core/types.js';
import { parseTimeframe } from '../../core/timeframes.js';
import { candleCount } from '../../core/series.js';

export type Engine = 'auto' | 'ts' | 'xgboost';

export interface LoadedSpec {
  doc: unknown;
  spec: FeatureSpec;
}

/** YAML (or JSON) feature spec file; no file = the built-in default spec. */
export function loadSpec(file?: string): LoadedSpec {
  if (!file) return { doc: DEFAULT_SPEC_DOC, spec: parseFeatureSpec(DEFAULT_SPEC_DOC) };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`--spec: cannot read ${file}`, 'spec');
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new InputError(`--spec: ${file} is not valid YAML (${(e as Error).message.split('\n')[0]})`, 'spec');
  }
  return { doc, spec: parseFeatureSpec(doc) };
}

export function resolveEngine(engine: Engine): { name: 'ts' | 'xgboost'; trainer: Trainer; note: string } {
  const ts: Trainer = (p, tr, va, n) => trainGbdt(p, tr, va, n);
  if (engine === 'ts') return { name: 'ts', trainer: ts, note: 'TypeScript GBDT' };
  const { native, reason } = loadXgboost();
  if (native) return { name: 'xgboost', trainer: (p, tr, va, n) => native.train(p, tr, va, n), note: `XGBoost ${native.version} (${native.library})` };
  if (engine === 'xgboost') throw new InputError(`--engine xgboost: ${reason}`, 'engine');
  return { name: 'ts', trainer: ts, note: `TypeScript GBDT (XGBoost unavailable: ${reason})` };
}

export function checkParams(given: Partial<GbdtParams>): GbdtParams {
  const { params, problem } = resolveGbdtParams(given);
  if (problem) throw new InputError(problem, problem.split(':')[0]);
  return params;
}

export interface MlDataset {
  x: Matrix;
  names: string[];
  y: Float64Array;
  lastReturn: Float64Array;
}

/** `barMs`: the candles' timeframe in ms (from the request); inferred from their spacing when not given. */
export function buildDataset(c: Candles, spec: FeatureSpec, barMs = inferBarMs(c.time)): MlDataset {
  const f = computeFeatures(c, spec, barMs);
  return { x: fromColumns(f.columns), names: f.names, y: makeLabels(c, spec.label), lastReturn: logReturn(c.close, 1) };
}

export interface WalkForwardSettings {
  folds: number;
  testFraction: number;
  embargo: number;
  mode: 'expanding' | 'rolling';
  window?: number;
}

export const DEFAULT_WALK_FORWARD: WalkForwardSettings = { folds: 5, testFraction: 0.3, embargo: 6, mode: 'expanding' };

function requireClassification(spec: FeatureSpec): void {
  if (spec.label.kind === 'return') throw new InputError('label.kind "return" is a regression target; walk-forward classification metrics need direction or triple-barrier labels', 'label.kind');
}

export interface Evaluation {
  report: EvalReport;
  engine: string;
  /** Permutation importance of the last fold's model on its own test block (out of sample). */
  importance: PermutationImportance[];
}

export function evaluate(c: Candles, spec: FeatureSpec, params: GbdtParams, engine: Engine, wf: WalkForwardSettings, onFold?: (k: number, of: number) => void): Evaluation {
  requireClassification(spec);
  const d = buildDataset(c, spec);
  const e = resolveEngine(engine);
  const report = evaluateWalkForward(d, { ...params, objective: 'binary:logistic' }, e.trainer, { horizon: spec.label.horizon, ...wf }, onFold);
  const lastFrom = report.folds[report.folds.length - 1]!.testFrom;
  const test = report.rows.filter((r) => r >= lastFrom);
  const importance = report.lastModel ? permutationImportance(report.lastModel, takeRows(d.x, test), Float64Array.from(test, (i) => d.y[i]!)) : [];
  return { report, engine: e.note, importance };
}

/** Final model on all labelled bars; the last 20% (purged) drive early stopping. */
export function trainFinal(c: Candles, spec: FeatureSpec, params: GbdtParams, engine: Engine, embargo: number): { model: Ensemble; engine: string; trainRows: number } {
  const d = buildDataset(c, spec);
  const rows = Int32Array.from({ length: d.x.rows }, (_, i) => i).filter((i) => !Number.isNaN(d.y[i]!));
  if (rows.length < 100) throw new InputError(`only ${rows.length} labelled bars: not enough to train (need 100)`, 'pair');
  const { fit, valid } = validationSplit(rows, 0.2, spec.label.horizon, embargo);
  const ds = (idx: Int32Array) => ({ x: takeRows(d.x, idx), y: Float64Array.from(idx, (i) => d.y[i]!) });
  const objective = spec.label.kind === 'return' ? 'reg:squarederror' : 'binary:logistic';
  const e = resolveEngine(engine);
  const r = e.trainer({ ...params, objective }, ds(fit), ds(valid), d.names);
  return { model: r.model, engine: e.note, trainRows: fit.length };
}

export interface Prediction {
  predictions: number[];
  margins: number[];
  contribs?: number[][];
}

export function predictRows(model: Ensemble, x: Matrix, withContribs: boolean): Prediction {
  const out: Prediction = { predictions: Array.from(predict(model, x)), margins: Array.from(predictMargin(model, x)) };
  if (withContribs) {
    const phi = contributions(model, x);
    const w = x.cols + 1;
    out.contribs = Array.from({ length: x.rows }, (_, r) => Array.from(phi.subarray(r * w, (r + 1) * w)));
  }
  return out;
}

export { DEFAULT_PARAMS };

export interface TrainRequest {
  symbol: string;
  timeframe: string;
  /** The spec as the user wrote it (stored in the artefact) and parsed. */
  specDoc: unknown;
  params: GbdtParams;
  engine: Engine;
  wf: WalkForwardSettings;
  /** The threshold rule traded on the out-of-sample probabilities (default DEFAULT_THRESHOLD_RULE). */
  rule?: ThresholdRule;
}

export type TrainProgress = { stage: 'walk-forward'; fold: number; folds: number } | { stage: 'final' };

export interface TrainOutcome {
  artefact: ModelArtefact;
  walkForward?: EvalReport;
  importance?: PermutationImportance[];
  trading?: ThresholdBacktest;
  engine: string;
  trees: number;
  trainRows: number;
}

const isoTime = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

/**
 * Walk-forward first (classification labels), then the final model on all labelled bars, as
 * one versioned artefact: what `ml train` and the training job both do.
 */
export async function trainModel(c: Candles, req: TrainRequest, onProgress?: (p: TrainProgress) => void): Promise<TrainOutcome> {
  const spec = parseFeatureSpec(req.specDoc);
  const n = candleCount(c);
  const evaluation = spec.label.kind !== 'return'
    ? evaluate(c, spec, req.params, req.engine, req.wf, (fold, folds) => onProgress?.({ stage: 'walk-forward', fold, folds }))
    : undefined;
  const walkForward = evaluation?.report;
  const trading = walkForward ? await thresholdBacktest(c, parsePair(req.symbol), parseTimeframe(req.timeframe), walkForward, req.rule) : undefined;
  onProgress?.({ stage: 'final' });
  const final = trainFinal(c, spec, req.params, req.engine, req.wf.embargo);
  const artefact = makeArtefact({
    engine: final.engine, pair: req.symbol, timeframe: req.timeframe,
    data: { from: isoTime(c.time[0]!), to: isoTime(c.time[n - 1]!), bars: n, trainRows: final.trainRows },
    spec: req.specDoc, params: { ...req.params, objective: final.model.objective as 'binary:logistic' | 'reg:squarederror' },
    ...(walkForward ? { walkForward: { model: walkForward.model, majority: walkForward.majority, previousBar: walkForward.previousBar, folds: walkForward.folds } } : {}),
    ...(evaluation ? { importance: evaluation.importance } : {}),
    ...(trading ? { trading } : {}),
  }, final.model);
  return { artefact, ...(evaluation ? { walkForward: evaluation.report, importance: evaluation.importance } : {}), ...(trading ? { trading } : {}), engine: final.engine, trees: final.model.trees.length, trainRows: final.trainRows };
}
