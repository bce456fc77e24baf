import { describe, it, expect } from 'vitest';
import { Arena } from '../../../src/core/indicators/arena.js';
import { isPrimed } from '../../../src/core/indicators/prime.js';
import { computeInto, listIndicators, resolveParams, runIndicator } from '../../../src/core/indicators/registry.js';
import { ethDailyCandles } from '../../helpers/golden.js';

// The registry primes a definition on its first long series (prime.ts): a few runs on the
// first bars, written into the outputs' prefix. The real run must then give exactly what the
// definition's own `compute` (never primed) gives, through both entry points, on garbage-filled
// outputs. Real Binance ETH/USDT daily candles, cycled to pass the long-series threshold.
const c = ethDailyCandles();
const N = 5000;
const cyc = (a: readonly number[]) => Float64Array.from({ length: N }, (_, i) => a[i % a.length]!);
const s: Record<string, Float64Array> = { open: cyc(c.open), high: cyc(c.high), low: cyc(c.low), close: cyc(c.close), volume: cyc(c.volume) };
s['real'] = s['close']!; s['real0'] = s['close']!; s['real1'] = s['open']!;
s['periods'] = Float64Array.from({ length: N }, (_, i) => 2 + (i % 29));
const bits = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : String(v)));

describe('priming before the first long run', () => {
  const defs = listIndicators();
  it('computeInto: first call primes and still gives compute\'s outputs', () => {
    const arena = new Arena();
    for (const def of defs.slice(0, defs.length >> 1)) {
      const params = resolveParams(def, {});
      const inputs = def.inputs.map((k) => s[k]!);
      expect(isPrimed(def), def.name).toBe(false);
      // A short series (below the long-series threshold) does not prime.
      computeInto(def, inputs.map((a) => a.subarray(0, 300)), params, def.outputs.map(() => new Float64Array(300)), arena);
      expect(isPrimed(def), def.name).toBe(false);
      const outs = def.outputs.map(() => new Float64Array(N).fill(-1e300));
      computeInto(def, inputs, params, outs, arena);
      expect(isPrimed(def), def.name).toBe(true);
      const expected = def.compute(inputs, params);
      for (let k = 0; k < outs.length; k++) expect(bits(outs[k]!), `${def.name} output ${k}`).toEqual(bits(expected[k]!));
    }
  });
  it('runIndicator: first call primes and still gives compute\'s outputs', () => {
    for (const def of defs.slice(defs.length >> 1)) {
      const inputs = def.inputs.map((k) => s[k]!);
      expect(isPrimed(def), def.name).toBe(false);
      const got = runIndicator(def.name, inputs).outputs;
      expect(isPrimed(def), def.name).toBe(true);
      const expected = def.compute(inputs, resolveParams(def, {}));
      for (let k = 0; k < got.length; k++) expect(bits(got[k]!), `${def.name} output ${k}`).toEqual(bits(expected[k]!));
    }
  });
});
