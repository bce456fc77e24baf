import { describe, it, expect } from 'vitest';
import { accbands } from '../../../src/core/indicators/overlap/accbands.js';
import { bbands } from '../../../src/core/indicators/overlap/bbands.js';
import { mavp } from '../../../src/core/indicators/overlap/mavp.js';
import { midpoint } from '../../../src/core/indicators/overlap/midpoint.js';
import { midprice } from '../../../src/core/indicators/overlap/midprice.js';
import { sar, sarext } from '../../../src/core/indicators/overlap/sar.js';
import { sma } from '../../../src/core/indicators/overlap/sma.js';
import { getIndicator, resolveParams } from '../../../src/core/indicators/registry.js';

describe('overlap studies', () => {
  it('BBANDS: SMA ± k population deviations; flat input collapses the bands', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5]);
    const [u, m, l] = bbands(x, 5, 2, 1, 0);
    const sd = Math.sqrt(2);
    expect(m[4]).toBe(3);
    expect(u[4]).toBeCloseTo(3 + 2 * sd, 12);
    expect(l[4]).toBeCloseTo(3 - sd, 12);
    const [fu, , fl] = bbands(new Float64Array(10).fill(4), 5, 2, 2, 1);
    expect(fu[9]).toBe(4);
    expect(fl[9]).toBe(4);
  });

  it('MIDPOINT / MIDPRICE', () => {
    expect(midpoint(Float64Array.from([1, 5, 3]), 3)[2]).toBe(3);
    expect(midprice(Float64Array.from([4, 6, 5]), Float64Array.from([1, 2, 0]), 2)[2]).toBe(3);
  });

  it('SAR: first value at bar 1 from bar 0 extreme; SAREXT negative when short', () => {
    const high = Float64Array.from([10, 11, 12, 13, 9, 8]);
    const low = Float64Array.from([9, 10, 11, 12, 7, 6]);
    const s = sar(high, low, 0.02, 0.2);
    expect(s[0]).toBeNaN();
    expect(s[1]).toBe(9); // long (no -DM): bar 0 low
    const e = sarext(high, low, {
      startValue: 0, offsetOnReverse: 0, accelerationInitLong: 0.02, accelerationLong: 0.02,
      accelerationMaxLong: 0.2, accelerationInitShort: 0.02, accelerationShort: 0.02, accelerationMaxShort: 0.2,
    });
    for (let i = 1; i < 6; i++) expect(Math.abs(e[i]!)).toBe(s[i]);
    expect(e[4]!).toBeLessThan(0); // the drop to 7 reverses to short
  });

  it('MAVP with a constant period equals the plain MA', () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i) + i);
    const out = mavp(x, new Float64Array(50).fill(7), 2, 10, 0);
    const ref = sma(x, 7);
    for (let i = 9; i < 50; i++) expect(out[i]).toBeCloseTo(ref[i]!, 12);
    expect(out[8]).toBeNaN();
    expect(() => mavp(x, x, 10, 5, 0)).toThrow();
  });

  it('ACCBANDS middle is the SMA of close', () => {
    const h = Float64Array.from([11, 12, 13]);
    const l = Float64Array.from([9, 10, 11]);
    const c = Float64Array.from([10, 11, 12]);
    const [u, m, lo] = accbands(h, l, c, 2);
    expect(m[1]).toBe(10.5);
    expect(u[1]!).toBeGreaterThan(m[1]!);
    expect(lo[1]!).toBeLessThan(m[1]!);
  });

  it('defs: short inputs give all-NaN outputs of the input length', () => {
    for (const name of ['SMA', 'BBANDS', 'SAR', 'SAREXT', 'MAVP', 'ACCBANDS', 'T3', 'KAMA', 'MIDPRICE']) {
      const def = getIndicator(name);
      const params = resolveParams(def, {});
      const outs = def.compute(def.inputs.map(() => Float64Array.from([5])), params);
      for (const o of outs) {
        expect(o.length).toBe(1);
        expect(o[0], name).toBeNaN();
      }
    }
  });
});
