/**
 * Exact TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution
 * for tree ensembles", Algorithm 2): SHAP values of one row in O(leaves x depth^2) per tree.
 *
 * The walk keeps the "unique path" of features split on from the root: for each element the
 * fraction of background rows that follow the path when the feature is absent (`zero`: the
 * cover ratio), whether the row itself follows it when the feature is present (`one`: 0/1), and
 * `w`, the permutation weights of all subset sizes. EXTEND adds a feature to the path, UNWIND
 * removes one (a feature split twice on a path is merged, not counted twice), and at a leaf each
 * feature receives (sum of its unwound weights) x (one - zero) x leaf value.
 * The bias column is the tree's expected value: leaf values averaged by cover, as XGBoost does
 * (`pred_contribs`), so each row's contributions sum to its margin.
 */
import { baseMargin, type Ensemble, type Tree } from './ensemble.js';
import { checkWidth } from './predict.js';
import type { Matrix } from './matrix.js';

/** One path per recursion depth, so a child can copy its parent's path and extend it in place. */
interface PathPool {
  feat: Int32Array[];
  zero: Float64Array[];
  one: Float64Array[];
  w: Float64Array[];
}

function makePool(maxDepth: number): PathPool {
  const levels = maxDepth + 2;
  const len = maxDepth + 2;
  const pool: PathPool = { feat: [], zero: [], one: [], w: [] };
  for (let d = 0; d < levels; d++) {
    pool.feat.push(new Int32Array(len));
    pool.zero.push(new Float64Array(len));
    pool.one.push(new Float64Array(len));
    pool.w.push(new Float64Array(len));
  }
  return pool;
}

/** Appends (feature, zero, one) to a path of length `len`; returns the new length. */
function extend(p: PathPool, lvl: number, len: number, zero: number, one: number, feat: number): number {
  const f = p.feat[lvl]!, z = p.zero[lvl]!, o = p.one[lvl]!, w = p.w[lvl]!;
  f[len] = feat;
  z[len] = zero;
  o[len] = one;
  w[len] = len === 0 ? 1 : 0;
  for (let i = len; i >= 1; i--) {
    w[i] = w[i]! + (one * w[i - 1]! * i) / (len + 1);
    w[i - 1] = (zero * w[i - 1]! * (len + 1 - i)) / (len + 1);
  }
  return len + 1;
}

/** Removes element k from a path of length `len` (inverse of extend); returns the new length. */
function unwind(p: PathPool, lvl: number, len: number, k: number): number {
  const f = p.feat[lvl]!, z = p.zero[lvl]!, o = p.one[lvl]!, w = p.w[lvl]!;
  const ok = o[k]!, zk = z[k]!;
  let n = w[len - 1]!;
  for (let j = len - 1; j >= 1; j--) {
    if (ok !== 0) {
      const t = w[j - 1]!;
      w[j - 1] = (n * len) / (j * ok);
      n = t - (w[j - 1]! * zk * (len - j)) / len;
    } else {
      w[j - 1] = (w[j - 1]! * len) / (zk * (len - j));
    }
  }
  for (let i = k; i < len - 1; i++) {
    f[i] = f[i + 1]!;
    z[i] = z[i + 1]!;
    o[i] = o[i + 1]!;
  }
  return len - 1;
}

/** Sum of the weights `unwind(k)` would leave, without modifying the path. */
function unwoundSum(p: PathPool, lvl: number, len: number, k: number): number {
  const w = p.w[lvl]!;
  const ok = p.one[lvl]![k]!, zk = p.zero[lvl]![k]!;
  let total = 0;
  if (ok !== 0) {
    let n = w[len - 1]!;
    for (let j = len - 1; j >= 1; j--) {
      const nw = (n * len) / (j * ok);
      total += nw;
      n = w[j - 1]! - (nw * zk * (len - j)) / len;
    }
  } else {
    for (let j = len - 1; j >= 1; j--) total += (w[j - 1]! * len) / (zk * (len - j));
  }
  return total;
}

