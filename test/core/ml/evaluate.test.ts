import { describe, expect, it } from 'vitest';
import { computeFeatures, logReturn } from '../../../src/core/features/compute.js';
import { makeLabels } from '../../../src/core/features/labels.js';
import { DEFAULT_SPEC_DOC, parseFeatureSpec } from '../../../src/core/features/spec.js';
import { evaluateWalkForward } from '../../../src/core/ml/evaluate.js';
import { DEFAULT_PARAMS } from '../../../src/core/ml/gbdt/params.js';
import { trainGbdt } from '../../../src/core/ml/gbdt/train.js';
import { fromColumns } from '../../../src/core/ml/matrix.js';
import { accuracy, auc, brier, logLoss } from '../../../src/core/ml/metrics.js';
import { candleCount, sliceCandles } from '../../../src/core/series.js';
import { btc4h } from './candles.js';

describe('metrics: textbook values', () => {
  it('AUC counts ordered pairs (ties 1/2), log-loss and Brier by hand', () => {
    const p = [0.1, 0.4, 0.35, 0.8], y = [0, 0, 1, 1];
    expect(auc(p, y)).toBe(0.75);
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(logLoss([0.8, 0.3], [1, 0])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 15);
    expect(brier([0.8, 0.3], [1, 0])).toBeCloseTo((0.04 + 0.09) / 2, 15);
    expect(accuracy([0.8, 0.3, 0.6], [1, 0, 0])).toBeCloseTo(2 / 3, 15);
  });
});

describe('walk-forward on real BTC-USD 4h candles', () => {
  it('pools out-of-sample predictions of purged folds and reports baselines beside the model', () => {
    const all = btc4h();
    const c = sliceCandles(all, candleCount(all) - 6000);
    const spec = parseFeatureSpec({ ...DEFAULT_SPEC_DOC, label: { kind: 'direction', horizon: 2, deadZone: 0.001 } });
    const f = computeFeatures(c, spec);
    const y = makeLabels(c, spec.label);
    const rep = evaluateWalkForward(
      { x: fromColumns(f.columns), names: f.names, y, lastReturn: logReturn(c.close, 1) },
      { ...DEFAULT_PARAMS, nRounds: 60 }, (p, tr, va, n) => trainGbdt(p, tr, va, n),
      { horizon: 2, embargo: 6, folds: 3, testFraction: 0.3, mode: 'expanding' },
    );
    expect(rep.folds).toHaveLength(3);
    const labelled = y.filter((v, i) => i >= 4200 && !Number.isNaN(v)).length;
    expect(rep.model.n).toBe(labelled);
    expect(rep.majority.n).toBe(labelled);
    for (const f of rep.folds) expect(f.trainRows).toBeGreaterThan(1000);
    for (let k = 1; k < rep.rows.length; k++) expect(rep.rows[k]!).toBeGreaterThan(rep.rows[k - 1]!);
    expect(rep.probability.every((p) => p > 0 && p < 1)).toBe(true);
    for (const m of [rep.model, rep.majority, rep.previousBar]) {
      expect(m.logLoss).toBeGreaterThan(0.6);
      expect(m.logLoss).toBeLessThan(0.75);
      expect(m.accuracy).toBeGreaterThan(0.4);
      expect(m.accuracy).toBeLessThan(0.6);
    }
    console.log(`walk-forward (3 folds, last 30% of 6000 bars): model ${JSON.stringify(rep.model)}; majority ${JSON.stringify(rep.majority)}; previous bar ${JSON.stringify(rep.previousBar)}`);
  });
});
