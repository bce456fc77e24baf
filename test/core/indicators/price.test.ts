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

  it('AVGPRICE on long series (two-pass blocks) equals the one-pass expression, also with the output aliasing an input', () => {
    const n = 1000; // three whole blocks and a tail
    const series = (k: number) => Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i * (k + 1) * 0.37) * 7 + i * 1e-3);
    const [so, sh, sl, sc] = [series(0), series(1), series(2), series(3)];
    const want = Float64Array.from({ length: n }, (_, i) => (sh[i]! + sl[i]! + sc[i]! + so[i]!) / 4);
    expect(avgprice(so, sh, sl, sc)).toEqual(want);
    for (const k of [0, 3]) {
      const ins = [so, sh, sl, sc].map((a) => a.slice());
      avgprice(ins[0]!, ins[1]!, ins[2]!, ins[3]!, ins[k]);
      expect(ins[k]).toEqual(want);
    }
  });

  it('AVGDEV is the mean absolute deviation from the window mean', () => {
    const out = avgdev(Float64Array.from([1, 2, 3, 10]), 3);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(2 / 3, 14);
    expect(out[3]).toBeCloseTo((3 + 2 + 5) / 3, 14);
    expect(avgdev(Float64Array.from([1]), 3).every(Number.isNaN)).toBe(true);
  });
});
