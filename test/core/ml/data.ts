/** Features and labels from real candles, split in time with purging, shared by the ML tests. */
import { computeFeatures } from '../../../src/core/features/compute.js';
import { makeLabels } from '../../../src/core/features/labels.js';
import { DEFAULT_SPEC_DOC, parseFeatureSpec, type LabelSpec } from '../../../src/core/features/spec.js';
import { fromColumns, takeRows, type Matrix } from '../../../src/core/ml/matrix.js';
import type { Dataset } from '../../../src/core/ml/gbdt/train.js';
import { sliceCandles, candleCount } from '../../../src/core/series.js';
import { btc4h } from './candles.js';

export interface Split { names: string[]; fit: Dataset; valid: Dataset; test: Dataset; all: Matrix }

/** Last `bars` BTC-USD 4h candles; fit 60% / valid 20% / test 20%, each purged by horizon + 6 bars. */
export function realSplit(label: LabelSpec = { kind: 'direction', horizon: 1, deadZone: 0 }, bars = 9000): Split {
  const full = btc4h();
  const c = sliceCandles(full, candleCount(full) - bars);
  const spec = parseFeatureSpec({ ...DEFAULT_SPEC_DOC, label });
  const f = computeFeatures(c, spec);
  const y = makeLabels(c, spec.label);
  const x = fromColumns(f.columns);
  const gap = label.horizon + 6;
  const n = x.rows;
  const pick = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, k) => a + k).filter((i) => !Number.isNaN(y[i]!));
  const ds = (idx: Int32Array): Dataset => ({ x: takeRows(x, idx), y: Float64Array.from(idx, (i) => y[i]!) });
  const a = Math.floor(n * 0.6), b = Math.floor(n * 0.8);
  return { names: f.names, fit: ds(pick(60, a - gap)), valid: ds(pick(a, b - gap)), test: ds(pick(b, n)), all: x };
}
