import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adx, adxr } from '../../../src/core/indicators/momentum/adx.js';
import { aroon, aroonOsc } from '../../../src/core/indicators/momentum/aroon.js';
import { bop } from '../../../src/core/indicators/momentum/bop.js';
import { cci } from '../../../src/core/indicators/momentum/cci.js';
import { cmo } from '../../../src/core/indicators/momentum/cmo.js';
import { dx, minusDi, plusDi } from '../../../src/core/indicators/momentum/directional-index.js';
import { minusDm, plusDm } from '../../../src/core/indicators/momentum/directional-movement.js';
import { imi } from '../../../src/core/indicators/momentum/imi.js';
import { mfi } from '../../../src/core/indicators/momentum/mfi.js';
import { mom } from '../../../src/core/indicators/momentum/mom.js';
import { roc, rocp, rocr, rocr100 } from '../../../src/core/indicators/momentum/roc.js';
import { rsi } from '../../../src/core/indicators/momentum/rsi.js';
import { ultosc } from '../../../src/core/indicators/momentum/ultosc.js';
import { willr } from '../../../src/core/indicators/momentum/willr.js';
import { momentum } from '../../../src/core/indicators/momentum/index.js';
import type { IndicatorDef } from '../../../src/core/indicators/types.js';
import { SHARED_GOLDEN } from '../../helpers/paths.js';
import { requires } from '../../helpers/requires.js';

const hasGolden = await requires('shared:golden/talib-binance-ethusdt-1d.json');

// The oscillators and Wilder's directional system (the MA-based composites have momentum-ma.test.ts).
const MA_BASED = new Set(['APO', 'PPO', 'MACD', 'MACDEXT', 'MACDFIX', 'STOCH', 'STOCHF', 'STOCHRSI', 'TRIX']);
const definitions = momentum.filter((d) => !MA_BASED.has(d.name));

const F = (a: number[]) => Float64Array.from(a);
const defaults = (def: IndicatorDef) => Object.fromEntries(def.params.map((p) => [p.name, p.default]));

describe('RSI / CMO', () => {
  it('matches a hand computation with Wilder seeding (period 2)', () => {
    // changes: +1, +1, -2, +2 ; seed over first 2: gain (1+1)/2 = 1, loss 0 -> RSI[2] = 100
    // bar 3: d=-2 -> gain = 1*1/2 = 0.5, loss = (0+2)/2 = 1 -> 100*0.5/1.5 = 33.33..
    // bar 4: d=+2 -> gain = (0.5+2)/2 = 1.25, loss = 0.5 -> 100*1.25/1.75 = 71.428..
    const out = rsi(F([1, 2, 3, 1, 3]), 2);
    expect(Number.isNaN(out[1]!)).toBe(true);
    expect(out[2]).toBe(100);
    expect(out[3]).toBeCloseTo(100 / 3, 12);
    expect(out[4]).toBeCloseTo(100 * 1.25 / 1.75, 12);
    // CMO on the same state: 100*(g-l)/(g+l)
    const c = cmo(F([1, 2, 3, 1, 3]), 2);
    expect(c[3]).toBeCloseTo(100 * (0.5 - 1) / 1.5, 12);
  });
  it('flat series gives 0 (TA-Lib writes 0 when gains+losses is ~0)', () => {
    const out = rsi(new Float64Array(30).fill(5), 14);
    expect(out[14]).toBe(0);
    expect(out[29]).toBe(0);
  });
  it('NaN input propagates, no throw', () => {
    const x = F([1, 2, 3, 4, 5, 6, 7, 8]);
    x[5] = NaN;
    const out = rsi(x, 3);
    expect(Number.isNaN(out[5]!)).toBe(true);
    expect(Number.isNaN(out[7]!)).toBe(true);
  });
});

describe('MFI', () => {
  it('equal typical prices feed neither flow; tiny total flow yields 0', () => {
    const h = F([2, 2, 2, 2]); const l = F([1, 1, 1, 1]); const c = F([1.5, 1.5, 1.5, 1.5]);
    const out = mfi(h, l, c, F([10, 10, 10, 10]), 2);
    expect(out[2]).toBe(0);
    expect(out[3]).toBe(0);
  });
  it('hand computation', () => {
    // typical prices 1, 2, 3, 2 ; volumes 1, 10, 10, 10
    // bar1 +20, bar2 +30 -> MFI[2] = 100; bar3 -20 (drops bar1 +20) -> pos 30, neg 20 -> 60
    const tp = [1, 2, 3, 2];
    const out = mfi(F(tp), F(tp), F(tp), F([1, 10, 10, 10]), 2);
    expect(out[2]).toBe(100);
    expect(out[3]).toBeCloseTo(60, 12);
  });
});

describe('CCI', () => {
  it('hand computation (period 3)', () => {
    // TP = 1, 2, 6 -> mean 3, mean dev (2+1+3)/3 = 2 -> (6-3)/(0.015*2) = 100
    const tp = F([1, 2, 6]);
    expect(cci(tp, tp, tp, 3)[2]).toBeCloseTo(100, 10);
  });
});

