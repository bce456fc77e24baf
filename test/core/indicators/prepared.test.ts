import { describe, it, expect } from 'vitest';
import { Arena } from '../../../src/core/indicators/arena.js';
import { IndicatorRunner, listIndicators, prepareIndicator, resolveParams } from '../../../src/core/indicators/registry.js';
import { ethDailyCandles } from '../../helpers/golden.js';

// Prepared indicators (params bound once, `bind`) must give the allocating path's values bit for
// bit, write every cell of garbage-filled outputs and leave the arena as they found it, on long
// series and on the short windows of an API request (warm-up boundaries included).
const c = ethDailyCandles();
const f = (a: readonly number[], from: number, to: number) => Float64Array.from(a.slice(from, to));
const bits = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : String(v)));

function inputsFor(names: readonly string[], from: number, to: number): Float64Array[] {
  return names.map((name) => {
    switch (name) {
      case 'real': case 'real0': return f(c.close, from, to);
      case 'real1': return f(c.open, from, to);
      case 'periods': return Float64Array.from({ length: to - from }, (_, i) => 2 + (i % 29));
      default: return f(c[name as 'open' | 'high' | 'low' | 'close' | 'volume'], from, to);
    }
  });
}

describe('prepareIndicator: bound kernels', () => {
  const bound = listIndicators().filter((d) => d.bind);
  it('the 10 indicators of the API request are bound', () => {
    for (const name of ['SMA', 'EMA', 'RSI', 'MACD', 'BBANDS', 'ATR', 'ADX', 'MFI', 'STOCH', 'OBV']) {
      expect(bound.map((d) => d.name)).toContain(name);
    }
  });
  for (const def of bound) {
    const cases: Record<string, number>[] = [{}];
    for (const p of def.params) if (p.type === 'maType') for (let t = 1; t <= 8; t++) cases.push({ [p.name]: t });
    if (def.params.some((p) => p.name === 'timePeriod')) cases.push({ timePeriod: 2 }, { timePeriod: 20 });
    it(def.name, () => {
      const arena = new Arena();
      for (const given of cases) {
        const prepared = prepareIndicator(def.name, given);
        for (const [from, to] of [[0, 500], [100, 300], [0, 0], [0, 1], [0, 14], [0, 15], [0, 28], [0, 34], [0, 40]] as const) {
          const inputs = inputsFor(def.inputs, from, to);
          const expected = def.compute(inputs, resolveParams(def, given));
          for (let round = 0; round < 2; round++) {
            const outs = def.outputs.map(() => new Float64Array(to - from).fill(round ? -1e300 : 7));
            const mark = arena.mark();
            prepared.kernel(inputs, outs, arena);
            expect(arena.mark()).toBe(mark);
            for (let k = 0; k < outs.length; k++) expect(bits(outs[k]!), `${def.name} ${JSON.stringify(given)} [${from}, ${to}) output ${k}`).toEqual(bits(expected[k]!));
          }
        }
      }
    });
  }
});

describe('IndicatorRunner', () => {
  it('returns the same buffers request after request, and new ones when a shape changes', () => {
    const runner = new IndicatorRunner();
    const sma = prepareIndicator('SMA', { timePeriod: 5 });
    const macd = prepareIndicator('MACD');
    const close = inputsFor(['real'], 0, 200);
    runner.begin();
    const a = [runner.run(sma, close), runner.run(macd, close)];
    runner.begin();
    const b = [runner.run(sma, close), runner.run(macd, close)];
    expect(b[0]).toBe(a[0]);
    expect(b[1]).toBe(a[1]);
    expect(b[1]![2]).toBe(a[1]![2]);
    runner.begin();
    const swapped = runner.run(macd, close);
    expect(swapped).toHaveLength(3);
    expect(swapped).not.toBe(a[0]);
    const short = runner.run(sma, inputsFor(['real'], 0, 50));
    expect(short[0]).toHaveLength(50);
  });

  it('checks its inputs on every run', () => {
    const runner = new IndicatorRunner();
    runner.begin();
    const atr = prepareIndicator('ATR');
    expect(() => runner.run(atr, inputsFor(['high', 'low'], 0, 50))).toThrow(/expects 3 inputs/);
    expect(() => runner.run(atr, [...inputsFor(['high', 'low'], 0, 50), ...inputsFor(['close'], 0, 49)])).toThrow(/equal length/);
  });
});

