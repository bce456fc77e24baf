import type { Ensemble } from './ensemble.js';
import { mulberry32 } from './gbdt/rng.js';
import { matrix, type Matrix } from './matrix.js';
import { logLoss } from './metrics.js';
import { predict } from './predict.js';

export interface PermutationImportance {
  feature: string;
  /** Mean increase of log-loss when the feature's column is shuffled (higher = the model leans on it). */
  meanIncrease: number;
  /** Standard deviation over the repeats. */
  std: number;
}

/**
 * Permutation importance (Breiman; Fisher, Rudin & Dominici) on held-out rows: shuffle one
 * column, keep the others, and measure how much the log-loss worsens. Unlike split gain, it
 * is measured on data the model did not train on and says what the model USES out of
 * sample; a feature near zero or below it carries nothing the model can use there.
 * Seeded, so the same model and rows give the same figures.
 */
export function permutationImportance(model: Ensemble, x: Matrix, y: ArrayLike<number>, repeats = 5, seed = 42): PermutationImportance[] {
  const base = logLoss(predict(model, x), y);
  const rng = mulberry32(seed);
  const work = matrix(x.rows, x.cols, Float64Array.from(x.values));
  const out: PermutationImportance[] = [];
  const perm = new Int32Array(x.rows);
  for (let f = 0; f < x.cols; f++) {
    const rises: number[] = [];
    for (let k = 0; k < repeats; k++) {
      for (let i = 0; i < x.rows; i++) perm[i] = i;
      for (let i = x.rows - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        const t = perm[i]!;
        perm[i] = perm[j]!;
        perm[j] = t;
      }
      for (let i = 0; i < x.rows; i++) work.values[i * x.cols + f] = x.values[perm[i]! * x.cols + f]!;
      rises.push(logLoss(predict(model, work), y) - base);
    }
    for (let i = 0; i < x.rows; i++) work.values[i * x.cols + f] = x.values[i * x.cols + f]!;
    const mean = rises.reduce((a, b) => a + b, 0) / repeats;
    const std = repeats > 1 ? Math.sqrt(rises.reduce((a, b) => a + (b - mean) ** 2, 0) / (repeats - 1)) : 0;
    out.push({ feature: model.featureNames[f] ?? `f${f}`, meanIncrease: mean, std });
  }
  return out.sort((a, b) => b.meanIncrease - a.meanIncrease);
}
