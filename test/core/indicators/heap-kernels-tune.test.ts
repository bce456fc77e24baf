/**
 * The unrolled loops of the wasm element-wise kernels (wasm/elementwise.wat: sixteen or eight bars
 * per turn, then two bars per turn, then an odd last bar) against the JavaScript kernels, bit for
 * bit, at every bar count from MIN_BARS to MIN_BARS + 33, so that every remainder the loops split
 * a series into runs: each count goes once through ordinary arrays (the JavaScript kernel) and once
 * through heap arrays (the wasm kernel) laid out alike in one backing array filled with a marker,
 * and every cell of the two backing arrays must agree (no write outside the output). Inputs start
 * at an odd cell (8-byte, not 16-byte aligned) or at an even one. Data: a random walk with NaN,
 * infinities, signed zeros and empty ranges mixed in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Arena } from '../../../src/core/indicators/arena.js';
import { heapOffset, seriesHeap } from '../../../src/core/indicators/heap.js';
import { computeInto, getIndicator, resolveParams } from '../../../src/core/indicators/registry.js';
import type { IndicatorDef, InputName } from '../../../src/core/indicators/types.js';
import { heapKernelRuns, MIN_BARS } from '../../../src/core/indicators/wasm/elementwise.js';

const LEN = MIN_BARS + 40;
const MARK = -777.25;

function bars(): Record<'open' | 'high' | 'low' | 'close' | 'volume', Float64Array> {
  let seed = 987654321;
  const rnd = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
  const specials = [NaN, Infinity, -Infinity, 0, -0];
  const c = { open: new Float64Array(LEN), high: new Float64Array(LEN), low: new Float64Array(LEN), close: new Float64Array(LEN), volume: new Float64Array(LEN) };
  let p = 100;
  for (let i = 0; i < LEN; i++) {
    const o = p;
    p *= 1 + (rnd() - 0.5) * 0.04;
    c.open[i] = o; c.close[i] = p;
    c.high[i] = Math.max(o, p) * (1 + rnd() * 0.01);
    c.low[i] = Math.min(o, p) * (1 - rnd() * 0.01);
    c.volume[i] = 1000 * rnd();
    if (rnd() < 0.03) { c.high[i] = c.low[i]!; c.close[i] = c.low[i]!; } // empty range
    for (const k of ['open', 'high', 'low', 'close', 'volume'] as const) {
      if (rnd() < 0.01) c[k][i] = specials[Math.floor(rnd() * specials.length)]!;
    }
  }
  return c;
}
const src = bars();
const pick = (k: InputName): Float64Array =>
  k === 'real' ? src.close : k === 'real0' ? src.high : k === 'real1' ? src.low : src[k as keyof typeof src];

const arena = new Arena();

/** Inputs of `n` bars from cell `first` on, 2 cells apart, the output after them; the whole backing array back. */
function run(backing: Float64Array, def: IndicatorDef, params: Record<string, number>, n: number, first: number): Float64Array {
  backing.fill(MARK);
  const at = (j: number) => first + j * (n + 2);
  const inputs = def.inputs.map((k, j) => {
    const v = backing.subarray(at(j), at(j) + n);
    v.set(pick(k).subarray(0, n));
    return v;
  });
  const out = backing.subarray(at(inputs.length), at(inputs.length) + n);
  computeInto(def, inputs, resolveParams(def, params), [out], arena);
  return backing;
}

const heapArrays: Float64Array[] = [];
afterAll(() => { for (const h of heapArrays) seriesHeap.free(h); });

const CASES: [string, Record<string, number>][] = [
  ['ADD', {}], ['SUB', {}], ['MULT', {}], ['DIV', {}], ['MOM', {}], ['MOM', { timePeriod: 3 }],
  ['ROC', {}], ['ROCP', { timePeriod: 1 }], ['ROCR', {}], ['ROCR100', { timePeriod: 4 }],
  ['MEDPRICE', {}], ['TYPPRICE', {}], ['WCLPRICE', {}], ['AVGPRICE', {}], ['BOP', {}], ['TRANGE', {}],
  ['AD', {}], ['ADOSC', {}],
];

describe('unrolled wasm element-wise kernels: every remainder of their loops, bit for bit', () => {
  for (const [name, params] of CASES) {
    it(`${name} ${JSON.stringify(params)}`, () => {
      const def = getIndicator(name);
      const total = 1 + (def.inputs.length + 1) * (LEN + 2);
      const heap = seriesHeap.alloc(total);
      heapArrays.push(heap);
      expect(heapOffset(heap)).toBeGreaterThanOrEqual(0);
      for (let n = MIN_BARS; n <= MIN_BARS + 33; n++) {
        for (const first of [1, 2]) {
          const js = run(new Float64Array(total), def, params, n, first);
          const before = heapKernelRuns();
          const wasm = run(heap, def, params, n, first);
          expect(heapKernelRuns(), `${name} n=${n}: the wasm kernel ran`).toBe(before + 1);
          for (let i = 0; i < total; i++) {
            if (!Object.is(js[i], wasm[i])) expect.fail(`${name} n=${n} first=${first} cell ${i}: JS ${js[i]} vs wasm ${wasm[i]}`);
          }
        }
      }
    });
  }
});
