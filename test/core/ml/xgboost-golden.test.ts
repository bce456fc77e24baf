/**
 * Every model in ../shared/golden/xgboost (XGBoost 1.7.4) scored by Sextant: predictions and
 * margins within 1e-6 of XGBoost's, TreeSHAP contributions (pred_contribs) within 1e-5.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeatureCsv } from '../../../src/core/ml/csv.js';
import { parseXgboostJson } from '../../../src/core/ml/xgboost-json.js';
import { predict, predictMargin } from '../../../src/core/ml/predict.js';
import { contributions } from '../../../src/core/ml/treeshap.js';
import { SHARED_GOLDEN } from '../../helpers/paths.js';
import { requires } from '../../helpers/requires.js';

const DIR = join(SHARED_GOLDEN, 'xgboost');
const present = await requires('shared:golden/xgboost');

interface ExpectedModel { model: string; objective: string; prediction: number[]; margin: number[]; contribs: number[][] }
interface Expected { features: string[]; rows: number; features_file: string; models: Record<string, ExpectedModel> }

const expectedFiles = present ? readdirSync(DIR).filter((f) => f.endsWith('-expected.json')) : [];

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe.runIf(present)('XGBoost golden models', () => {
  it('covers every model file in the folder', () => {
    const models = readdirSync(DIR).filter((f) => f.endsWith('.model.json')).sort();
    const named = expectedFiles.flatMap((f) => Object.values((JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Expected).models).map((m) => m.model)).sort();
    expect(models.length).toBeGreaterThan(0);
    expect(named).toEqual(models);
  });

  for (const file of expectedFiles) {
    const exp = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Expected;
    const table = parseFeatureCsv(readFileSync(join(DIR, exp.features_file), 'utf8'));
    for (const [name, m] of Object.entries(exp.models)) {
      it(`${m.model} (${m.objective}): predictions, margins, contributions`, () => {
        const model = parseXgboostJson(readFileSync(join(DIR, m.model), 'utf8'));
        expect(model.objective).toBe(m.objective);
        expect(table.names).toEqual(model.featureNames);
        expect(table.matrix.rows).toBe(exp.rows);
        let missing = 0;
        for (const v of table.matrix.values) if (Number.isNaN(v)) missing++;
        expect(missing).toBeGreaterThan(0);
        const margin = predictMargin(model, table.matrix);
        const pred = predict(model, table.matrix);
        const contribs = contributions(model, table.matrix);
        const flat = m.contribs.flat();
        const errs = { margin: maxAbs(margin, m.margin), prediction: maxAbs(pred, m.prediction), contribs: maxAbs(contribs, flat) };
        console.log(`${file} ${name}: max |error| margin ${errs.margin.toExponential(2)}, prediction ${errs.prediction.toExponential(2)}, contribs ${errs.contribs.toExponential(2)}`);
        expect(contribs.length).toBe(flat.length);
        expect(errs.margin).toBeLessThanOrEqual(1e-6);
        expect(errs.prediction).toBeLessThanOrEqual(1e-6);
        expect(errs.contribs).toBeLessThanOrEqual(1e-5);
      });
    }
  }
});
