import { describe, it, expect } from 'vitest';
import { obv } from '../../../src/core/indicators/volume/obv.js';

/*
 * The branch-free kernels (blocks of bars signed by comparisons used as numbers) must equal the
 * plain branchy loop bit for bit, on series that send blocks down every path: flat and NaN
 * changes, infinite closes and volumes, negative volumes, blocks cut by the series' end.
 */

/** Deterministic series: mostly random moves, with flats, NaNs and infinities sprinkled in. */
function series(n: number, seed: number, special: number): Float64Array {
  let s = seed >>> 0;
  const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
  const out = new Float64Array(n);
  let x = 100;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < special) {
      const k = Math.floor(rnd() * 5);
      out[i] = k === 0 ? NaN : k === 1 ? Infinity : k === 2 ? -Infinity : x; // k >= 3: a flat bar
      continue;
    }
    x += (rnd() - 0.5) * 4;
    out[i] = Math.round(x * 100) / 100; // ties happen
  }
  return out;
}

const same = (a: Float64Array, b: Float64Array) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(Number.isNaN(a[i]!) && Number.isNaN(b[i]!))) expect([i, a[i]]).toEqual([i, b[i]]);
};

describe('branch-free kernels equal their branchy form', () => {
  it('OBV', () => {
    const ref = (c: Float64Array, v: Float64Array) => {
      const o = new Float64Array(c.length);
      if (c.length === 0) return o;
      let acc = v[0]!;
      o[0] = acc;
      for (let i = 1; i < c.length; i++) {
        if (c[i]! > c[i - 1]!) acc += v[i]!;
        else if (c[i]! < c[i - 1]!) acc -= v[i]!;
        o[i] = acc;
      }
      return o;
    };
    for (const n of [0, 1, 2, 7, 8, 9, 15, 16, 17, 200, 1001]) {
      for (const special of [0, 0.01, 0.1, 0.5]) {
        for (let seed = 1; seed <= 4; seed++) {
          const c = series(n, seed * 7919 + n, special);
          const v = series(n, seed * 104729 + n, special / 2).map((x) => (x - 90) * 1000);
          same(obv(c, v), ref(c, v));
          same(obv(c, v, new Float64Array(n).fill(12345)), ref(c, v));
        }
      }
    }
  });
});
