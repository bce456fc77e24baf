import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelFormatError, parseXgboostJson, toXgboostJson } from '../../../src/core/ml/xgboost-json.js';
import { parseFeatureCsv } from '../../../src/core/ml/csv.js';
import { predictMargin } from '../../../src/core/ml/predict.js';
import { SHARED_GOLDEN } from '../../helpers/paths.js';
import { requires } from '../../helpers/requires.js';

const DIR = join(SHARED_GOLDEN, 'xgboost');
const MODEL = join(DIR, 'btcusdt-1h-clf.model.json');

describe('XGBoost JSON: bad input', () => {
  it.each([
    ['not json', '{"learner":'],
    ['no learner', '{}'],
    ['unknown objective', JSON.stringify({ learner: { learner_model_param: { num_feature: '1', base_score: '0' }, objective: { name: 'rank:pairwise' }, gradient_booster: { name: 'gbtree', model: { trees: [] } } } })],
    ['bad children', JSON.stringify({ learner: { learner_model_param: { num_feature: '1', base_score: '0' }, objective: { name: 'reg:squarederror' }, gradient_booster: { name: 'gbtree', model: { trees: [{ tree_param: { num_nodes: '3' }, left_children: [5, -1, -1], right_children: [2, -1, -1], split_indices: [0, 0, 0], split_conditions: [0, 1, 2], default_left: [0, 0, 0], sum_hessian: [2, 1, 1] }] } } } })],
  ])('%s -> ModelFormatError naming the problem', (_name, text) => {
    expect(() => parseXgboostJson(text)).toThrow(ModelFormatError);
  });
});

describe.runIf(await requires('shared:golden/xgboost/btcusdt-1h-clf.model.json'))('XGBoost JSON round trip', () => {
  it('export then import gives identical margins on the golden rows', () => {
    const model = parseXgboostJson(readFileSync(MODEL, 'utf8'));
    const again = parseXgboostJson(JSON.stringify(toXgboostJson(model)));
    const x = parseFeatureCsv(readFileSync(join(DIR, 'btcusdt-1h-features.csv'), 'utf8')).matrix;
    expect(Array.from(predictMargin(again, x))).toEqual(Array.from(predictMargin(model, x)));
  });
});
