/**
 * Walk-forward evaluation of a binary direction model next to naive baselines. Each fold trains
 * on purged past rows only (early stopping on the last 20% of them, purged again), predicts the
 * next block, and the blocks' predictions are pooled: every figure is out-of-sample.
 *
 * Baselines, fitted on the same training rows:
 *  - majority: the training up-rate as the probability for every row (accuracy = majority class);
 *  - previous bar: accuracy of "the next move repeats the last bar's direction"; its
 *    probabilities (log-loss, AUC, Brier) are P(up | last bar's sign), estimated on training rows.
 */
import type { Ensemble } from './ensemble.js';
import type { GbdtParams } from './gbdt/params.js';
import type { Dataset, TrainResult } from './gbdt/train.js';
import { takeRows, type Matrix } from './matrix.js';
import { classMetrics, type ClassMetrics } from './metrics.js';
import { predict } from './predict.js';
import { validationSplit, walkForward, type WalkForwardOptions } from './split.js';

export type Trainer = (p: GbdtParams, train: Dataset, valid: Dataset | undefined, names: readonly string[]) => TrainResult;

export interface EvalInput {
  x: Matrix;
  names: readonly string[];
  /** Labels per bar, NaN = unlabelled. */
  y: Float64Array;
  /** Sign of the bar's own 1-bar return (known at its close), for the previous-bar baseline. */
  lastReturn: Float64Array;
}

export interface FoldReport {
  trainRows: number;
  testRows: number;
  testFrom: number;
  testTo: number;
  rounds: number;
}

export interface EvalReport {
  folds: FoldReport[];
  model: ClassMetrics;
  majority: ClassMetrics;
  previousBar: ClassMetrics;
  /** Out-of-sample predictions, test rows in time order. */
  rows: Int32Array;
  probability: Float64Array;
  lastModel?: Ensemble;
}

const labelled = (idx: Int32Array, y: Float64Array) => idx.filter((i) => !Number.isNaN(y[i]!));

function dataset(x: Matrix, y: Float64Array, idx: Int32Array): Dataset {
  return { x: takeRows(x, idx), y: Float64Array.from(idx, (i) => y[i]!) };
}

export function evaluateWalkForward(
  input: EvalInput, params: GbdtParams, trainer: Trainer,
  split: Omit<WalkForwardOptions, 'n'>, onFold?: (k: number, of: number) => void,
): EvalReport {
  const folds = walkForward({ ...split, n: input.x.rows });
  const rows: number[] = [], prob: number[] = [], maj: number[] = [], prev: number[] = [], truth: number[] = [];
  let prevHits = 0;
  const reports: FoldReport[] = [];
  let lastModel: Ensemble | undefined;
  folds.forEach((fold, k) => {
    const train = labelled(fold.train, input.y);
    const test = labelled(fold.test, input.y);
    if (train.length < 50 || test.length === 0) throw new Error(`walk-forward fold ${k + 1}: ${train.length} training rows, ${test.length} test rows — not enough data`);
    const { fit, valid } = validationSplit(train, 0.2, split.horizon, split.embargo);
    const result = trainer(params, dataset(input.x, input.y, fit), dataset(input.x, input.y, valid), input.names);
    lastModel = result.model;
    const p = predict(result.model, takeRows(input.x, test));
    // Baselines from the training rows.
    let up = 0;
    const cond = [[0, 0], [0, 0]];
    for (const i of train) {
      up += input.y[i]!;
      const s = input.lastReturn[i]! > 0 ? 1 : 0;
      cond[s]![0]! += input.y[i]!;
      cond[s]![1]! += 1;
    }
    const rate = up / train.length;
    test.forEach((i, j) => {
      rows.push(i);
      prob.push(p[j]!);
      truth.push(input.y[i]!);
      maj.push(rate);
      const s = input.lastReturn[i]! > 0 ? 1 : 0;
      if (s === input.y[i]) prevHits++;
      prev.push(cond[s]![1]! > 0 ? (cond[s]![0]! + 1) / (cond[s]![1]! + 2) : rate);
    });
    reports.push({ trainRows: train.length, testRows: test.length, testFrom: fold.test[0]!, testTo: fold.test[fold.test.length - 1]!, rounds: result.model.trees.length });
    onFold?.(k + 1, folds.length);
  });
  const report: EvalReport = {
    folds: reports,
    model: classMetrics(prob, truth),
    majority: classMetrics(maj, truth),
    // Accuracy of the plain rule "next = last bar's direction"; the other figures use its fitted probabilities.
    previousBar: { ...classMetrics(prev, truth), accuracy: truth.length ? prevHits / truth.length : NaN },
    rows: Int32Array.from(rows),
    probability: Float64Array.from(prob),
  };
  if (lastModel) report.lastModel = lastModel;
  return report;
}
