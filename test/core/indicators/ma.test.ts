import { describe, it, expect } from 'vitest';
import { dema } from '../../../src/core/indicators/overlap/dema.js';
import { ema } from '../../../src/core/indicators/overlap/ema.js';
import { kama } from '../../../src/core/indicators/overlap/kama.js';
import { maLookback, movingAverage } from '../../../src/core/indicators/overlap/ma.js';
import { sma } from '../../../src/core/indicators/overlap/sma.js';
import { t3 } from '../../../src/core/indicators/overlap/t3.js';
import { tema } from '../../../src/core/indicators/overlap/tema.js';
import { trima } from '../../../src/core/indicators/overlap/trima.js';
import { wma } from '../../../src/core/indicators/overlap/wma.js';
import { MaType } from '../../../src/core/indicators/types.js';
import { mama } from '../../../src/core/indicators/overlap/mama.js';

const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
const allNaN = (a: Float64Array) => a.every((v) => Number.isNaN(v));

describe('moving-average kernels', () => {
  it('SMA: mean of the window, NaN during warm-up', () => {
    expect(Array.from(sma(x, 3))).toEqual([NaN, NaN, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('EMA: seeded with the SMA of the first period values, then k = 2/(p+1)', () => {
    const out = ema(Float64Array.from([2, 4, 6, 8]), 3);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(4);
    expect(out[3]).toBe((8 - 4) * 0.5 + 4);
  });

  it('WMA: newest weighs most', () => {
    const out = wma(Float64Array.from([1, 2, 3]), 3);
    expect(out[2]).toBeCloseTo((1 * 1 + 2 * 2 + 3 * 3) / 6, 14);
  });

  it('TRIMA: triangular weights for odd and even periods', () => {
    const v = Float64Array.from([1, 5, 2, 8, 3, 9]);
    // period 3: weights 1,2,1 / 4; period 4: 1,2,2,1 / 6
    expect(trima(v, 3)[2]).toBeCloseTo((1 + 10 + 2) / 4, 14);
    expect(trima(v, 4)[3]).toBeCloseTo((1 + 10 + 4 + 8) / 6, 14);
    expect(trima(v, 4)[5]).toBeCloseTo((2 + 16 + 6 + 9) / 6, 14);
  });

  it('constant input gives the constant for every type', () => {
    const c = new Float64Array(200).fill(7);
    for (const t of [0, 1, 2, 3, 4, 5, 6, 8]) {
      const out = movingAverage(c, 5, t);
      const lb = maLookback(5, t);
      expect(out[lb - 1], `type ${t}`).toBeNaN();
      expect(out[lb], `type ${t}`).toBeCloseTo(7, 12);
      expect(out[199], `type ${t}`).toBeCloseTo(7, 12);
    }
  });

  it('lookbacks follow TA-Lib', () => {
    expect(maLookback(30, MaType.SMA)).toBe(29);
    expect(maLookback(20, MaType.DEMA)).toBe(38);
    expect(maLookback(20, MaType.TEMA)).toBe(57);
    expect(maLookback(20, MaType.KAMA)).toBe(20);
    expect(maLookback(20, MaType.T3)).toBe(114);
    expect(maLookback(20, MaType.MAMA)).toBe(32);
    expect(maLookback(1, MaType.EMA)).toBe(0);
  });

  it('period 1 returns the input (TA_MA)', () => {
    expect(Array.from(movingAverage(x, 1, MaType.EMA))).toEqual(Array.from(x));
  });

  it('too-short input gives all NaN, never throws', () => {
    const short = Float64Array.from([1, 2, 3]);
    for (const f of [sma, ema, wma, dema, tema, trima, kama]) expect(allNaN(f(short, 5))).toBe(true);
    expect(allNaN(t3(short, 2))).toBe(true);
    expect(allNaN(sma(new Float64Array(0), 3))).toBe(true);
  });

  it('MA type 7 is MAMA (period ignored, lookback 32)', () => {
    const v = Float64Array.from({ length: 80 }, (_, i) => 50 + Math.sin(i / 3) * 5);
    const out = movingAverage(v, 30, MaType.MAMA);
    expect(Array.from(out)).toEqual(Array.from(mama(v, 0.5, 0.05)[0]));
    expect(out[31]).toBeNaN();
  });

  it('rejects an unknown MA type', () => {
    expect(() => movingAverage(x, 3, 9)).toThrow(/MA type/);
  });
});
