import { describe, it, expect } from 'vitest';
import { avgdev } from '../../../src/core/indicators/price/avgdev.js';
import { avgprice } from '../../../src/core/indicators/price/avgprice.js';
import { medprice } from '../../../src/core/indicators/price/medprice.js';
import { typprice } from '../../../src/core/indicators/price/typprice.js';
import { wclprice } from '../../../src/core/indicators/price/wclprice.js';

describe('price transform', () => {
  const o = Float64Array.from([1]);
  const h = Float64Array.from([4]);
  const l = Float64Array.from([2]);
  const c = Float64Array.from([3]);

  it('blends', () => {
    expect(avgprice(o, h, l, c)[0]).toBe(2.5);
    expect(medprice(h, l)[0]).toBe(3);
    expect(typprice(h, l, c)[0]).toBe(3);
    expect(wclprice(h, l, c)[0]).toBe(3);
  });

  it('AVGDEV is the mean absolute deviation from the window mean', () => {
    const out = avgdev(Float64Array.from([1, 2, 3, 10]), 3);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(2 / 3, 14);
    expect(out[3]).toBeCloseTo((3 + 2 + 5) / 3, 14);
    expect(avgdev(Float64Array.from([1]), 3).every(Number.isNaN)).toBe(true);
  });
});
