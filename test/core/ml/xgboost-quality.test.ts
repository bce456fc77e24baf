/**
 * Quality check against XGBoost itself (libxgboost via koffi): same features, labels, split and
 * hyperparameters; the TypeScript GBDT's out-of-sample log-loss must be within 2% of XGBoost's.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../src/core/ml/gbdt/params.js';
import { trainGbdt } from '../../../src/core/ml/gbdt/train.js';
import { logLoss } from '../../../src/core/ml/metrics.js';
import { predict, predictMargin } from '../../../src/core/ml/predict.js';
import { xgboostJsonText } from '../../../src/core/ml/xgboost-json.js';
import { loadXgboost } from '../../../src/services/ml/xgboost-native.js';
import { realSplit } from './data.js';
import { requiresExternal } from '../../helpers/requires.js';

const { native, reason } = loadXgboost();

describe.runIf(requiresExternal(native ? undefined : `the XGBoost C library (${reason})`))(`TypeScript GBDT vs XGBoost ${native ? native.version : `(skipped: ${reason})`}`, () => {
  for (const [name, over] of [
    ['early stopping on the validation block', { nRounds: 300 }],
    ['150 fixed rounds, depth 5 (enough trees to overfit)', { nRounds: 150, earlyStoppingRounds: 0, maxDepth: 5 }],
  ] as const) it(`out-of-sample log-loss within 2% of XGBoost on real BTC-USD 4h direction labels, 3 seeds, ${name}`, () => {
    const d = realSplit();
    for (const seed of [1, 2, 3]) {
      const p = { ...DEFAULT_PARAMS, seed, ...over };
      const ts = trainGbdt(p, d.fit, d.valid, d.names);
      const xg = native!.train(p, d.fit, d.valid, d.names);
      const llTs = logLoss(predict(ts.model, d.test.x), d.test.y);
      const llXg = logLoss(predict(xg.model, d.test.x), d.test.y);
      console.log(`seed ${seed}: TS ${llTs.toFixed(5)} (${ts.model.trees.length} trees), XGBoost ${llXg.toFixed(5)} (${xg.model.trees.length} trees)`);
      expect(xg.model.trees.length).toBeGreaterThan(0);
      expect(Math.abs(llTs - llXg) / llXg).toBeLessThanOrEqual(0.02);
    }
  });

  it.each([['binary:logistic'], ['reg:squarederror']] as const)('%s: libxgboost scores Sextant-trained models (exported as XGBoost JSON) and its own models exactly as Sextant does', (objective) => {
    const d = realSplit(objective === 'binary:logistic' ? { kind: 'direction', horizon: 1, deadZone: 0 } : { kind: 'return', horizon: 1 });
    const p = { ...DEFAULT_PARAMS, objective, nRounds: 30, earlyStoppingRounds: 0, maxLeaves: objective === 'reg:squarederror' ? 12 : 0, maxDepth: 6 };
    for (const model of [trainGbdt(p, d.fit, undefined, d.names).model, native!.train(p, d.fit, undefined, d.names).model]) {
      expect(model.trees).toHaveLength(30);
      const theirs = native!.predictMargin(xgboostJsonText(model), d.test.x);
      const ours = predictMargin(model, d.test.x);
      let worst = 0;
      for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!));
      expect(ours.length).toBe(d.test.x.rows);
      expect(worst).toBeLessThanOrEqual(1e-6);
    }
  });
});
