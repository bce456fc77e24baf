import { describe, expect, it } from 'vitest';
import { purgedKFold, validationSplit, walkForward } from '../../../src/core/ml/split.js';

describe('splits purge the label horizon and embargo', () => {
  it.each([['expanding'], ['rolling']] as const)('walk-forward (%s): every training label ends before the test block, minus the embargo', (mode) => {
    const folds = walkForward({ n: 5000, horizon: 6, embargo: 10, folds: 4, testFraction: 0.4, mode, window: 1500 });
    expect(folds).toHaveLength(4);
    let prevEnd = -1;
    for (const f of folds) {
      const testStart = f.test[0]!;
      expect(testStart).toBeGreaterThan(prevEnd);
      prevEnd = f.test[f.test.length - 1]!;
      const lastTrain = f.train[f.train.length - 1]!;
      expect(lastTrain + 6 + 10).toBeLessThan(testStart);
      expect(lastTrain + 6 + 10).toBe(testStart - 1);
      if (mode === 'rolling') expect(f.train.length).toBe(1500);
    }
    expect(prevEnd).toBe(4999);
  });

  it('purged k-fold: no training row within horizon+embargo on either side of its test block', () => {
    for (const f of purgedKFold(1000, 5, 4, 3)) {
      const a = f.test[0]!, b = f.test[f.test.length - 1]!;
      for (const i of f.train) expect(i + 4 + 3 < a || i > b + 4 + 3 - 1).toBe(true);
      expect(f.train.length).toBeGreaterThan(0);
    }
  });

  it('validation split purges the fit rows against the validation block', () => {
    const train = Int32Array.from({ length: 1000 }, (_, i) => i);
    const { fit, valid } = validationSplit(train, 0.2, 5, 2);
    expect(valid[0]).toBe(800);
    expect(fit[fit.length - 1]! + 5 + 2).toBeLessThan(800);
  });
});
