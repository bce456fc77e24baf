import { describe, it, expect } from 'vitest';
import { ad } from '../../../src/core/indicators/volume/ad.js';
import { adosc } from '../../../src/core/indicators/volume/adosc.js';
import { obv } from '../../../src/core/indicators/volume/obv.js';

describe('volume', () => {
  const high = Float64Array.from([10, 12, 11, 11]);
  const low = Float64Array.from([8, 10, 9, 11]);
  const close = Float64Array.from([10, 10, 10, 11]);
  const volume = Float64Array.from([100, 200, 300, 400]);

  it('AD accumulates close-location value × volume; a zero-range bar adds nothing', () => {
    expect(Array.from(ad(high, low, close, volume))).toEqual([100, -100, -100, -100]);
  });

  it('OBV starts at the first volume and signs volume by close direction', () => {
    expect(Array.from(obv(Float64Array.from([1, 2, 2, 1]), volume))).toEqual([100, 300, 300, -100]);
  });

  it('ADOSC warms up for max(fast, slow) - 1 bars; short input is all NaN', () => {
    const out = adosc(high, low, close, volume, 2, 3);
    expect(out[1]).toBeNaN();
    expect(Number.isFinite(out[2]!)).toBe(true);
    expect(adosc(high, low, close, volume, 3, 10).every(Number.isNaN)).toBe(true);
  });
});