describe('directional movement', () => {
  // Rising staircase: every bar's high and low rise by 1 -> +DM1 = 1, -DM1 = 0, TR1 = 2.
  const n = 50;
  const h = F(Array.from({ length: n }, (_, i) => i + 2));
  const l = F(Array.from({ length: n }, (_, i) => i));
  const c = F(Array.from({ length: n }, (_, i) => i + 1));
  it('pure uptrend: +DI = 50, -DI = 0, DX = ADX = ADXR = 100', () => {
    expect(plusDi(h, l, c, 14)[20]).toBeCloseTo(50, 10);
    expect(minusDi(h, l, c, 14)[20]).toBe(0);
    expect(dx(h, l, c, 14)[20]).toBeCloseTo(100, 10);
    expect(adx(h, l, c, 14)[27]).toBeCloseTo(100, 10);
    expect(Number.isNaN(adx(h, l, c, 14)[26]!)).toBe(true);
    expect(Number.isNaN(adxr(h, l, c, 14)[39]!)).toBe(true);
    expect(adxr(h, l, c, 14)[40]).toBeCloseTo(100, 10);
  });
  it('DM seed is the sum of period-1 one-bar moves', () => {
    expect(plusDm(h, l, 14)[13]).toBe(13);
    expect(minusDm(h, l, 14)[13]).toBe(0);
    // next: 13 - 13/14 + 1
    expect(plusDm(h, l, 14)[14]).toBeCloseTo(13 - 13 / 14 + 1, 12);
  });
  it('period 1 DI is the unscaled ratio DM1/TR1 (TA-Lib)', () => {
    expect(plusDi(h, l, c, 1)[5]).toBeCloseTo(0.5, 12);
    expect(plusDm(h, l, 1)[5]).toBe(1);
  });
  it('flat market: DX 0 and ADX 0, no NaN', () => {
    const f = new Float64Array(40).fill(3);
    expect(dx(f, f, f, 14)[30]).toBe(0);
    expect(adx(f, f, f, 14)[30]).toBe(0);
  });
});

