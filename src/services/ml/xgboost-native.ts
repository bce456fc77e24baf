/**
 * XGBoost itself, through its C API (libxgboost, Debian's `libxgboost0`) loaded with koffi.
 * It trains behind the same Trainer signature as the TypeScript GBDT and hands back an
 * Ensemble (via XGBoost's own JSON dump), so scoring and TreeSHAP stay one code path and the
 * two trainers can be compared on identical data. Optional: `loadXgboost()` returns null with a
 * reason when koffi or the library is missing, and callers fall back to the TypeScript GBDT.
 */
import { createRequire } from 'node:module';
import type { Ensemble } from '../../core/ml/ensemble.js';
import type { GbdtParams } from '../../core/ml/gbdt/params.js';
import type { Dataset, TrainResult } from '../../core/ml/gbdt/train.js';
import type { Matrix } from '../../core/ml/matrix.js';
import { float32Text, parseXgboostJson } from '../../core/ml/xgboost-json.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- koffi's bound functions are untyped */
type Fn = (...args: any[]) => any;

export interface XgboostNative {
  readonly version: string;
  readonly library: string;
  train(p: GbdtParams, train: Dataset, valid: Dataset | undefined, names: readonly string[], threads?: number): TrainResult;
  /** XGBoost's own margins for an XGBoost JSON model (a cross-check of Sextant's scorer and export). */
  predictMargin(modelJson: string, x: Matrix): Float32Array;
}

const CANDIDATES = ['libxgboost.so.0', 'libxgboost.so', 'libxgboost.dylib', 'xgboost.dll'];

let cached: { native: XgboostNative | null; reason: string } | undefined;

/** Loads libxgboost once; `XGBOOST_LIBRARY` names a specific file. */
export function loadXgboost(): { native: XgboostNative | null; reason: string } {
  if (cached) return cached;
  let koffi: any;
  try {
    koffi = createRequire(import.meta.url)('koffi');
  } catch (e) {
    return (cached = { native: null, reason: `koffi is not installed (${(e as Error).message.split('\n')[0]})` });
  }
  const names = process.env.XGBOOST_LIBRARY ? [process.env.XGBOOST_LIBRARY] : CANDIDATES;
  for (const name of names) {
    try {
      const lib = koffi.load(name);
      return (cached = { native: bind(koffi, lib, name), reason: 'ok' });
    } catch {
      // try the next name
    }
  }
  return (cached = { native: null, reason: `libxgboost not found (tried ${names.join(', ')}; on Debian: apt-get install libxgboost0)` });
}

