import { describe, it, expect } from 'vitest';
import { max, maxIndex, min, minIndex, minMax } from '../../../src/core/indicators/math/minmax.js';
import { add, div } from '../../../src/core/indicators/math/operators.js';
import { sum } from '../../../src/core/indicators/math/sum.js';

describe('math operators', () => {
  const x = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);

  it('MAX / MIN over a rolling window', () => {
    expect(Array.from(max(x, 3))).toEqual([NaN, NaN, 4, 4, 5, 9, 9, 9]);
    expect(Array.from(min(x, 3))).toEqual([NaN, NaN, 1, 1, 1, 1, 2, 2]);
    const [lo, hi] = minMax(x, 3);
    expect(Array.from(lo)).toEqual(Array.from(min(x, 3)));
    expect(Array.from(hi)).toEqual(Array.from(max(x, 3)));
  });

  it('*INDEX holds absolute indices; ties follow TA-Lib (newest on arrival, oldest on rescan)', () => {
    expect(Array.from(maxIndex(x, 3))).toEqual([NaN, NaN, 2, 2, 4, 5, 5, 5]);
    // an incoming value equal to the tracked minimum takes over: index moves to the newest bar
    expect(Array.from(minIndex(Float64Array.from([2, 1, 3, 1]), 3))).toEqual([NaN, NaN, 1, 3]);
    // rescan after the max leaves keeps the oldest of equal values
    const r = Float64Array.from([9, 5, 5, 1]);
    expect(Array.from(maxIndex(r, 2))).toEqual([NaN, 0, 1, 2]);
  });

  it('SUM is a running window total', () => {
    expect(Array.from(sum(x, 2))).toEqual([NaN, 4, 5, 5, 6, 14, 11, 8]);
  });

  it('period longer than input: all NaN', () => {
    expect(Array.from(max(x, 30)).every(Number.isNaN)).toBe(true);
    expect(Array.from(sum(x, 30)).every(Number.isNaN)).toBe(true);
  });

  it('element-wise ops follow IEEE (x/0 = Infinity, NaN propagates)', () => {
    expect(Array.from(add(Float64Array.from([1, NaN]), Float64Array.from([2, 3])))).toEqual([3, NaN]);
    expect(div(Float64Array.from([1]), Float64Array.from([0]))[0]).toBe(Infinity);
  });
});
