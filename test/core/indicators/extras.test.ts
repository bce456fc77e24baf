import { describe, it, expect } from 'vitest';
import { cmf } from '../../../src/core/indicators/extras/cmf.js';
import { donchian } from '../../../src/core/indicators/extras/donchian.js';
import { hma } from '../../../src/core/indicators/extras/hma.js';
import { ichimoku } from '../../../src/core/indicators/extras/ichimoku.js';
import { keltner } from '../../../src/core/indicators/extras/keltner.js';
import { pivots } from '../../../src/core/indicators/extras/pivots.js';
import { supertrend } from '../../../src/core/indicators/extras/supertrend.js';
import { vroc } from '../../../src/core/indicators/extras/vroc.js';
import { vwap, vwapSession } from '../../../src/core/indicators/extras/vwap.js';
import { extras as definitions } from '../../../src/core/indicators/extras/index.js';

// Every expected value below is computed by hand from the formula in the header of each extras/<name>.ts; the
// arithmetic is written next to it so it can be re-checked without running code.
const F = (a: number[]) => Float64Array.from(a);
const H = F([10, 11, 12, 11, 13, 14, 13, 15]);
const L = F([8, 9, 10, 9, 11, 12, 11, 12]);
const C = F([9, 10, 11, 10, 12, 13, 12, 14]);
const V = F([100, 200, 150, 100, 300, 250, 100, 200]);
// typical prices (H+L+C)/3: 9, 10, 11, 10, 12, 13, 12, 13.666..

describe('VWAP (rolling) and VWAP_SESSION', () => {
  it('rolling window, period 3', () => {
    const out = vwap(H, L, C, V, 3);
    expect(Number.isNaN(out[1]!)).toBe(true);
    expect(out[2]).toBeCloseTo((9 * 100 + 10 * 200 + 11 * 150) / 450, 12); // 4550/450
    expect(out[3]).toBeCloseTo((10 * 200 + 11 * 150 + 10 * 100) / 450, 12); // 4650/450
  });
  it('session resets at the UTC day boundary', () => {
    const DAY = 86_400_000;
    const HOUR = 3_600_000;
    const t = F([DAY - 3 * HOUR, DAY - 2 * HOUR, DAY - HOUR, DAY, DAY + HOUR, DAY + 2 * HOUR, DAY + 3 * HOUR, DAY + 4 * HOUR]);
    const out = vwapSession(H, L, C, V, t);
    expect(out[0]).toBeCloseTo(9, 12);
    expect(out[2]).toBeCloseTo(4550 / 450, 12);
    expect(out[3]).toBeCloseTo(10, 12); // first bar of the new day: its own typical price
    expect(out[4]).toBeCloseTo((10 * 100 + 12 * 300) / 400, 12); // 11.5
  });
  it('NaN while a session has traded no volume', () => {
    expect(Number.isNaN(vwapSession(F([2]), F([1]), F([1.5]), F([0]), F([0]))[0]!)).toBe(true);
  });
});

describe('ICHIMOKU (unshifted)', () => {
  // Formulas as in StockCharts ChartSchool "Ichimoku Cloud"; periods shrunk to 2/3/4 so the
  // windows can be checked by eye.
  const [tenkan, kijun, senkouA, senkouB, chikou] = ichimoku(H, L, C, 2, 3, 4);
  it('shares the longest warm-up', () => {
    for (const o of [tenkan, kijun, senkouA, senkouB, chikou]) expect(Number.isNaN(o[2]!)).toBe(true);
  });
  it('bar 3 and bar 4', () => {
    expect(tenkan[3]).toBe((12 + 9) / 2); // H[2..3], L[2..3]
    expect(kijun[3]).toBe((12 + 9) / 2); // H[1..3], L[1..3]
    expect(senkouA[3]).toBe(10.5);
    expect(senkouB[3]).toBe((12 + 8) / 2); // H[0..3], L[0..3]
    expect(chikou[3]).toBe(10); // close[3], no look-ahead
    expect(tenkan[4]).toBe((13 + 9) / 2);
    expect(kijun[4]).toBe((13 + 9) / 2);
    expect(senkouB[4]).toBe((13 + 9) / 2);
  });
});

