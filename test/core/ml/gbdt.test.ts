import { describe, expect, it } from 'vitest';
import { isLeaf, treeDepth, type Ensemble } from '../../../src/core/ml/ensemble.js';
import { DEFAULT_PARAMS, resolveGbdtParams, type GbdtParams } from '../../../src/core/ml/gbdt/params.js';
import { trainGbdt } from '../../../src/core/ml/gbdt/train.js';
import { predict, predictMargin } from '../../../src/core/ml/predict.js';
import { contributions } from '../../../src/core/ml/treeshap.js';
import { toXgboostJson } from '../../../src/core/ml/xgboost-json.js';
import { logLoss } from '../../../src/core/ml/metrics.js';
import { realSplit } from './data.js';

const data = realSplit();
const P = (o: Partial<GbdtParams> = {}): GbdtParams => ({ ...DEFAULT_PARAMS, nRounds: 40, earlyStoppingRounds: 0, ...o });

function leaves(m: Ensemble): { value: number; cover: number }[] {
  return m.trees.flatMap((t) => Array.from(t.left.keys()).filter((i) => isLeaf(t, i)).map((i) => ({ value: t.value[i]!, cover: t.cover[i]! })));
}

describe('TypeScript histogram GBDT on real BTC-USD 4h features', () => {
  it('is reproducible from its seed, and the seed matters (row/column subsampling)', () => {
    const a = JSON.stringify(toXgboostJson(trainGbdt(P({ seed: 3 }), data.fit).model));
    const b = JSON.stringify(toXgboostJson(trainGbdt(P({ seed: 3 }), data.fit).model));
    const c = JSON.stringify(toXgboostJson(trainGbdt(P({ seed: 4 }), data.fit).model));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('respects max depth, max leaves and min child weight', () => {
    const deep = trainGbdt(P({ maxDepth: 3, minChildWeight: 40 }), data.fit).model;
    expect(Math.max(...deep.trees.map((t) => treeDepth(t)))).toBe(3);
    for (const l of leaves(deep)) expect(l.cover).toBeGreaterThanOrEqual(40);
    const few = trainGbdt(P({ maxDepth: 8, maxLeaves: 5 }), data.fit).model;
    for (const t of few.trees) expect(t.left.filter((v) => v === -1).length).toBeLessThanOrEqual(5);
    expect(Math.max(...few.trees.map((t) => t.left.filter((v) => v === -1).length))).toBe(5);
  });

  it('L2 shrinks leaf values and L1 zeroes small ones', () => {
    const mean = (m: Ensemble) => leaves(m).reduce((s, l) => s + Math.abs(l.value), 0) / leaves(m).length;
    const plain = trainGbdt(P({ l2: 0 }), data.fit).model;
    const l2 = trainGbdt(P({ l2: 500 }), data.fit).model;
    expect(mean(l2)).toBeLessThan(mean(plain) * 0.8);
    const l1 = trainGbdt(P({ l1: 5, maxDepth: 6 }), data.fit).model;
    expect(leaves(l1).filter((l) => l.value === 0).length).toBeGreaterThan(0);
    expect(leaves(plain).filter((l) => l.value === 0).length).toBe(0);
  });

  it('learns a default direction for missing values', () => {
    // Blank a real feature on half of the up-moves: "missing" now carries information, and the
    // splits on that feature must send missing values towards the higher leaf.
    const x = Float64Array.from(data.fit.x.values);
    const col = 5; // ret_1
    let blanked = 0;
    for (let r = 0; r < data.fit.x.rows; r++) if (data.fit.y[r] === 1 && r % 2 === 0) { x[r * data.fit.x.cols + col] = NaN; blanked++; }
    const m = trainGbdt(P({ colsampleByTree: 1 }), { x: { ...data.fit.x, values: x }, y: data.fit.y }).model;
    const p = predict(m, { ...data.fit.x, values: x });
    let inMissing = 0, inOther = 0;
    for (let r = 0; r < p.length; r++) if (Number.isNaN(x[r * data.fit.x.cols + col]!)) inMissing += p[r]!; else inOther += p[r]!;
    expect(inMissing / blanked).toBeGreaterThan(inOther / (p.length - blanked) + 0.1);
    const dirs = m.trees.flatMap((t) => Array.from(t.feature.keys()).filter((i) => !isLeaf(t, i) && t.feature[i] === col).map((i) => t.defaultLeft[i]));
    expect(new Set(dirs).size).toBe(2);
  });

  it('stops early at the best validation round', () => {
    const r = trainGbdt(P({ nRounds: 500, earlyStoppingRounds: 15, learningRate: 0.1 }), data.fit, data.valid, data.names);
    expect(r.validLoss.length).toBeLessThan(500);
    expect(r.validLoss.length).toBe(r.bestRound + 1 + 15);
    expect(r.model.trees.length).toBe(r.bestRound + 1);
    expect(Math.min(...r.validLoss)).toBe(r.validLoss[r.bestRound]);
  });

  it('squared error: fits returns better than their mean in-sample; TreeSHAP rows sum to margins', () => {
    const reg = realSplit({ kind: 'return', horizon: 1 });
    const m = trainGbdt(P({ objective: 'reg:squarederror', nRounds: 60, learningRate: 0.2 }), reg.fit, undefined, reg.names).model;
    const pred = predict(m, reg.fit.x);
    const mean = reg.fit.y.reduce((s, v) => s + v, 0) / reg.fit.y.length;
    let sse = 0, sst = 0;
    reg.fit.y.forEach((v, i) => { sse += (v - pred[i]!) ** 2; sst += (v - mean) ** 2; });
    expect(sse).toBeLessThan(sst * 0.99);
    const few = { ...reg.test.x, rows: 50, values: reg.test.x.values.subarray(0, 50 * reg.test.x.cols) };
    const phi = contributions(m, few), margin = predictMargin(m, few);
    for (let r = 0; r < 50; r++) {
      let s = 0;
      for (let k = 0; k <= few.cols; k++) s += phi[r * (few.cols + 1) + k]!;
      expect(Math.abs(s - margin[r]!)).toBeLessThan(1e-5);
    }
  });

  it('out-of-sample log-loss on the later test block lies in [0.6, 0.7] (BTC direction is close to a coin flip)', () => {
    const r = trainGbdt(P({ nRounds: 300, earlyStoppingRounds: 20 }), data.fit, data.valid, data.names);
    const ll = logLoss(predict(r.model, data.test.x), data.test.y);
    expect(ll).toBeLessThan(0.70);
    expect(ll).toBeGreaterThan(0.6);
  });

  it('rejects bad parameters with the field and rule', () => {
    expect(resolveGbdtParams({ maxDepth: 0 }).problem).toMatch(/^maxDepth: must be an integer in \[1, 16\]/);
    expect(resolveGbdtParams({ subsample: 2 }).problem).toMatch(/^subsample/);
    expect(resolveGbdtParams({}).problem).toBeUndefined();
  });
});
