/**
 * Histogram gradient-boosted trees (the XGBoost "hist" recipe, written from its paper and docs):
 * second-order gradients, per-node gradient histograms over binned features, the sibling
 * histogram obtained by subtraction, exact enumeration of bin boundaries with missing values
 * tried on both sides (the better side becomes the node's default direction), L1/L2 on leaf
 * weights, min child weight, gamma, Bernoulli row sampling and per-tree column sampling from a
 * seeded RNG, best-first growth under max depth / max leaves, early stopping on a validation set.
 * Output is an Ensemble, scored and explained by the same code as an imported XGBoost model.
 */
import type { Ensemble, Tree } from '../ensemble.js';
import { leafIndex } from '../predict.js';
import type { Matrix } from '../matrix.js';
import { binMatrix, MISSING_BIN, type Binned } from './binning.js';
import type { GbdtParams } from './params.js';
import { mulberry32, sampleIndices, type Rng } from './rng.js';

const HIST_BINS = 256;

export interface Dataset {
  x: Matrix;
  y: Float64Array;
}

export interface TrainResult {
  model: Ensemble;
  /** Validation loss after each round (log-loss or RMSE); empty without a validation set. */
  validLoss: number[];
  bestRound: number;
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  defaultLeft: boolean;
  gl: number;
  hl: number;
}

interface OpenNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array;
  split: Split | null;
}

function thresholdL1(g: number, alpha: number): number {
  if (g > alpha) return g - alpha;
  if (g < -alpha) return g + alpha;
  return 0;
}

class TreeBuilder {
  left: number[] = [];
  right: number[] = [];
  feature: number[] = [];
  threshold: number[] = [];
  defaultLeft: number[] = [];
  value: number[] = [];
  cover: number[] = [];
  gain: number[] = [];

  add(cover: number): number {
    this.left.push(-1);
    this.right.push(-1);
    this.feature.push(0);
    this.threshold.push(0);
    this.defaultLeft.push(0);
    this.value.push(0);
    this.cover.push(cover);
    this.gain.push(0);
    return this.left.length - 1;
  }

  build(): Tree {
    return {
      left: Int32Array.from(this.left), right: Int32Array.from(this.right), feature: Int32Array.from(this.feature),
      threshold: Float32Array.from(this.threshold), defaultLeft: Uint8Array.from(this.defaultLeft),
      value: Float32Array.from(this.value), cover: Float32Array.from(this.cover), gain: Float32Array.from(this.gain),
    };
  }
}

class Grower {
  constructor(
    private readonly p: GbdtParams,
    private readonly data: Binned,
    private readonly grad: Float64Array,
    private readonly hess: Float64Array,
  ) {}

  private score(g: number, h: number): number {
    const t = thresholdL1(g, this.p.l1);
    return (t * t) / (h + this.p.l2);
  }

  leafWeight(g: number, h: number): number {
    return (-thresholdL1(g, this.p.l1) / (h + this.p.l2)) * this.p.learningRate;
  }

  histogram(rows: Uint32Array, start: number, end: number, features: Int32Array): Float64Array {
    const hist = new Float64Array(this.data.cols * HIST_BINS * 2);
    const { bins, cols } = this.data;
    for (let k = start; k < end; k++) {
      const r = rows[k]!;
      const g = this.grad[r]!, h = this.hess[r]!;
      const base = r * cols;
      for (let j = 0; j < features.length; j++) {
        const f = features[j]!;
        const at = (f * HIST_BINS + bins[base + f]!) * 2;
        hist[at] = hist[at]! + g;
        hist[at + 1] = hist[at + 1]! + h;
      }
    }
    return hist;
  }

  bestSplit(hist: Float64Array, g: number, h: number, features: Int32Array): Split | null {
    const { minChildWeight, minSplitLoss } = this.p;
    const parent = this.score(g, h);
    let best: Split | null = null;
    for (let j = 0; j < features.length; j++) {
      const f = features[j]!;
      const nCuts = this.data.cuts[f]!.length;
      if (nCuts === 0) continue;
      const off = f * HIST_BINS * 2;
      const gm = hist[off + MISSING_BIN * 2]!, hm = hist[off + MISSING_BIN * 2 + 1]!;
      let gl = 0, hl = 0;
      // Split after bin b: bins 0..b go left (x < cuts[b]); missing values go left or right.
      for (let b = 0; b < nCuts; b++) {
        gl += hist[off + b * 2]!;
        hl += hist[off + b * 2 + 1]!;
        for (let side = 0; side < 2; side++) {
          const GL = side === 0 ? gl + gm : gl;
          const HL = side === 0 ? hl + hm : hl;
          const GR = g - GL, HR = h - HL;
          if (HL < minChildWeight || HR < minChildWeight || HL <= 0 || HR <= 0) continue;
          const gain = this.score(GL, HL) + this.score(GR, HR) - parent;
          if (gain > minSplitLoss && gain > 1e-10 && (!best || gain > best.gain)) {
            best = { gain, feature: f, bin: b, defaultLeft: side === 0, gl: GL, hl: HL };
          }
        }
      }
    }
    return best;
  }

