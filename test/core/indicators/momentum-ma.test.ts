import { describe, it, expect } from 'vitest';
import { apo } from '../../../src/core/indicators/momentum/apo.js';
import { macd, macdfix } from '../../../src/core/indicators/momentum/macd.js';
import { macdext } from '../../../src/core/indicators/momentum/macdext.js';
import { ppo } from '../../../src/core/indicators/momentum/ppo.js';
import { fastKInto, stoch } from '../../../src/core/indicators/momentum/stoch.js';
import { maInto } from '../../../src/core/indicators/overlap/ma.js';
import { stochf } from '../../../src/core/indicators/momentum/stochf.js';
import { stochrsi } from '../../../src/core/indicators/momentum/stochrsi.js';
import { trix } from '../../../src/core/indicators/momentum/trix.js';
import { ema } from '../../../src/core/indicators/overlap/ema.js';
import { getIndicator, resolveParams } from '../../../src/core/indicators/registry.js';

const x = Float64Array.from({ length: 120 }, (_, i) => 100 + 10 * Math.sin(i / 5) + i / 10);

describe('MA-based momentum', () => {
  it('APO / PPO on a constant series are 0', () => {
    const c = new Float64Array(40).fill(5);
    expect(apo(c, 3, 10, 0)[9]).toBe(0);
    expect(ppo(c, 3, 10, 1)[39]).toBe(0);
    expect(apo(c, 10, 3, 0)[8]).toBeNaN(); // periods are swapped, lookback of the slow one
  });

  it('MACD = EMA(fast) - EMA(slow) once both are warm; histogram = MACD - signal', () => {
    const [m, s, h] = macd(x, 12, 26, 9);
    expect(m[32]).toBeNaN();
    expect(Number.isFinite(m[33]!)).toBe(true);
    // far from the seeds the fast EMA seeding offset has decayed away
    expect(m[119]).toBeCloseTo(ema(x, 12)[119]! - ema(x, 26)[119]!, 6);
    expect(h[60]).toBeCloseTo(m[60]! - s[60]!, 14);
  });

  it('MACDEXT with EMA types follows MACD; MACDFIX has the 12/26 lookback', () => {
    const [m] = macd(x, 12, 26, 9);
    const [e] = macdext(x, 12, 1, 26, 1, 9, 1);
    expect(e[32]).toBeNaN(); // EMA lookbacks: 25 + 8
    expect(Number.isFinite(e[33]!)).toBe(true);
    expect(e[119]).toBeCloseTo(m[119]!, 6);
    expect(macdfix(x, 9)[0][32]).toBeNaN();
    expect(Number.isFinite(macdfix(x, 9)[0][33]!)).toBe(true);
  });

  it('STOCHF %K: close position in the range; flat range gives 0', () => {
    const h = Float64Array.from([10, 12, 11]);
    const l = Float64Array.from([8, 9, 10]);
    const c = Float64Array.from([9, 11, 10]);
    const [k] = stochf(h, l, c, 3, 1, 0);
    expect(k[2]).toBeCloseTo(50, 12);
    const flat = new Float64Array(5).fill(1);
    expect(stochf(flat, flat, flat, 3, 1, 0)[0][4]).toBe(0);
  });

  it('STOCH / STOCHRSI stay within 0..100 and warm up per TA-Lib', () => {
    const [k, d] = stoch(x.map((v) => v + 1), x.map((v) => v - 1), x, 5, 3, 0, 3, 0);
    expect(k[7]).toBeNaN();
    for (let i = 8; i < 120; i++) {
      expect(k[i]!).toBeGreaterThanOrEqual(0);
      expect(d[i]!).toBeLessThanOrEqual(100);
    }
    const [rk] = stochrsi(x, 14, 5, 3, 0);
    expect(rk[19]).toBeNaN();
    expect(Number.isFinite(rk[20]!)).toBe(true);
  });

  it('TRIX on a constant series is 0', () => {
    const out = trix(new Float64Array(30).fill(3), 5);
    expect(out[12]).toBeNaN();
    expect(out[13]).toBe(0);
  });

  it('defs: short inputs give all-NaN outputs of the input length', () => {
    for (const name of ['APO', 'PPO', 'MACD', 'MACDEXT', 'MACDFIX', 'STOCH', 'STOCHF', 'STOCHRSI', 'TRIX']) {
      const def = getIndicator(name);
      const outs = def.compute(def.inputs.map(() => Float64Array.from([1, 2, 3])), resolveParams(def, {}));
      for (const o of outs) expect(Array.from(o).every(Number.isNaN), name).toBe(true);
    }
  });
});

describe('STOCH/STOCHF default paths equal raw %K then the MAs (5 bars: branch-free extremes, or the trackers on NaN/zeros)', () => {
  it('bit for bit, with and without NaN and zeros', () => {
    let seed = 11;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const n = 3000; // above math/minmax.ts MIN_BARS_5: the branch-free 5-bar path
    const make = (specials: boolean) => {
      const h = new Float64Array(n), l = new Float64Array(n), c = new Float64Array(n);
      let level = 50;
      for (let i = 0; i < n; i++) {
        level += (Math.floor(i / 150) % 2 ? 1 : -1) * rnd() * 0.7 + (rnd() - 0.5);
        const lo = Math.round((level - rnd()) * 4) / 4, hi = Math.round((level + rnd()) * 4) / 4;
        l[i] = lo; h[i] = Math.max(hi, lo); c[i] = Math.round((lo + rnd() * (h[i]! - lo)) * 4) / 4;
        if (specials && rnd() < 0.02) { const u = rnd(); l[i] = u < 0.3 ? NaN : u < 0.6 ? 0 : -0; }
        if (specials && rnd() < 0.02) h[i] = rnd() < 0.5 ? NaN : 0;
      }
      return [h, l, c] as const;
    };
    const same = (a: Float64Array, b: Float64Array) => a.every((v, i) => Object.is(v, b[i]) || (Number.isNaN(v) && Number.isNaN(b[i])));
    for (const specials of [false, true]) {
      const [h, l, c] = make(specials);
      for (const fastK of [5, 4, 14]) {
        const raw = new Float64Array(n).fill(NaN);
        fastKInto(h, l, c, 0, fastK, raw);
        const d = new Float64Array(n).fill(NaN);
        maInto(raw, fastK - 1, 3, 0, d);
        const [fk, fd] = stochf(h, l, c, fastK, 3, 0);
        const s = fastK - 1 + 2;
        expect(same(fk.subarray(s), raw.subarray(s))).toBe(true);
        expect(same(fd.subarray(s), d.subarray(s))).toBe(true);
        const sk = new Float64Array(n).fill(NaN), sd = new Float64Array(n).fill(NaN);
        maInto(raw, fastK - 1, 3, 0, sk);
        maInto(sk, fastK + 1, 3, 0, sd);
        const [k, dd] = stoch(h, l, c, fastK, 3, 0, 3, 0);
        const s2 = fastK - 1 + 4;
        expect(same(k.subarray(s2), sk.subarray(s2))).toBe(true);
        expect(same(dd.subarray(s2), sd.subarray(s2))).toBe(true);
      }
    }
  });
});
