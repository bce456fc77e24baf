/**
 * A trained model as a versioned artefact: the XGBoost JSON model (loadable by XGBoost itself)
 * plus everything needed to reproduce and audit it — feature spec, hyperparameters, engine,
 * data range, walk-forward metrics. `format`/`version` let a later Sextant refuse or migrate.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../../errors.js';
import type { Ensemble } from '../../core/ml/ensemble.js';
import type { GbdtParams } from '../../core/ml/gbdt/params.js';
import { parseXgboostJson, xgboostJsonText, ModelFormatError } from '../../core/ml/xgboost-json.js';
import type { EvalReport } from '../../core/ml/evaluate.js';
import type { PermutationImportance } from '../../core/ml/importance.js';
import type { ThresholdBacktest } from './threshold-backtest.js';

export const ARTEFACT_FORMAT = 'sextant-ml-model';
export const ARTEFACT_VERSION = 1;

export interface ModelArtefact {
  format: typeof ARTEFACT_FORMAT;
  version: number;
  id: string;
  engine: string;
  pair: string;
  timeframe: string;
  data: { from: string; to: string; bars: number; trainRows: number };
  spec: unknown;
  params: GbdtParams;
  featureNames: string[];
  walkForward?: Pick<EvalReport, 'model' | 'majority' | 'previousBar' | 'folds'>;
  /** Permutation importance of the last walk-forward fold's model on its test block. */
  importance?: PermutationImportance[];
  /** The threshold rule traded on the walk-forward probabilities, through the backtester. */
  trading?: ThresholdBacktest;
  model: unknown;
}

export interface LoadedModel {
  ensemble: Ensemble;
  artefact?: ModelArtefact;
}

export function makeArtefact(a: Omit<ModelArtefact, 'format' | 'version' | 'id' | 'model' | 'featureNames'>, ensemble: Ensemble): ModelArtefact {
  const model = JSON.parse(xgboostJsonText(ensemble)) as unknown;
  const hash = createHash('sha256').update(JSON.stringify({ ...a, model })).digest('hex').slice(0, 12);
  const id = `${a.pair.replace('/', '')}-${a.timeframe}-${hash}`.toLowerCase();
  return { format: ARTEFACT_FORMAT, version: ARTEFACT_VERSION, id, ...a, featureNames: [...ensemble.featureNames], model };
}

/** Reads an artefact or a bare XGBoost JSON model; anything else is a ModelFormatError. */
export function parseModelFile(text: string, name: string): LoadedModel {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ModelFormatError(`${name} is not JSON (${(e as Error).message})`);
  }
  const o = doc as Partial<ModelArtefact> & { learner?: unknown };
  if (o && o.format === ARTEFACT_FORMAT) {
    if (o.version !== ARTEFACT_VERSION) throw new ModelFormatError(`${name}: artefact version ${String(o.version)} is not supported (this Sextant reads ${ARTEFACT_VERSION})`);
    return { ensemble: parseXgboostJson(o.model), artefact: o as ModelArtefact };
  }
  if (o && o.learner) return { ensemble: parseXgboostJson(o) };
  throw new ModelFormatError(`${name} is neither a Sextant model artefact nor an XGBoost JSON model`);
}

/** Column order of `names` for the model's features; missing ones -> InputError naming them. */
export function alignColumns(modelFeatures: readonly string[], names: readonly string[], field = 'input'): number[] {
  const at = new Map(names.map((n, i) => [n, i]));
  const missing = modelFeatures.filter((f) => !at.has(f));
  if (missing.length > 0) throw new InputError(`${field}: the model needs features that the input lacks: ${missing.join(', ')}`, field);
  return modelFeatures.map((f) => at.get(f)!);
}
