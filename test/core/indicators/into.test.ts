import { describe, it, expect } from 'vitest';
import { Arena } from '../../../src/core/indicators/arena.js';
import {
  IndicatorRunner, computeInto, listIndicators, prepareIndicator, resolveParams, runIndicator, runIndicatorInto,
} from '../../../src/core/indicators/registry.js';
import { IndicatorError } from '../../../src/core/indicators/types.js';
import { ethDailyCandles } from '../../helpers/golden.js';

// The caller-provided-output path must give the allocating path's values bit for bit, write
// every cell (the buffers start full of garbage) and keep no state between calls (each case runs
// twice on the same buffers and arena, the second time after a different indicator used them).
// Real Binance ETH/USDT daily candles, bundled with the golden files.
const c = ethDailyCandles();
const N = 500;
const f = (a: readonly number[]) => Float64Array.from(a.slice(0, N));
const fields = { open: f(c.open), high: f(c.high), low: f(c.low), close: f(c.close), volume: f(c.volume) };
const periods = Float64Array.from({ length: N }, (_, i) => 2 + (i % 29));

function inputsFor(names: readonly string[]): Float64Array[] {
  return names.map((name) => {
    switch (name) {
      case 'real': case 'real0': return fields.close;
      case 'real1': return fields.open;
      case 'periods': return periods;
      default: return fields[name as keyof typeof fields];
    }
  });
}

const bits = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : String(v)));

describe('computeInto: every registered indicator, into reused garbage-filled buffers', () => {
  const arena = new Arena();
  const shared = Array.from({ length: 8 }, () => new Float64Array(N));
  for (const def of listIndicators()) {
    const cases: Record<string, number>[] = [{}];
    for (const p of def.params) if (p.type === 'maType') for (let t = 1; t <= 8; t++) cases.push({ [p.name]: t });
    it(def.name, () => {
      for (const given of cases) {
        const params = resolveParams(def, given);
        const inputs = inputsFor(def.inputs);
        const expected = def.compute(inputs, params);
        for (let round = 0; round < 2; round++) {
          for (const [k, b] of shared.entries()) b.fill(round ? -1e300 : 7 + k);
          const outs = shared.slice(0, def.outputs.length);
          const mark = arena.mark();
          computeInto(def, inputs, params, outs, arena);
          expect(arena.mark()).toBe(mark);
          for (let k = 0; k < outs.length; k++) expect(bits(outs[k]!), `${def.name} ${JSON.stringify(given)} output ${k}`).toEqual(bits(expected[k]!));
        }
      }
    });
  }
});

// The allocating API hands computeInto uninitialized memory for series of 512 bars or more
// (alloc.ts): its outputs must still be the definitions' own `compute` results bit for bit, on
// the whole bundled history and on a series shorter than the longest warm-up (all NaN).
describe('runIndicator: fresh outputs through computeInto', () => {
  const whole = { open: Float64Array.from(c.open), high: Float64Array.from(c.high), low: Float64Array.from(c.low), close: Float64Array.from(c.close), volume: Float64Array.from(c.volume) };
  const cycled = (len: number) => Float64Array.from({ length: len }, (_, i) => 2 + (i % 29));
  const series = (len: number): Record<string, Float64Array> => {
    const cut = (a: Float64Array) => a.slice(0, len);
    return { open: cut(whole.open), high: cut(whole.high), low: cut(whole.low), close: cut(whole.close), volume: cut(whole.volume), real: cut(whole.close), real0: cut(whole.close), real1: cut(whole.open), periods: cycled(len) };
  };
  it('uses the whole bundled history (more than 512 bars)', () => expect(whole.close.length).toBeGreaterThan(512));
  for (const len of [whole.close.length, 7]) {
    it(`every registered indicator, ${len} bars`, () => {
      const s = series(len);
      for (const def of listIndicators()) {
        const inputs = def.inputs.map((name) => s[name]!);
        const got = runIndicator(def.name, inputs).outputs;
        const expected = def.compute(inputs, resolveParams(def, {}));
        expect(got.length).toBe(def.outputs.length);
        for (let k = 0; k < got.length; k++) expect(bits(got[k]!), `${def.name} output ${k}`).toEqual(bits(expected[k]!));
      }
    });
  }
});

describe('runIndicatorInto', () => {
  it('checks the outputs it is given', () => {
    const out = new Float64Array(N);
    expect(() => runIndicatorInto('MACD', [fields.close], {}, [out], new Arena())).toThrow(IndicatorError);
    expect(() => runIndicatorInto('RSI', [fields.close], {}, [new Float64Array(N - 1)], new Arena())).toThrow(/length/);
    runIndicatorInto('RSI', [fields.close], { timePeriod: 14 }, [out], new Arena());
    expect(bits(out)).toEqual(bits(runIndicator('RSI', [fields.close], { timePeriod: 14 }).outputs[0]!));
  });
});

describe('IndicatorRunner', () => {
  it('reuses its output buffers from one request to the next and matches the allocating API', () => {
    const runner = new IndicatorRunner();
    const plan = [
      prepareIndicator('SMA', { timePeriod: 20 }), prepareIndicator('MACD'), prepareIndicator('BBANDS', { timePeriod: 20 }),
      prepareIndicator('STOCH', { fastK_Period: 14 }), prepareIndicator('MFI'),
    ];
    const request = (end: number) => {
      const cut = (a: Float64Array) => a.subarray(end - 200, end);
      runner.begin();
      return plan.map((p) => runner.run(p, inputsFor(p.def.inputs).map(cut)));
    };
    const first = request(300).map((outs) => [...outs]);
    const second = request(N);
    for (let r = 0; r < plan.length; r++) {
      for (let k = 0; k < second[r]!.length; k++) expect(second[r]![k]).toBe(first[r]![k]);
      const p = plan[r]!;
      const expected = runIndicator(p.def.name, inputsFor(p.def.inputs).map((a) => a.subarray(N - 200, N)), p.params).outputs;
      for (let k = 0; k < expected.length; k++) expect(bits(second[r]![k]!)).toEqual(bits(expected[k]!));
    }
  });
});