  /** Moves rows going left to the front of [start, end); returns the first right index. */
  partition(rows: Uint32Array, start: number, end: number, s: Split): number {
    const { bins, cols } = this.data;
    let i = start, j = end - 1;
    const goesLeft = (r: number): boolean => {
      const b = bins[r * cols + s.feature]!;
      return b === MISSING_BIN ? s.defaultLeft : b <= s.bin;
    };
    while (i <= j) {
      if (goesLeft(rows[i]!)) i++;
      else {
        const t = rows[i]!;
        rows[i] = rows[j]!;
        rows[j] = t;
        j--;
      }
    }
    return i;
  }

  grow(rows: Uint32Array, features: Int32Array): Tree {
    const p = this.p;
    const tb = new TreeBuilder();
    let g0 = 0, h0 = 0;
    for (const r of rows) {
      g0 += this.grad[r]!;
      h0 += this.hess[r]!;
    }
    const root: OpenNode = { id: tb.add(h0), start: 0, end: rows.length, depth: 0, g: g0, h: h0, hist: this.histogram(rows, 0, rows.length, features), split: null };
    const open: OpenNode[] = [];
    const leaves: OpenNode[] = [];
    const consider = (n: OpenNode): void => {
      n.split = n.depth < p.maxDepth ? this.bestSplit(n.hist, n.g, n.h, features) : null;
      if (n.split) open.push(n);
      else leaves.push(n);
    };
    consider(root);
    let nLeaves = 1;
    while (open.length > 0) {
      // Best-first: with no leaf limit this expands every splittable node, i.e. depthwise growth.
      let bi = 0;
      for (let k = 1; k < open.length; k++) if (open[k]!.split!.gain > open[bi]!.split!.gain) bi = k;
      const n = open.splice(bi, 1)[0]!;
      if (p.maxLeaves > 0 && nLeaves >= p.maxLeaves) {
        leaves.push(n);
        continue;
      }
      const s = n.split!;
      const mid = this.partition(rows, n.start, n.end, s);
      const gr = n.g - s.gl, hr = n.h - s.hl;
      const L: OpenNode = { id: tb.add(s.hl), start: n.start, end: mid, depth: n.depth + 1, g: s.gl, h: s.hl, hist: new Float64Array(0), split: null };
      const R: OpenNode = { id: tb.add(hr), start: mid, end: n.end, depth: n.depth + 1, g: gr, h: hr, hist: new Float64Array(0), split: null };
      // Histogram of the smaller child by counting, the larger one by subtraction from the parent.
      const [small, large] = mid - n.start <= n.end - mid ? [L, R] : [R, L];
      small.hist = this.histogram(rows, small.start, small.end, features);
      const lh = n.hist;
      for (let k = 0; k < lh.length; k++) lh[k] = lh[k]! - small.hist[k]!;
      large.hist = lh;
      tb.left[n.id] = L.id;
      tb.right[n.id] = R.id;
      tb.feature[n.id] = s.feature;
      tb.threshold[n.id] = this.data.cuts[s.feature]![s.bin]!;
      tb.defaultLeft[n.id] = s.defaultLeft ? 1 : 0;
      tb.gain[n.id] = s.gain;
      nLeaves++;
      consider(L);
      consider(R);
    }
    for (const n of leaves) tb.value[n.id] = Math.fround(this.leafWeight(n.g, n.h));
    return tb.build();
  }
}

function gradients(objective: GbdtParams['objective'], margin: Float64Array, y: Float64Array, grad: Float64Array, hess: Float64Array): void {
  if (objective === 'binary:logistic') {
    for (let i = 0; i < y.length; i++) {
      const p = 1 / (1 + Math.exp(-margin[i]!));
      grad[i] = p - y[i]!;
      hess[i] = Math.max(p * (1 - p), 1e-16);
    }
  } else {
    for (let i = 0; i < y.length; i++) {
      grad[i] = margin[i]! - y[i]!;
      hess[i] = 1;
    }
  }
}

