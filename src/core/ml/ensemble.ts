/**
 * One tree-ensemble representation for every model Sextant scores: XGBoost JSON imports,
 * the TypeScript GBDT and models trained through libxgboost all end up here, so scoring
 * and TreeSHAP exist once. Numbers follow XGBoost's storage: thresholds, leaf values and
 * covers are float32, and a row goes left when float32(x) < threshold (missing -> default).
 */
export interface Tree {
  /** Child indices; -1 marks a leaf. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  /** 1 when a missing value goes to the left child. */
  readonly defaultLeft: Uint8Array;
  /** Leaf value (already multiplied by the learning rate). Internal nodes: unused. */
  readonly value: Float32Array;
  /** Sum of hessians of the training rows that reached the node (XGBoost's `sum_hessian`). */
  readonly cover: Float32Array;
  /** Split gain, kept for gain importance and for the export. */
  readonly gain: Float32Array;
}

export const OBJECTIVES = [
  'binary:logistic', 'reg:logistic', 'binary:logitraw', 'reg:squarederror', 'reg:squaredlogerror',
  'reg:pseudohubererror', 'reg:absoluteerror', 'count:poisson', 'reg:gamma', 'reg:tweedie',
] as const;
export type Objective = (typeof OBJECTIVES)[number];

export interface Ensemble {
  readonly objective: Objective;
  readonly featureNames: readonly string[];
  /** XGBoost's `base_score`, in prediction space (a probability for logistic objectives). */
  readonly baseScore: number;
  readonly trees: readonly Tree[];
  /** DART tree weights; absent = every tree weighs 1. */
  readonly treeWeights?: Float32Array;
}

export function isLeaf(t: Tree, node: number): boolean {
  return t.left[node] === -1;
}

/** The base margin XGBoost starts every row from: base_score mapped through the objective's link. */
export function baseMargin(objective: Objective, baseScore: number): number {
  switch (objective) {
    case 'binary:logistic':
    case 'reg:logistic':
      return Math.fround(-Math.log(1 / baseScore - 1));
    case 'count:poisson':
    case 'reg:gamma':
    case 'reg:tweedie':
      return Math.fround(Math.log(baseScore));
    default:
      return Math.fround(baseScore);
  }
}

/** Margin -> prediction, in float32 like XGBoost's PredTransform. */
export function transform(objective: Objective, margin: number): number {
  switch (objective) {
    case 'binary:logistic':
    case 'reg:logistic':
      return Math.fround(1 / (1 + Math.fround(Math.exp(-margin))));
    case 'count:poisson':
    case 'reg:gamma':
    case 'reg:tweedie':
      return Math.fround(Math.exp(margin));
    default:
      return margin;
  }
}

export function isClassifier(objective: Objective): boolean {
  return objective === 'binary:logistic' || objective === 'reg:logistic' || objective === 'binary:logitraw';
}

export function treeDepth(t: Tree, node = 0): number {
  if (isLeaf(t, node)) return 0;
  return 1 + Math.max(treeDepth(t, t.left[node]!), treeDepth(t, t.right[node]!));
}
