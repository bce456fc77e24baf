import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../../../src/core/features/compute.js';
import { makeLabels } from '../../../src/core/features/labels.js';
import { DEFAULT_SPEC_DOC, parseFeatureSpec } from '../../../src/core/features/spec.js';
import { trainGbdt } from '../../../src/core/ml/gbdt/train.js';
import { resolveGbdtParams } from '../../../src/core/ml/gbdt/params.js';
import { mulberry32 } from '../../../src/core/ml/gbdt/rng.js';
import { permutationImportance } from '../../../src/core/ml/importance.js';
import { fromColumns, takeRows } from '../../../src/core/ml/matrix.js';
import { btc4h } from './candles.js';

describe('permutation importance on real BTC-USD 4h', () => {
  // Real features plus two planted columns: pure noise, and a leak (the label itself).
  const c = btc4h();
  const spec = parseFeatureSpec(DEFAULT_SPEC_DOC);
  const f = computeFeatures(c, spec);
  const y = makeLabels(c, spec.label);
  const rng = mulberry32(7);
  const noise = Float64Array.from({ length: y.length }, () => rng());
  const leak = Float64Array.from(y, (v) => (Number.isNaN(v) ? NaN : v + 0.3 * rng()));
  const names = [...f.names, 'noise', 'leak'];
  const x = fromColumns([...f.columns, noise, leak]);
  const rows = Int32Array.from({ length: y.length }, (_, i) => i).filter((i) => i > 200 && !Number.isNaN(y[i]!));
  const cut = Math.floor(rows.length * 0.8);
  const train = rows.slice(0, cut);
  const test = rows.slice(cut);
  const ds = (idx: Int32Array) => ({ x: takeRows(x, idx), y: Float64Array.from(idx, (i) => y[i]!) });
  const { params } = resolveGbdtParams({ nRounds: 40, maxDepth: 3, learningRate: 0.1, objective: 'binary:logistic' });
  const model = trainGbdt(params, ds(train), undefined, names).model;
  const held = ds(test);

  it('ranks the planted leak first by far, puts the noise column near zero, and is reproducible', () => {
    const imp = permutationImportance(model, held.x, held.y, 3, 1);
    expect(imp).toHaveLength(names.length);
    expect(imp[0]!.feature).toBe('leak');
    expect(imp[0]!.meanIncrease).toBeGreaterThan(0.1);
    const n = imp.find((r) => r.feature === 'noise')!;
    expect(Math.abs(n.meanIncrease)).toBeLessThan(imp[0]!.meanIncrease / 20);
    expect(permutationImportance(model, held.x, held.y, 3, 1)).toEqual(imp);
    // The input matrix is left as it was.
    expect(Array.from(held.x.values)).toEqual(Array.from(ds(test).x.values));
  });
});
