/**
 * XGBoost's JSON model format (`save_model("m.json")`, 1.x): read into an Ensemble and write
 * one back, so a TypeScript-trained model is an ordinary XGBoost model and vice versa.
 * Leaf values live in `split_conditions` of leaf nodes; `sum_hessian` is the cover TreeSHAP needs.
 */
import { InputError } from '../../errors.js';
import { OBJECTIVES, type Ensemble, type Objective, type Tree } from './ensemble.js';

export class ModelFormatError extends InputError {
  constructor(message: string) {
    super(`model: ${message}`, 'model');
    this.name = 'ModelFormatError';
  }
}

type Json = Record<string, unknown>;

function obj(v: unknown, where: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ModelFormatError(`${where} is not an object`);
  return v as Json;
}

function nums(v: unknown, where: string, n: number): number[] {
  if (!Array.isArray(v) || v.length !== n) throw new ModelFormatError(`${where} must be an array of ${n} numbers`);
  for (const x of v) if (typeof x !== 'number') throw new ModelFormatError(`${where} holds a non-number`);
  return v as number[];
}

function numStr(v: unknown, where: string): number {
  const x = typeof v === 'string' ? Number(v) : v;
  if (typeof x !== 'number' || Number.isNaN(x)) throw new ModelFormatError(`${where} is not a number`);
  return x;
}

function parseTree(raw: unknown, k: number, nFeatures: number): Tree {
  const t = obj(raw, `tree ${k}`);
  const param = obj(t.tree_param, `tree ${k}.tree_param`);
  const n = numStr(param.num_nodes, `tree ${k}.num_nodes`);
  if (!Number.isInteger(n) || n < 1) throw new ModelFormatError(`tree ${k} has ${n} nodes`);
  const left = Int32Array.from(nums(t.left_children, `tree ${k}.left_children`, n));
  const right = Int32Array.from(nums(t.right_children, `tree ${k}.right_children`, n));
  const feature = Int32Array.from(nums(t.split_indices, `tree ${k}.split_indices`, n));
  const cond = Float32Array.from(nums(t.split_conditions, `tree ${k}.split_conditions`, n));
  const defaultLeft = Uint8Array.from(nums(t.default_left, `tree ${k}.default_left`, n));
  const cover = Float32Array.from(nums(t.sum_hessian, `tree ${k}.sum_hessian`, n));
  const gain = Array.isArray(t.loss_changes) && t.loss_changes.length === n
    ? Float32Array.from(t.loss_changes as number[]) : new Float32Array(n);
  if (Array.isArray(t.split_type) && (t.split_type as number[]).some((s) => s !== 0)) {
    throw new ModelFormatError(`tree ${k} has categorical splits, which Sextant does not score`);
  }
  for (let i = 0; i < n; i++) {
    const l = left[i]!, r = right[i]!;
    if (l === -1 && r === -1) continue;
    if (l <= i || r <= i || l >= n || r >= n) throw new ModelFormatError(`tree ${k} node ${i} has bad children ${l}/${r}`);
    if (feature[i]! < 0 || feature[i]! >= nFeatures) throw new ModelFormatError(`tree ${k} node ${i} splits on feature ${feature[i]} of ${nFeatures}`);
  }
  // A leaf's value is its split_condition; thresholds of leaves are meaningless.
  const value = new Float32Array(n);
  const threshold = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (left[i] === -1) value[i] = cond[i]!;
    else threshold[i] = cond[i]!;
  }
  return { left, right, feature, threshold, defaultLeft, value, cover, gain };
}

/** Parses XGBoost's JSON model (text or parsed object). Throws ModelFormatError naming what is wrong. */
export function parseXgboostJson(input: string | unknown): Ensemble {
  let root: unknown = input;
  if (typeof input === 'string') {
    try {
      root = JSON.parse(input);
    } catch (e) {
      throw new ModelFormatError(`not JSON (${(e as Error).message})`);
    }
  }
  const learner = obj(obj(root, 'file').learner, 'learner');
  const params = obj(learner.learner_model_param, 'learner.learner_model_param');
  const nFeatures = numStr(params.num_feature, 'num_feature');
  const numClass = numStr(params.num_class ?? '0', 'num_class');
  if (numClass > 1 || numStr(params.num_target ?? '1', 'num_target') > 1) {
    throw new ModelFormatError('multi-output models (num_class > 1 or num_target > 1) are not supported');
  }
  const objective = String(obj(learner.objective, 'learner.objective').name);
  if (!(OBJECTIVES as readonly string[]).includes(objective)) {
    throw new ModelFormatError(`objective "${objective}" is not supported (supported: ${OBJECTIVES.join(', ')})`);
  }
  const booster = obj(learner.gradient_booster, 'learner.gradient_booster');
  let gbtree = booster;
  let treeWeights: Float32Array | undefined;
  if (booster.name === 'dart') {
    gbtree = obj(booster.gbtree, 'dart.gbtree');
    treeWeights = Float32Array.from(booster.weight_drop as number[]);
  } else if (booster.name !== 'gbtree') {
    throw new ModelFormatError(`booster "${String(booster.name)}" is not supported (gbtree or dart)`);
  }
  const model = obj(gbtree.model, 'gradient_booster.model');
  if (!Array.isArray(model.trees)) throw new ModelFormatError('gradient_booster.model.trees is missing');
  const trees = model.trees.map((t, k) => parseTree(t, k, nFeatures));
  if (treeWeights && treeWeights.length !== trees.length) throw new ModelFormatError('dart weight_drop length differs from tree count');
  const names = Array.isArray(learner.feature_names) && learner.feature_names.length === nFeatures
    ? (learner.feature_names as unknown[]).map(String)
    : Array.from({ length: nFeatures }, (_, i) => `f${i}`);
  const out: Ensemble = {
    objective: objective as Objective,
    featureNames: names,
    baseScore: numStr(params.base_score, 'base_score'),
    trees,
    ...(treeWeights ? { treeWeights } : {}),
  };
  return out;
}