describe('Arena', () => {
  it('swaps buffers of the lengths met at one depth instead of reallocating', () => {
    const arena = new Arena();
    const take = (n: number) => { const m = arena.mark(); const b = arena.take(n); arena.release(m); return b; };
    const a200 = take(200);
    const a14 = take(14);
    expect(take(200)).toBe(a200);
    expect(take(14)).toBe(a14);
    expect(take(200)).toBe(a200);
    expect(arena.bytes).toBe((200 + 14) * 8);
  });
});

// The branch-free kernels (sign-bit table reads, defkit SEL) against their branchy forms, written
// out here as TA-Lib's C has them, on inputs where a sign bit and a comparison disagree: NaN,
// signed zeros, flat runs, infinities.
describe('branch-free kernels match the branchy forms bit for bit', () => {
  const edge = (seed: number, n: number): Float64Array => {
    const pool = [NaN, -0, 0, Infinity, -Infinity, 1, 1, 2, 2.5, -1, 1e-300, -1e-300, 3, 3];
    let x = seed;
    return Float64Array.from({ length: n }, (_, i) => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return i % 3 === 0 ? pool[x % pool.length]! : 100 + (x % 1000) / 7;
    });
  };
  const obvRef = (close: Float64Array, volume: Float64Array) => {
    const out = new Float64Array(close.length);
    let acc = volume[0]!;
    let prev = close[0]!;
    for (let i = 0; i < close.length; i++) {
      const c = close[i]!;
      if (c > prev) acc += volume[i]!;
      else if (c < prev) acc -= volume[i]!;
      out[i] = acc;
      prev = c;
    }
    return out;
  };
  const rsiRef = (real: Float64Array, period: number) => {
    const out = new Float64Array(real.length).fill(NaN);
    if (real.length <= period) return out;
    let prev = real[0]!;
    let gain = 0;
    let loss = 0;
    for (let t = 1; t <= period; t++) { const d = real[t]! - prev; prev = real[t]!; if (d < 0) loss -= d; else gain += d; }
    loss /= period; gain /= period;
    const val = () => { const s = gain + loss; return s > -1e-14 && s < 1e-14 ? 0 : 100.0 * (gain / s); };
    out[period] = val();
    for (let t = period + 1; t < real.length; t++) {
      const d = real[t]! - prev; prev = real[t]!;
      loss *= period - 1; gain *= period - 1;
      if (d < 0) loss -= d; else gain += d;
      loss /= period; gain /= period;
      out[t] = val();
    }
    return out;
  };
  const mfiRef = (h: Float64Array, l: Float64Array, c: Float64Array, v: Float64Array, period: number) => {
    const n = h.length;
    const out = new Float64Array(n).fill(NaN);
    if (n <= period) return out;
    const pos = new Float64Array(period);
    const neg = new Float64Array(period);
    let idx = 0; let posSum = 0; let negSum = 0;
    let prev = (h[0]! + l[0]! + c[0]!) / 3.0;
    for (let t = 1; t < n; t++) {
      if (t > period) { posSum -= pos[idx]!; negSum -= neg[idx]!; }
      let tp = (h[t]! + l[t]! + c[t]!) / 3.0;
      const d = tp - prev; prev = tp; tp *= v[t]!;
      if (d < 0) { neg[idx] = tp; negSum += tp; pos[idx] = 0; } else if (d > 0) { pos[idx] = tp; posSum += tp; neg[idx] = 0; } else { pos[idx] = 0; neg[idx] = 0; }
      if (++idx === period) idx = 0;
      if (t >= period) { const total = posSum + negSum; out[t] = total < 1.0 ? 0 : 100.0 * (posSum / total); }
    }
    return out;
  };
  const run = (name: string, params: Record<string, number>, inputs: Float64Array[]) => {
    const prepared = prepareIndicator(name, params);
    const outs = prepared.def.outputs.map(() => new Float64Array(inputs[0]!.length).fill(5));
    prepared.kernel(inputs, outs, new Arena());
    return outs[0]!;
  };
  it('OBV, RSI, MFI', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const n = 5 + (seed % 60);
      const [h, l, c, v] = [edge(seed, n), edge(seed * 7, n), edge(seed * 13, n), edge(seed * 17, n)];
      expect(bits(run('OBV', {}, [c, v])), `OBV seed ${seed}`).toEqual(bits(obvRef(c, v)));
      for (const period of [2, 3, 14]) {
        expect(bits(run('RSI', { timePeriod: period }, [c])), `RSI ${period} seed ${seed}`).toEqual(bits(rsiRef(c, period)));
        expect(bits(run('MFI', { timePeriod: period }, [h, l, c, v])), `MFI ${period} seed ${seed}`).toEqual(bits(mfiRef(h, l, c, v, period)));
      }
    }
  });
});