function bind(koffi: any, lib: any, library: string): XgboostNative {
  const f = (sig: string): Fn => lib.func(sig);
  const lastError: Fn = f('const char* XGBGetLastError()');
  const versionFn: Fn = f('void XGBoostVersion(_Out_ int *major, _Out_ int *minor, _Out_ int *patch)');
  const dmFromMat: Fn = f('int XGDMatrixCreateFromMat(const float *data, uint64_t nrow, uint64_t ncol, float missing, _Out_ void **out)');
  const dmSetFloat: Fn = f('int XGDMatrixSetFloatInfo(void *handle, const char *field, const float *array, uint64_t len)');
  const dmFree: Fn = f('int XGDMatrixFree(void *handle)');
  const bCreate: Fn = f('int XGBoosterCreate(void **dmats, uint64_t len, _Out_ void **out)');
  const bFree: Fn = f('int XGBoosterFree(void *handle)');
  const bSetParam: Fn = f('int XGBoosterSetParam(void *handle, const char *name, const char *value)');
  const bUpdate: Fn = f('int XGBoosterUpdateOneIter(void *handle, int iter, void *dtrain)');
  const bEval: Fn = f('int XGBoosterEvalOneIter(void *handle, int iter, void **dmats, const char **names, uint64_t len, _Out_ const char **out)');
  const bLoad: Fn = f('int XGBoosterLoadModelFromBuffer(void *handle, const void *buf, uint64_t len)');
  const bPredict: Fn = f('int XGBoosterPredict(void *handle, void *dmat, int option_mask, unsigned int ntree_limit, int training, _Out_ uint64_t *out_len, _Out_ void **out)');
  const bSave: Fn = f('int XGBoosterSaveModelToBuffer(void *handle, const char *config, _Out_ uint64_t *len, _Out_ void **out)');

  const check = (rc: number, what: string): void => {
    if (rc !== 0) throw new Error(`libxgboost ${what}: ${String(lastError())}`);
  };
  const maj = [0], min = [0], pat = [0];
  versionFn(maj, min, pat);

  const dmatrix = (d: { x: Matrix; y?: Float64Array }): unknown => {
    const out = [null];
    const values = Float32Array.from(d.x.values);
    check(dmFromMat(values, d.x.rows, d.x.cols, NaN, out), 'XGDMatrixCreateFromMat');
    if (d.y) check(dmSetFloat(out[0], 'label', Float32Array.from(d.y), d.y.length), 'XGDMatrixSetFloatInfo');
    return out[0];
  };

  return {
    version: `${maj[0]}.${min[0]}.${pat[0]}`,
    library,
    predictMargin(modelJson, x) {
      const booster = [null];
      const dm = dmatrix({ x });
      try {
        check(bCreate(null, 0, booster), 'XGBoosterCreate');
        const buf = Buffer.from(modelJson, 'utf8');
        check(bLoad(booster[0], buf, buf.length), 'XGBoosterLoadModelFromBuffer');
        const len = [0], ptr = [null];
        check(bPredict(booster[0], dm, 1, 0, 0, len, ptr), 'XGBoosterPredict');
        return Float32Array.from(koffi.decode(ptr[0], koffi.array('float', Number(len[0]), 'Array')) as number[]);
      } finally {
        if (booster[0]) bFree(booster[0]);
        dmFree(dm);
      }
    },
    train(p, train, valid, names, threads = 1) {
      let mean = 0;
      for (const v of train.y) mean += v;
      mean /= train.y.length;
      const baseScore = p.baseScore ?? (p.objective === 'binary:logistic' ? Math.min(Math.max(mean, 1e-6), 1 - 1e-6) : mean);
      const dtrain = dmatrix(train);
      const dvalid = valid ? dmatrix(valid) : null;
      const booster = [null];
      try {
        check(bCreate(dvalid ? [dtrain, dvalid] : [dtrain], dvalid ? 2 : 1, booster), 'XGBoosterCreate');
        const h = booster[0];
        const params: Record<string, string | number> = {
          objective: p.objective, eta: p.learningRate, max_depth: p.maxDepth, lambda: p.l2, alpha: p.l1,
          gamma: p.minSplitLoss, min_child_weight: p.minChildWeight, subsample: p.subsample,
          colsample_bytree: p.colsampleByTree, max_bin: p.maxBins, seed: p.seed, tree_method: 'hist',
          base_score: float32Text(baseScore), nthread: threads, eval_metric: p.objective === 'binary:logistic' ? 'logloss' : 'rmse',
          ...(p.maxLeaves > 0 ? { max_leaves: p.maxLeaves, grow_policy: 'lossguide' } : {}),
        };
        for (const [k, v] of Object.entries(params)) check(bSetParam(h, k, String(v)), `XGBoosterSetParam(${k})`);
        const validLoss: number[] = [];
        let best = -1, bestLoss = Infinity;
        for (let it = 0; it < p.nRounds; it++) {
          check(bUpdate(h, it, dtrain), 'XGBoosterUpdateOneIter');
          if (!dvalid) continue;
          const out = [null];
          check(bEval(h, it, [dvalid], ['valid'], 1, out), 'XGBoosterEvalOneIter');
          const m = /valid-\w+:([-+\d.eE]+|nan|inf)/.exec(String(out[0]));
          const l = m ? Number(m[1]) : NaN;
          validLoss.push(l);
          if (l < bestLoss - 1e-12) {
            bestLoss = l;
            best = it;
          } else if (p.earlyStoppingRounds > 0 && it - best >= p.earlyStoppingRounds) break;
        }
        const len = [0], ptr = [null];
        check(bSave(h, '{"format": "json"}', len, ptr), 'XGBoosterSaveModelToBuffer');
        const bytes: number[] = koffi.decode(ptr[0], koffi.array('uint8_t', Number(len[0]), 'Array'));
        const full = parseXgboostJson(Buffer.from(bytes).toString('utf8'));
        const keep = dvalid && p.earlyStoppingRounds > 0 && best >= 0 ? best + 1 : full.trees.length;
        const model: Ensemble = { ...full, featureNames: [...names], trees: full.trees.slice(0, keep) };
        return { model, validLoss, bestRound: dvalid && best >= 0 ? best : keep - 1 };
      } finally {
        if (booster[0]) bFree(booster[0]);
        dmFree(dtrain);
        if (dvalid) dmFree(dvalid);
      }
    },
  };
}