const f32 = (a: ArrayLike<number>): number[] => Array.from(a, (x) => Math.fround(x));

/**
 * Shortest decimal that reads back as the same float32, in XGBoost's own style ("5E-1").
 * XGBoost 1.7 silently keeps its default base_score when the string has more digits than
 * a float32 parse accepts, so long float64 renderings must not reach it.
 */
export function float32Text(x: number): string {
  const v = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const s = v.toExponential(p - 1);
    if (Math.fround(Number(s)) === v) return s.toUpperCase().replace('E+', 'E');
  }
  return v.toExponential(8).toUpperCase().replace('E+', 'E');
}

/** XGBoost 1.7's JSON model; `attributes` go to learner.attributes (strings only). */
export function toXgboostJson(model: Ensemble, attributes: Record<string, string> = {}): Json {
  if (model.treeWeights) throw new ModelFormatError('writing DART models is not supported');
  const nFeatures = model.featureNames.length;
  const trees = model.trees.map((t, id) => {
    const n = t.left.length;
    const parents = new Array<number>(n).fill(2147483647);
    for (let i = 0; i < n; i++) {
      if (t.left[i] !== -1) {
        parents[t.left[i]!] = i;
        parents[t.right[i]!] = i;
      }
    }
    const cond = Array.from({ length: n }, (_, i) => (t.left[i] === -1 ? t.value[i]! : t.threshold[i]!));
    return {
      base_weights: f32(cond), categories: [], categories_nodes: [], categories_segments: [], categories_sizes: [],
      default_left: Array.from(t.defaultLeft), id,
      left_children: Array.from(t.left), loss_changes: f32(t.gain), parents,
      right_children: Array.from(t.right), split_conditions: f32(cond),
      split_indices: Array.from(t.feature, (f, i) => (t.left[i] === -1 ? 0 : f)),
      split_type: new Array<number>(n).fill(0), sum_hessian: f32(t.cover),
      tree_param: { num_deleted: '0', num_feature: String(nFeatures), num_nodes: String(n), size_leaf_vector: '0' },
    };
  });
  return {
    learner: {
      attributes,
      feature_names: [...model.featureNames],
      feature_types: model.featureNames.map(() => 'float'),
      gradient_booster: {
        model: {
          gbtree_model_param: { num_parallel_tree: '1', num_trees: String(trees.length), size_leaf_vector: '0' },
          tree_info: trees.map(() => 0),
          trees,
        },
        name: 'gbtree',
      },
      learner_model_param: {
        base_score: float32Text(model.baseScore), boost_from_average: '0', num_class: '0',
        num_feature: String(nFeatures), num_target: '1',
      },
      objective: { name: model.objective, reg_loss_param: { scale_pos_weight: '1' } },
    },
    version: [1, 7, 4],
  };
}

const FLOAT_KEYS = new Set(['base_weights', 'loss_changes', 'split_conditions', 'sum_hessian']);

/**
 * The model as XGBoost-loadable text. XGBoost's JSON reader wants float fields written as
 * floats ("1.0", not "1"), which JSON.stringify does not do, so those arrays are formatted here.
 */
export function xgboostJsonText(model: Ensemble, attributes: Record<string, string> = {}): string {
  const mark = '\u0000f';
  const text = JSON.stringify(toXgboostJson(model, attributes), (key, value: unknown) =>
    FLOAT_KEYS.has(key) && Array.isArray(value)
      ? (value as number[]).map((v) => `${mark}${Number.isInteger(v) ? v.toFixed(1) : String(v).toUpperCase()}`)
      : value);
  return text.replace(/"\\u0000f([^"]+)"/g, '$1');
}
