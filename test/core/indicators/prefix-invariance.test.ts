import { describe, it, expect } from 'vitest';
import { listIndicators, resolveParams } from '../../../src/core/indicators/registry.js';
import { ethDailyCandles } from '../../helpers/golden.js';

// No look-ahead: the value at bar i computed on candles [0..i] must equal the value at i
// computed on the whole series. Real Binance ETH/USDT daily candles (the golden file's, bundled).
const g = { candles: ethDailyCandles() };
const N = 400;
const fields = {
  open: Float64Array.from(g.candles.open.slice(0, N)),
  high: Float64Array.from(g.candles.high.slice(0, N)),
  low: Float64Array.from(g.candles.low.slice(0, N)),
  close: Float64Array.from(g.candles.close.slice(0, N)),
  volume: Float64Array.from(g.candles.volume.slice(0, N)),
};

function inputsFor(names: readonly string[], length: number): Float64Array[] {
  return names.map((name) => {
    switch (name) {
      case 'real': case 'real0': return fields.close.subarray(0, length);
      case 'real1': return fields.open.subarray(0, length);
      case 'periods': return Float64Array.from({ length }, (_, i) => 5 + (i % 20));
      default: return fields[name as keyof typeof fields].subarray(0, length);
    }
  });
}

const same = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || a === b;

describe('prefix invariance (no look-ahead) for every registered indicator', () => {
  const defs = listIndicators();
  it('has indicators registered', () => expect(defs.length).toBeGreaterThan(0));
  for (const def of defs) {
    it(def.name, () => {
      const params = resolveParams(def, {});
      const full = def.compute(inputsFor(def.inputs, N), params);
      const lb = def.lookback(params);
      const probes = new Set([lb, lb + 1, lb + 7, 150, 151, 233, 320, N - 2, N - 1].filter((i) => i >= 0 && i < N));
      for (const i of probes) {
        const prefix = def.compute(inputsFor(def.inputs, i + 1), params);
        for (let k = 0; k < full.length; k++) {
          const a = prefix[k]![i]!;
          const b = full[k]![i]!;
          if (!same(a, b)) expect.fail(`${def.name}.${def.outputs[k]!.name}[${i}]: prefix ${a} vs full ${b}`);
        }
      }
    });
  }
});