export function loss(objective: GbdtParams['objective'], margin: Float64Array, y: Float64Array): number {
  let s = 0;
  if (objective === 'binary:logistic') {
    for (let i = 0; i < y.length; i++) {
      const p = Math.min(Math.max(1 / (1 + Math.exp(-margin[i]!)), 1e-15), 1 - 1e-15);
      s -= y[i]! * Math.log(p) + (1 - y[i]!) * Math.log(1 - p);
    }
    return s / y.length;
  }
  for (let i = 0; i < y.length; i++) s += (margin[i]! - y[i]!) ** 2;
  return Math.sqrt(s / y.length);
}

function baseMarginOf(p: GbdtParams, base: number): number {
  return p.objective === 'binary:logistic' ? Math.fround(-Math.log(1 / base - 1)) : Math.fround(base);
}

function checkLabels(p: GbdtParams, y: Float64Array, what: string): void {
  for (const v of y) {
    if (!Number.isFinite(v)) throw new Error(`${what} labels must be finite numbers`);
    if (p.objective === 'binary:logistic' && v !== 0 && v !== 1) throw new Error(`${what} labels must be 0 or 1 for binary:logistic`);
  }
}

export function trainGbdt(p: GbdtParams, train: Dataset, valid?: Dataset, featureNames?: readonly string[]): TrainResult {
  const { x, y } = train;
  if (x.rows !== y.length || x.rows === 0) throw new Error(`training set: ${x.rows} rows, ${y.length} labels`);
  checkLabels(p, y, 'training');
  if (valid) checkLabels(p, valid.y, 'validation');
  const rng: Rng = mulberry32(p.seed);
  const data = binMatrix(x, p.maxBins);
  let mean = 0;
  for (const v of y) mean += v;
  mean /= y.length;
  // float32, as XGBoost stores it, so the exported model starts from the same number.
  const baseScore = Math.fround(p.baseScore ?? (p.objective === 'binary:logistic' ? Math.min(Math.max(mean, 1e-6), 1 - 1e-6) : mean));
  const base = baseMarginOf(p, baseScore);
  const margin = new Float64Array(x.rows).fill(base);
  const vMargin = valid ? new Float64Array(valid.x.rows).fill(base) : undefined;
  const grad = new Float64Array(x.rows), hess = new Float64Array(x.rows);
  const grower = new Grower(p, data, grad, hess);
  const trees: Tree[] = [];
  const validLoss: number[] = [];
  let bestRound = -1, bestLoss = Infinity;
  const nCols = Math.max(1, Math.round(p.colsampleByTree * x.cols));
  const all = Uint32Array.from({ length: x.rows }, (_, i) => i);
  for (let round = 0; round < p.nRounds; round++) {
    gradients(p.objective, margin, y, grad, hess);
    let rows: Uint32Array;
    if (p.subsample < 1) {
      const picked: number[] = [];
      for (let i = 0; i < x.rows; i++) if (rng() < p.subsample) picked.push(i);
      rows = Uint32Array.from(picked);
    } else rows = all.slice();
    const features = nCols < x.cols ? sampleIndices(rng, x.cols, nCols) : Int32Array.from({ length: x.cols }, (_, i) => i);
    const tree = grower.grow(rows, features);
    trees.push(tree);
    // Every training row (sampled or not) moves by its leaf's value.
    for (let i = 0; i < x.rows; i++) margin[i] = margin[i]! + tree.value[leafIndex(tree, x.values, i * x.cols)]!;
    if (valid && vMargin) {
      for (let i = 0; i < valid.x.rows; i++) vMargin[i] = vMargin[i]! + tree.value[leafIndex(tree, valid.x.values, i * valid.x.cols)]!;
      const l = loss(p.objective, vMargin, valid.y);
      validLoss.push(l);
      if (l < bestLoss - 1e-12) {
        bestLoss = l;
        bestRound = round;
      } else if (p.earlyStoppingRounds > 0 && round - bestRound >= p.earlyStoppingRounds) break;
    }
  }
  const keep = valid && p.earlyStoppingRounds > 0 && bestRound >= 0 ? bestRound + 1 : trees.length;
  const model: Ensemble = {
    objective: p.objective,
    featureNames: featureNames ? [...featureNames] : Array.from({ length: x.cols }, (_, i) => `f${i}`),
    baseScore,
    trees: trees.slice(0, keep),
  };
  return { model, validLoss, bestRound: valid && bestRound >= 0 ? bestRound : keep - 1 };
}