function copyPath(p: PathPool, from: number, to: number, len: number): void {
  p.feat[to]!.set(p.feat[from]!.subarray(0, len));
  p.zero[to]!.set(p.zero[from]!.subarray(0, len));
  p.one[to]!.set(p.one[from]!.subarray(0, len));
  p.w[to]!.set(p.w[from]!.subarray(0, len));
}

function recurse(
  t: Tree, x: Float64Array, offset: number, phi: Float64Array, scale: number, p: PathPool,
  node: number, lvl: number, parentLen: number, zero: number, one: number, feat: number,
): void {
  if (lvl > 0) copyPath(p, lvl - 1, lvl, parentLen);
  let len = extend(p, lvl, parentLen, zero, one, feat);
  if (t.left[node] === -1) {
    const v = t.value[node]! * scale;
    const f = p.feat[lvl]!, z = p.zero[lvl]!, o = p.one[lvl]!;
    for (let i = 1; i < len; i++) phi[f[i]!] = phi[f[i]!]! + unwoundSum(p, lvl, len, i) * (o[i]! - z[i]!) * v;
    return;
  }
  const d = t.feature[node]!;
  const xv = x[offset + d]!;
  const goLeft = xv !== xv ? t.defaultLeft[node] === 1 : Math.fround(xv) < t.threshold[node]!;
  const hot = goLeft ? t.left[node]! : t.right[node]!;
  const cold = goLeft ? t.right[node]! : t.left[node]!;
  let inZero = 1;
  let inOne = 1;
  const f = p.feat[lvl]!;
  for (let k = 1; k < len; k++) {
    if (f[k] === d) {
      inZero = p.zero[lvl]![k]!;
      inOne = p.one[lvl]![k]!;
      len = unwind(p, lvl, len, k);
      break;
    }
  }
  const cover = t.cover[node]!;
  recurse(t, x, offset, phi, scale, p, hot, lvl + 1, len, (inZero * t.cover[hot]!) / cover, inOne, d);
  recurse(t, x, offset, phi, scale, p, cold, lvl + 1, len, (inZero * t.cover[cold]!) / cover, 0, d);
}

/** Expected value of each node: its leaves' values weighted by cover. */
export function nodeMeans(t: Tree): Float64Array {
  const means = new Float64Array(t.left.length);
  const fill = (node: number): number => {
    if (t.left[node] === -1) return (means[node] = t.value[node]!);
    const l = t.left[node]!, r = t.right[node]!;
    const v = (fill(l) * t.cover[l]! + fill(r) * t.cover[r]!) / t.cover[node]!;
    return (means[node] = v);
  };
  fill(0);
  return means;
}

function depthOf(t: Tree, node = 0): number {
  if (t.left[node] === -1) return 0;
  return 1 + Math.max(depthOf(t, t.left[node]!), depthOf(t, t.right[node]!));
}

/**
 * SHAP contributions, row-major rows x (features + 1): one value per feature, then the bias
 * (base margin + expected value of every tree). Each row sums to its margin.
 */
export function contributions(model: Ensemble, m: Matrix): Float64Array {
  checkWidth(model, m);
  const width = m.cols + 1;
  const out = new Float64Array(m.rows * width);
  const maxDepth = model.trees.reduce((d, t) => Math.max(d, depthOf(t)), 0);
  const pool = makePool(maxDepth + 1);
  let bias = baseMargin(model.objective, model.baseScore);
  model.trees.forEach((t, k) => {
    bias += nodeMeans(t)[0]! * (model.treeWeights ? model.treeWeights[k]! : 1);
  });
  for (let r = 0; r < m.rows; r++) {
    const phi = out.subarray(r * width, (r + 1) * width);
    model.trees.forEach((t, k) => {
      const scale = model.treeWeights ? model.treeWeights[k]! : 1;
      recurse(t, m.values, r * m.cols, phi, scale, pool, 0, 0, 0, 1, 1, -1);
    });
    phi[m.cols] = bias;
  }
  return out;
}