describe('other oscillators', () => {
  it('AROON picks the most recent extreme on ties', () => {
    const h = F([5, 5, 5]); const l = F([1, 1, 1]);
    const [down, up] = aroon(h, l, 2);
    expect(up[2]).toBe(100);
    expect(down[2]).toBe(100);
    expect(aroonOsc(h, l, 2)[2]).toBe(0);
  });
  it('BOP is 0 on a zero-range bar', () => {
    expect(Array.from(bop(F([1, 1]), F([2, 1]), F([0, 1]), F([2, 1])))).toEqual([0.5, 0]);
  });
  it('IMI: share of up-body points', () => {
    // bodies +2, -1, +1 -> 3 / 4
    expect(imi(F([1, 3, 2]), F([3, 2, 3]), 3)[2]).toBeCloseTo(75, 12);
  });
  it('MOM / ROC family', () => {
    const x = F([10, 11, 12.5]);
    expect(mom(x, 2)[2]).toBe(2.5);
    expect(roc(x, 2)[2]).toBeCloseTo(25, 12);
    expect(rocp(x, 2)[2]).toBeCloseTo(0.25, 12);
    expect(rocr(x, 2)[2]).toBeCloseTo(1.25, 12);
    expect(rocr100(x, 2)[2]).toBeCloseTo(125, 12);
    expect(roc(F([0, 1]), 1)[1]).toBe(0);
  });
  it('WILLR hand computation', () => {
    // window high 10, low 0, close 7.5 -> -25
    expect(willr(F([10, 5]), F([0, 5]), F([5, 7.5]), 2)[1]).toBeCloseTo(-25, 12);
  });
  it('ULTOSC weights the shortest period 4x regardless of parameter order', () => {
    const n = 60;
    const h = F(Array.from({ length: n }, (_, i) => 10 + Math.sin(i) * 2 + 1));
    const l = F(Array.from({ length: n }, (_, i) => 10 + Math.sin(i) * 2 - 1));
    const c = F(Array.from({ length: n }, (_, i) => 10 + Math.sin(i * 1.3)));
    const a = ultosc(h, l, c, 7, 14, 28);
    const b = ultosc(h, l, c, 28, 7, 14);
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});

describe('definitions', () => {
  it('short inputs give all-NaN outputs of the same length, never throw', () => {
    for (const def of definitions) {
      const params = defaults(def);
      const lb = def.lookback(params);
      for (const len of lb >= 1 ? [0, 1, lb] : [0]) {
        const ins = def.inputs.map(() => F(Array.from({ length: len }, (_, i) => 10 + (i % 3))));
        const outs = def.compute(ins, params);
        expect(outs.length).toBe(def.outputs.length);
        for (const o of outs) {
          expect(o.length).toBe(len);
          expect(Array.from(o).every((v) => Number.isNaN(v))).toBe(true);
        }
      }
    }
  });

  const goldenFile = join(SHARED_GOLDEN, 'talib-binance-ethusdt-1d.json');
  it.runIf(hasGolden)('prefix invariance and TA-Lib golden agreement (direct, without the registry)', () => {
    const g = JSON.parse(readFileSync(goldenFile, 'utf8')) as {
      candles: Record<string, number[]>;
      cases: { fn: string; inputs: string[]; params: Record<string, number>; begIndex: number; outputs: Record<string, (number | null)[]> }[];
    };
    const byName = new Map(definitions.map((d) => [d.name, d]));
    let checked = 0;
    for (const c of g.cases) {
      const def = byName.get(c.fn);
      if (!def) continue;
      const params = defaults(def);
      for (const [k, v] of Object.entries(c.params)) {
        const key = k.replace(/^optIn/, '');
        params[key[0]!.toLowerCase() + key.slice(1)] = v;
      }
      expect(def.lookback(params)).toBe(c.begIndex);
      const ins = c.inputs.map((name) => Float64Array.from(g.candles[name]!));
      const outs = def.compute(ins, params);
      def.outputs.forEach((spec, k) => {
        const exp = c.outputs[spec.name]!;
        for (let i = 0; i < exp.length; i++) {
          const e = exp[i];
          const a = outs[k]![i]!;
          if (e === null || e === undefined) expect(Number.isNaN(a)).toBe(true);
          else expect(Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e))).toBe(true);
        }
      });
      // prefix: recompute on the first 300 bars
      const cut = ins.map((x) => x.subarray(0, 300));
      const pre = def.compute(cut, params);
      for (let k = 0; k < outs.length; k++) {
        for (let i = 0; i < 300; i++) expect(Object.is(pre[k]![i], outs[k]![i])).toBe(true);
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(27);
  });
});

describe('AROON/AROONOSC equal a literal transcription of TA-Lib\'s loop', () => {
  it('ties (last bar), NaN, signed zeros, long falling and rising runs', () => {
    // ta_AROON.c: both extremes tested against the window start on every bar, rescans with <= / >=
    const ref = (h: Float64Array, l: Float64Array, period: number): [Float64Array, Float64Array, Float64Array] => {
      const n = h.length;
      const down = new Float64Array(n).fill(NaN), up = new Float64Array(n).fill(NaN), osc = new Float64Array(n).fill(NaN);
      const factor = 100.0 / period;
      let lowestIdx = -1, highestIdx = -1, lowest = 0, highest = 0;
      for (let today = period, trailing = 0; today < n; today++, trailing++) {
        let tmp = l[today]!;
        if (lowestIdx < trailing) {
          lowestIdx = trailing; lowest = l[lowestIdx]!;
          for (let i = lowestIdx + 1; i <= today; i++) { tmp = l[i]!; if (tmp <= lowest) { lowestIdx = i; lowest = tmp; } }
        } else if (tmp <= lowest) { lowestIdx = today; lowest = tmp; }
        tmp = h[today]!;
        if (highestIdx < trailing) {
          highestIdx = trailing; highest = h[highestIdx]!;
          for (let i = highestIdx + 1; i <= today; i++) { tmp = h[i]!; if (tmp >= highest) { highestIdx = i; highest = tmp; } }
        } else if (tmp >= highest) { highestIdx = today; highest = tmp; }
        up[today] = factor * (period - (today - highestIdx));
        down[today] = factor * (period - (today - lowestIdx));
        osc[today] = factor * (highestIdx - lowestIdx);
      }
      return [down, up, osc];
    };
    let seed = 5;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const n = 3000;
    const h = new Float64Array(n), l = new Float64Array(n);
    let level = 100;
    for (let i = 0; i < n; i++) {
      level += (Math.floor(i / 180) % 2 ? 1 : -1) * rnd() + (rnd() - 0.5) * 0.5;
      l[i] = Math.round(level * 4) / 4;
      h[i] = l[i]! + Math.round(rnd() * 8) / 4;
      if (rnd() < 0.05) l[i] = i > 0 && rnd() < 0.5 ? l[i - 1]! : [NaN, 0, -0][Math.floor(rnd() * 3)]!;
      if (rnd() < 0.05) h[i] = i > 0 && rnd() < 0.5 ? h[i - 1]! : [NaN, 0, -0][Math.floor(rnd() * 3)]!;
    }
    const same = (a: Float64Array, b: Float64Array) => a.every((v, i) => Object.is(v, b[i]));
    for (const period of [2, 3, 5, 14, 25]) {
      const [down, up, osc] = ref(h, l, period);
      const [d, u] = aroon(h, l, period);
      expect(same(d, down)).toBe(true);
      expect(same(u, up)).toBe(true);
      expect(same(aroonOsc(h, l, period), osc)).toBe(true);
    }
  });
});
