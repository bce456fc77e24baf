import { describe, it, expect } from 'vitest';
import { atr } from '../../../src/core/indicators/volatility/atr.js';
import { natr } from '../../../src/core/indicators/volatility/natr.js';
import { trange } from '../../../src/core/indicators/volatility/trange.js';

const high = Float64Array.from([10, 12, 11, 15]);
const low = Float64Array.from([9, 10, 8, 13]);
const close = Float64Array.from([9.5, 11, 9, 14]);

describe('volatility', () => {
  it('TRANGE extends the range to the previous close', () => {
    expect(Array.from(trange(high, low, close))).toEqual([NaN, 2.5, 3, 6]);
  });

  it('ATR seeds with the mean TR then Wilder-smooths', () => {
    const out = atr(high, low, close, 2);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(2.75);
    expect(out[3]).toBe((2.75 * 1 + 6) / 2);
    expect(Array.from(atr(high, low, close, 1))).toEqual([NaN, 2.5, 3, 6]);
  });

  it('NATR is ATR as percent of close', () => {
    expect(natr(high, low, close, 2)[3]).toBeCloseTo((4.375 / 14) * 100, 12);
  });

  it('short input gives all NaN', () => {
    expect(atr(high, low, close, 4).every(Number.isNaN)).toBe(true);
    expect(trange(high.subarray(0, 1), low.subarray(0, 1), close.subarray(0, 1)).every(Number.isNaN)).toBe(true);
  });
});
