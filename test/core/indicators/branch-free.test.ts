import { describe, it, expect } from 'vitest';
import { obv } from '../../../src/core/indicators/volume/obv.js';
import { adx } from '../../../src/core/indicators/momentum/adx.js';
import { rsi } from '../../../src/core/indicators/momentum/rsi.js';
import { mfi } from '../../../src/core/indicators/momentum/mfi.js';
import { Arena } from '../../../src/core/indicators/arena.js';

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

  it('ADX (candidate computed on every bar, taken when TR and the DI sum are not near zero)', () => {
    const isZero = (v: number) => v > -1e-14 && v < 1e-14;
    const tRange = (h: number, l: number, pc: number) => {
      let t = h - l;
      const up = Math.abs(pc - h);
      if (up > t) t = up;
      const down = Math.abs(pc - l);
      if (down > t) t = down;
      return t;
    };
    // TA-Lib's ADX loop as written in ta_ADX.c (unstable period 0).
    const ref = (hi: Float64Array, lo: Float64Array, cl: Float64Array, period: number) => {
      const n = hi.length;
      const lb = 2 * period - 1;
      const o = new Float64Array(n).fill(NaN);
      if (n <= lb) return o;
      let today = 0, pH = hi[0]!, pL = lo[0]!, pC = cl[0]!, pDM = 0, mDM = 0, tr = 0;
      for (let i = period - 1; i > 0; i--) {
        today++;
        const dP = hi[today]! - pH, dM = pL - lo[today]!;
        pH = hi[today]!; pL = lo[today]!;
        if (dM > 0 && dP < dM) mDM += dM; else if (dP > 0 && dP > dM) pDM += dP;
        tr += tRange(pH, pL, pC);
        pC = cl[today]!;
      }
      let sumDX = 0;
      for (let i = period; i > 0; i--) {
        today++;
        const dP = hi[today]! - pH, dM = pL - lo[today]!;
        pH = hi[today]!; pL = lo[today]!;
        mDM -= mDM / period; pDM -= pDM / period;
        if (dM > 0 && dP < dM) mDM += dM; else if (dP > 0 && dP > dM) pDM += dP;
        tr = tr - tr / period + tRange(pH, pL, pC);
        pC = cl[today]!;
        if (!isZero(tr)) {
          const m = 100 * (mDM / tr), p = 100 * (pDM / tr), s = m + p;
          if (!isZero(s)) sumDX += 100 * (Math.abs(m - p) / s);
        }
      }
      let a = sumDX / period;
      o[lb] = a;
      while (today < n - 1) {
        today++;
        const dP = hi[today]! - pH, dM = pL - lo[today]!;
        pH = hi[today]!; pL = lo[today]!;
        mDM -= mDM / period; pDM -= pDM / period;
        if (dM > 0 && dP < dM) mDM += dM; else if (dP > 0 && dP > dM) pDM += dP;
        tr = tr - tr / period + tRange(pH, pL, pC);
        pC = cl[today]!;
        if (!isZero(tr)) {
          const m = 100 * (mDM / tr), p = 100 * (pDM / tr), s = m + p;
          if (!isZero(s)) a = (a * (period - 1) + 100 * (Math.abs(m - p) / s)) / period;
        }
        o[today] = a;
      }
      return o;
    };
    for (const n of [0, 5, 27, 28, 29, 60, 200, 700]) {
      for (const special of [0, 0.02, 0.2]) {
        for (let seed = 1; seed <= 3; seed++) {
          const c = series(n, seed * 31 + n, special);
          // Flat stretches (zero TR) and bars equal to their neighbours (zero DI sum) included.
          const flat = seed === 3 && n > 0;
          // Scaled by 1e-16, ranges are nonzero but below TA-Lib's 1e-14 "zero".
          for (const k of [1, 1e-16]) {
            const cs = c.map((x) => x * k);
            const h = c.map((x, i) => (flat && i % 50 < 30 ? 10 : x + (i % 3)) * k);
            const l = c.map((x, i) => (flat && i % 50 < 30 ? 10 : x - (i % 2)) * k);
            for (const period of [2, 5, 14]) {
              same(adx(h, l, cs, period), ref(h, l, cs, period));
              same(adx(h, l, cs, period, new Float64Array(n).fill(7)), ref(h, l, cs, period));
            }
          }
        }
      }
    }
  });

  it('RSI (finite changes branch-free, then branchy after a non-finite change)', () => {
    const isZero = (v: number) => v > -1e-14 && v < 1e-14;
    // TA-Lib's RSI loop as written in ta_RSI.c (unstable period 0, not Metastock).
    const ref = (x: Float64Array, period: number) => {
      const n = x.length;
      const o = new Float64Array(n).fill(NaN);
      if (n <= period) return o;
      let prev = x[0]!, g = 0, l = 0;
      for (let i = 1; i <= period; i++) {
        const d = x[i]! - prev;
        prev = x[i]!;
        if (d < 0) l -= d; else g += d;
      }
      l /= period; g /= period;
      o[period] = isZero(g + l) ? 0 : 100 * (g / (g + l));
      for (let i = period + 1; i < n; i++) {
        const d = x[i]! - prev;
        prev = x[i]!;
        l *= period - 1; g *= period - 1;
        if (d < 0) l -= d; else g += d;
        l /= period; g /= period;
        o[i] = isZero(g + l) ? 0 : 100 * (g / (g + l));
      }
      return o;
    };
    for (const n of [0, 3, 15, 16, 17, 18, 200, 701]) {
      for (const special of [0, 0.005, 0.05, 0.3]) {
        for (let seed = 1; seed <= 4; seed++) {
          const c = series(n, seed * 13 + n, special);
          for (const period of [2, 3, 14]) {
            same(rsi(c, period), ref(c, period));
            same(rsi(c, period, new Float64Array(n).fill(3)), ref(c, period));
          }
        }
      }
    }
  });

  it('MFI (pairs of bars branch-free, one bar at a time around non-finite flows)', () => {
    // TA-Lib's MFI loop as written in ta_MFI.c (circular buffer of period flows).
    const ref = (h: Float64Array, l: Float64Array, c: Float64Array, v: Float64Array, period: number) => {
      const n = h.length;
      const o = new Float64Array(n).fill(NaN);
      if (n <= period) return o;
      const pos = new Float64Array(period), neg = new Float64Array(period);
      let idx = 0, prev = (h[0]! + l[0]! + c[0]!) / 3, ps = 0, ns = 0;
      for (let t = 1; t <= period; t++) {
        let tp = (h[t]! + l[t]! + c[t]!) / 3;
        const d = tp - prev;
        prev = tp;
        tp *= v[t]!;
        if (d < 0) { neg[idx] = tp; ns += tp; pos[idx] = 0; }
        else if (d > 0) { pos[idx] = tp; ps += tp; neg[idx] = 0; }
        else { pos[idx] = 0; neg[idx] = 0; }
        if (++idx === period) idx = 0;
      }
      let tot = ps + ns;
      o[period] = tot < 1 ? 0 : 100 * (ps / tot);
      for (let t = period + 1; t < n; t++) {
        ps -= pos[idx]!; ns -= neg[idx]!;
        let tp = (h[t]! + l[t]! + c[t]!) / 3;
        const d = tp - prev;
        prev = tp;
        tp *= v[t]!;
        if (d < 0) { neg[idx] = tp; ns += tp; pos[idx] = 0; }
        else if (d > 0) { pos[idx] = tp; ps += tp; neg[idx] = 0; }
        else { pos[idx] = 0; neg[idx] = 0; }
        tot = ps + ns;
        o[t] = tot < 1 ? 0 : 100 * (ps / tot);
        if (++idx === period) idx = 0;
      }
      return o;
    };
    const arena = new Arena();
    for (const n of [0, 3, 15, 16, 17, 18, 200, 701]) {
      for (const special of [0, 0.005, 0.05, 0.3]) {
        for (let seed = 1; seed <= 3; seed++) {
          const c = series(n, seed * 17 + n, special);
          const h = c.map((x, i) => x + (i % 4) * 0.25);
          const l = c.map((x, i) => x - (i % 3) * 0.25);
          // Volumes with zeros, negatives and non-finite values, and tiny ones (total flow < 1).
          const v = series(n, seed * 101 + n, special).map((x, i) => (i % 7 === 0 ? 0 : i % 11 === 0 ? 1e-6 : x - 95));
          for (const period of [2, 3, 5, 14]) {
            same(mfi(h, l, c, v, period), ref(h, l, c, v, period));
            // Through a reused arena holding garbage, into an output holding garbage.
            arena.take(2 * period).fill(-7);
            arena.release(0);
            same(mfi(h, l, c, v, period, new Float64Array(n).fill(9), arena), ref(h, l, c, v, period));
          }
        }
      }
    }
  });
});
