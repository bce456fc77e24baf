/**
 * Time-ordered splits that respect the label horizon. A training row i carries a label built
 * from bars i+1..i+horizon; if that window reaches into the test period the model has seen
 * test-period prices. So every split
 *  - purges: a training row before the test block is kept only if i + horizon < testStart;
 *  - embargoes: a further `embargo` bars before the test start are dropped (serial correlation
 *    of features outlives the label window), and rows within `horizon + embargo` after a test
 *    block are dropped when training data follows it (k-fold style CV).
 * Indices are bar indices; rows without a label are dropped by the caller.
 */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

export interface WalkForwardOptions {
  /** Number of bars (rows). */
  n: number;
  horizon: number;
  embargo: number;
  /** Number of consecutive test blocks covering the last `testFraction` of the series. */
  folds: number;
  testFraction: number;
  /** 'expanding': train from bar 0; 'rolling': the last `window` bars before the test block. */
  mode: 'expanding' | 'rolling';
  window?: number;
}

function range(a: number, b: number): Int32Array {
  const out = new Int32Array(Math.max(0, b - a));
  for (let k = 0; k < out.length; k++) out[k] = a + k;
  return out;
}

/** Last index (exclusive) a training block may end at so its labels stay clear of `testStart`. */
export function purgedEnd(testStart: number, horizon: number, embargo: number): number {
  return Math.max(0, testStart - horizon - embargo);
}

export function walkForward(o: WalkForwardOptions): Fold[] {
  if (o.folds < 1 || o.testFraction <= 0 || o.testFraction >= 1) throw new Error('walk-forward: folds >= 1 and 0 < testFraction < 1');
  const testStart0 = Math.floor(o.n * (1 - o.testFraction));
  const size = Math.floor((o.n - testStart0) / o.folds);
  const folds: Fold[] = [];
  for (let k = 0; k < o.folds; k++) {
    const ts = testStart0 + k * size;
    const te = k === o.folds - 1 ? o.n : ts + size;
    const end = purgedEnd(ts, o.horizon, o.embargo);
    const start = o.mode === 'rolling' ? Math.max(0, end - (o.window ?? end)) : 0;
    folds.push({ train: range(start, end), test: range(ts, te) });
  }
  return folds;
}

/** K-fold CV over contiguous blocks with purging before and embargo after each test block. */
export function purgedKFold(n: number, k: number, horizon: number, embargo: number): Fold[] {
  const folds: Fold[] = [];
  const size = Math.floor(n / k);
  for (let f = 0; f < k; f++) {
    const ts = f * size;
    const te = f === k - 1 ? n : ts + size;
    const before = range(0, purgedEnd(ts, horizon, embargo));
    const after = range(Math.min(n, te + horizon + embargo), n);
    const train = new Int32Array(before.length + after.length);
    train.set(before);
    train.set(after, before.length);
    folds.push({ train, test: range(ts, te) });
  }
  return folds;
}

/** Splits a training block into fit + validation (the last `fraction`), purged the same way. */
export function validationSplit(train: Int32Array, fraction: number, horizon: number, embargo: number): { fit: Int32Array; valid: Int32Array } {
  const cut = Math.floor(train.length * (1 - fraction));
  const validStart = train[cut] ?? Infinity;
  const fit = train.filter((i, k) => k < cut && i + horizon + embargo < validStart);
  return { fit, valid: train.slice(cut) };
}
