/**
 * Scoring. The margin is accumulated in float32, base margin first and trees in order,
 * because that is what XGBoost's CPU predictor does; a float64 sum drifts ~1e-6 from it.
 */
import { baseMargin, transform, type Ensemble, type Tree } from './ensemble.js';
import type { Matrix } from './matrix.js';

/** Index of the leaf that row `values[offset..]` reaches. */
export function leafIndex(t: Tree, values: ArrayLike<number>, offset: number): number {
  let node = 0;
  const { left, right, feature, threshold, defaultLeft } = t;
  while (left[node] !== -1) {
    const x = values[offset + feature[node]!]!;
    if (x !== x) node = defaultLeft[node] === 1 ? left[node]! : right[node]!;
    else node = Math.fround(x) < threshold[node]! ? left[node]! : right[node]!;
  }
  return node;
}

export function predictMargin(model: Ensemble, m: Matrix, treeLimit = model.trees.length): Float64Array {
  checkWidth(model, m);
  const out = new Float64Array(m.rows);
  const base = baseMargin(model.objective, model.baseScore);
  const weights = model.treeWeights;
  const nTrees = Math.min(treeLimit, model.trees.length);
  for (let r = 0; r < m.rows; r++) {
    const offset = r * m.cols;
    let sum = base;
    for (let k = 0; k < nTrees; k++) {
      const t = model.trees[k]!;
      const leaf = t.value[leafIndex(t, m.values, offset)]!;
      sum = Math.fround(sum + (weights ? Math.fround(leaf * weights[k]!) : leaf));
    }
    out[r] = sum;
  }
  return out;
}

export function predict(model: Ensemble, m: Matrix, treeLimit?: number): Float64Array {
  const margin = predictMargin(model, m, treeLimit);
  for (let r = 0; r < margin.length; r++) margin[r] = transform(model.objective, margin[r]!);
  return margin;
}

export function checkWidth(model: Ensemble, m: Matrix): void {
  if (m.cols !== model.featureNames.length) {
    throw new Error(`model expects ${model.featureNames.length} features, input has ${m.cols}`);
  }
}