describe('KELTNER', () => {
  it('EMA(3) of typical price +/- 2 x ATR(2)', () => {
    // EMA3: seed (9+10+11)/3 = 10 at bar 2; k = 0.5: bar 3 -> 10, bar 4 -> (12-10)*0.5+10 = 11
    // TR: bar1 2, bar2 2, bar3 2, bar4 max(2, |10-13|, |10-11|) = 3 ; ATR2: bar2 2, bar3 2, bar4 2.5
    const [up, mid, lo] = keltner(H, L, C, 3, 2, 2);
    expect(Number.isNaN(mid[1]!)).toBe(true);
    expect([up[2], mid[2], lo[2]]).toEqual([14, 10, 6]);
    expect([up[3], mid[3], lo[3]]).toEqual([14, 10, 6]);
    expect([up[4], mid[4], lo[4]]).toEqual([16, 11, 6]);
  });
});

describe('CMF', () => {
  it('money-flow multiplier +1 / -1 / +0.5 (StockCharts ChartSchool CMF formula)', () => {
    // mfm = ((C-L) - (H-C)) / (H-L): close at high +1, at low -1, at 3/4 of range +0.5
    // sum(mfm*V) = 100 - 200 + 50 = -50 ; sum(V) = 400 -> -0.125
    const out = cmf(F([10, 10, 10]), F([0, 0, 0]), F([10, 0, 7.5]), F([100, 200, 100]), 3);
    expect(out[2]).toBeCloseTo(-0.125, 12);
  });
  it('zero-range bars carry no flow', () => {
    expect(cmf(F([5, 5]), F([5, 5]), F([5, 5]), F([10, 10]), 2)[1]).toBe(0);
  });
});

describe('VROC', () => {
  it('percent change of volume vs period bars ago', () => {
    const out = vroc(V, 2);
    expect(out[2]).toBe(50); // (150-100)/100*100
    expect(out[3]).toBe(-50); // (100-200)/200*100
  });
});

describe('SUPERTREND', () => {
  it('ATR(3) x 1 bands around hl2, flips up when close breaks the upper band', () => {
    // ATR3: TR 2,2,2 -> bar3 2 ; bar4 TR 3 -> (2*2+3)/3 = 7/3 ; bar5 TR 2 -> (7/3*2+2)/3 = 20/9
    // bar3: hl2 10, bands 12 / 8, starts down -> line 12, dir -1
    // bar4: basic upper 12+7/3 > 12 and prev close 10 <= 12 -> upper stays 12; close 12 not > 12 -> down
    // bar5: close 13 > upper 12 -> up; lower = max(8 -> 12-7/3 -> 13-20/9) = 97/9
    const [line, dir] = supertrend(H, L, C, 3, 1);
    expect(Number.isNaN(line[2]!)).toBe(true);
    expect([line[3], dir[3]]).toEqual([12, -1]);
    expect([line[4], dir[4]]).toEqual([12, -1]);
    expect(line[5]).toBeCloseTo(97 / 9, 12);
    expect(dir[5]).toBe(1);
  });
});

describe('DONCHIAN', () => {
  it('highest high / lowest low of the last 3 bars, current included', () => {
    const [up, mid, lo] = donchian(H, L, 3);
    expect([up[2], mid[2], lo[2]]).toEqual([12, 10, 8]);
    expect([up[4], mid[4], lo[4]]).toEqual([13, 11, 9]);
  });
});

describe('HMA', () => {
  it('period 4: WMA(2*WMA2 - WMA4, 2)', () => {
    // bar3: WMA2 = (11+2*10)/3 = 31/3, WMA4 = (9+2*10+3*11+4*10)/10 = 10.2 -> diff 157/15
    // bar4: WMA2 = (10+2*12)/3 = 34/3, WMA4 = (10+2*11+3*10+4*12)/10 = 11 -> diff 175/15
    // HMA4 = (157/15 + 2*175/15)/3 = 507/45
    const out = hma(C, 4);
    expect(Number.isNaN(out[3]!)).toBe(true);
    expect(out[4]).toBeCloseTo(507 / 45, 12);
  });
  it('matches a direct (non-running) evaluation on a longer series', () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => 100 + 10 * Math.sin(i / 7) + i * 0.1);
    const wma = (src: number[], end: number, p: number) => {
      let s = 0;
      for (let k = 0; k < p; k++) s += src[end - k]! * (p - k);
      return s / ((p * (p + 1)) / 2);
    };
    const arr = Array.from(x);
    const diff = arr.map((_, i) => (i >= 8 ? 2 * wma(arr, i, 4) - wma(arr, i, 9) : NaN));
    const out = hma(x, 9);
    for (let i = 10; i < 200; i++) expect(out[i]).toBeCloseTo(wma(diff, i, 3), 9);
  });
});

