import { describe, it, expect } from 'vitest';
import { beta } from '../../../src/core/indicators/statistic/beta.js';
import { correl } from '../../../src/core/indicators/statistic/correl.js';
import { linearreg, linearregAngle, linearregIntercept, linearregSlope, tsf } from '../../../src/core/indicators/statistic/linearreg.js';
import { stddev } from '../../../src/core/indicators/statistic/stddev.js';
import { variance } from '../../../src/core/indicators/statistic/var.js';

describe('statistic functions', () => {
  it('VAR / STDDEV are population statistics', () => {
    const x = Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(variance(x, 8)[7]).toBeCloseTo(4, 12);
    expect(stddev(x, 8, 2)[7]).toBeCloseTo(4, 12);
    expect(variance(x, 1)[0]).toBe(0);
  });

  it('linear regression family on a perfect line y = 3 + 2i', () => {
    const y = Float64Array.from({ length: 10 }, (_, i) => 3 + 2 * i);
    expect(linearregSlope(y, 5)[9]).toBeCloseTo(2, 10);
    expect(linearreg(y, 5)[9]).toBeCloseTo(21, 10);
    expect(linearregIntercept(y, 5)[9]).toBeCloseTo(13, 10);
    expect(tsf(y, 5)[9]).toBeCloseTo(23, 10);
    expect(linearregAngle(y, 5)[9]).toBeCloseTo((Math.atan(2) * 180) / Math.PI, 10);
    expect(linearreg(y, 5)[3]).toBeNaN();
  });

  it('CORREL is 1 / -1 for linear relations and 0 on a flat series', () => {
    const a = Float64Array.from([1, 3, 2, 5, 4, 6]);
    const b = a.map((v) => 10 - 2 * v);
    expect(correl(a, a.map((v) => 3 * v + 1), 4)[5]).toBeCloseTo(1, 10);
    expect(correl(a, b, 4)[5]).toBeCloseTo(-1, 10);
    expect(correl(a, new Float64Array(6).fill(2), 4)[5]).toBe(0);
  });

  it('BETA of a series against itself is 1; needs period+1 prices', () => {
    const a = Float64Array.from([10, 11, 10.5, 12, 11.8, 12.5, 13]);
    const out = beta(a, a, 5);
    expect(out[4]).toBeNaN();
    expect(out[5]).toBeCloseTo(1, 12);
    expect(beta(a, a, 7).every(Number.isNaN)).toBe(true);
  });
});