describe('PIVOTS', () => {
  it('classic floor pivots from the previous bar (formulas: StockCharts ChartSchool "Pivot Points")', () => {
    // previous bar H 110, L 100, C 108: P = 106, R1 = 2*106-100 = 112, S1 = 2*106-110 = 102,
    // R2 = 106+10 = 116, S2 = 96, R3 = 110 + 2*(106-100) = 122, S3 = 100 - 2*(110-106) = 92
    const outs = pivots(F([110, 1]), F([100, 1]), F([108, 1]));
    expect(outs.map((o) => o[1])).toEqual([106, 112, 116, 122, 102, 96, 92]);
    expect(outs.every((o) => Number.isNaN(o[0]!))).toBe(true);
  });
});

describe('extras definitions', () => {
  const walk = (n: number, seed: number) => {
    let s = seed;
    let p = 100;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const o = new Float64Array(n), h = new Float64Array(n), l = new Float64Array(n), c = new Float64Array(n), v = new Float64Array(n), t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      o[i] = p;
      p *= 1 + (rnd() - 0.5) * 0.04;
      c[i] = p;
      h[i] = Math.max(o[i]!, p) * (1 + rnd() * 0.01);
      l[i] = Math.min(o[i]!, p) * (1 - rnd() * 0.01);
      v[i] = Math.floor(rnd() * 1000);
      t[i] = 1_700_000_000_000 + i * 3_600_000;
    }
    return { open: o, high: h, low: l, close: c, volume: v, real: t } as Record<string, Float64Array>;
  };
  const data = walk(400, 7);
  const defaults = (names: readonly { name: string; default: number }[]) => Object.fromEntries(names.map((p) => [p.name, p.default]));

  it('are in the Sextant Extras group with one-line descriptions', () => {
    expect(definitions.map((d) => d.name).sort()).toEqual(
      ['CMF', 'DONCHIAN', 'HMA', 'ICHIMOKU', 'KELTNER', 'PIVOTS', 'SUPERTREND', 'VROC', 'VWAP', 'VWAP_SESSION'],
    );
    for (const d of definitions) {
      expect(d.group).toBe('Sextant Extras');
      expect(d.description).not.toContain('\n');
    }
  });

  it('NaN exactly before the lookback, values after; prefix invariant; short inputs do not throw', () => {
    for (const def of definitions) {
      const params = defaults(def.params);
      const lb = def.lookback(params);
      const ins = def.inputs.map((n) => data[n]!);
      const full = def.compute(ins, params);
      for (const o of full) {
        expect(o.length).toBe(400);
        for (let i = 0; i < lb; i++) expect(Number.isNaN(o[i]!)).toBe(true);
        for (let i = lb; i < 400; i++) expect(Number.isFinite(o[i]!)).toBe(true);
      }
      for (const len of [0, 1, lb, lb + 1, 137, 256, 399]) {
        const pre = def.compute(ins.map((x) => x.subarray(0, len)), params);
        for (let k = 0; k < full.length; k++) {
          expect(pre[k]!.length).toBe(len);
          for (let i = 0; i < len; i++) expect(Object.is(pre[k]![i], full[k]![i])).toBe(true);
        }
      }
    }
  });

  it('SUPERTREND direction is an integer +1/-1', () => {
    const def = definitions.find((d) => d.name === 'SUPERTREND')!;
    expect(def.outputs[1]).toEqual({ name: 'outDirection', kind: 'integer' });
    const [, dir] = def.compute([data['high']!, data['low']!, data['close']!], defaults(def.params));
    for (let i = 10; i < 400; i++) expect([1, -1]).toContain(dir![i]);
  });
});
