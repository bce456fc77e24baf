/**
 * The T3 kernel of wasm/t3.wat against the JavaScript kernel it stands in for (overlap/t3.ts
 * t3Into), bit for bit (Object.is on every cell), on the bundled Binance daily closes (symbols one
 * after another, ~154k bars): several periods and vFactors, lengths around the warm-up (the kernel
 * needs 8 bars after it) and T3_MIN_BARS, NaN inputs, the output on the input's own cells, and heap
 * and ordinary arrays mixed (only heap input and heap output take the kernel). The wavefront's
 * prologue and drain (t3.wat) make the first and last five bars the likely places for a slip.
 * wasm-fuzz.test.ts covers perturbed data and random layouts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heapOffset, seriesHeap } from '../../../../src/core/indicators/heap.js';
import { t3, t3Lookback } from '../../../../src/core/indicators/overlap/t3.js';
import { setT3Wasm, T3_MIN_BARS, t3WasmRuns } from '../../../../src/core/indicators/wasm/t3.js';
import { REPO_ROOT } from '../../../helpers/paths.js';

function closes(): Float64Array {
  const dir = join(REPO_ROOT, 'data', 'binance-daily');
  const xs: number[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv')).sort()) {
    const lines = readFileSync(join(dir, f), 'utf8').trim().split('\n');
    const c = lines[0]!.split(',').indexOf('close');
    for (const l of lines.slice(1)) xs.push(Number(l.split(',')[c]));
  }
  return Float64Array.from(xs);
}

const CLOSE = closes();
const held: Float64Array[] = [];
const heap = (src: Float64Array): Float64Array => {
  const a = seriesHeap.alloc(src.length);
  a.set(src);
  held.push(a);
  return a;
};
afterAll(() => { for (const a of held) seriesHeap.free(a); });

/** The JavaScript kernel's output for `x` (on an ordinary copy: no kernel there). */
function reference(x: Float64Array, period: number, vFactor: number): Float64Array {
  return t3(Float64Array.from(x), period, vFactor);
}

function firstDiff(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return a.length === b.length ? -1 : a.length;
}

const PARAMS: [number, number][] = [[5, 0.7], [2, 0.7], [3, 0], [5, 1], [14, 0.5], [30, 0.7], [40, 0.123456789], [7, -0.3], [9, 1.7]];

describe('t3.wat equals the JavaScript kernel', () => {
  for (const [period, v] of PARAMS) {
    it(`period ${period}, vFactor ${v}: real closes, long and short series, heap in and out`, () => {
      const lb = t3Lookback(period);
      const lens = [CLOSE.length, CLOSE.length - 1, 100003, T3_MIN_BARS - 1, T3_MIN_BARS, T3_MIN_BARS + 1, 257, 300, lb + 8, lb + 9, lb + 10, lb + 13, lb + 14, lb + 15];
      for (const n of lens) {
        if (n <= 0 || n > CLOSE.length) continue;
        const x = heap(CLOSE.subarray(CLOSE.length - n));
        const out = heap(new Float64Array(n));
        const runs = t3WasmRuns();
        t3(x, period, v, out);
        const took = t3WasmRuns() - runs;
        expect(took, `n=${n}: the kernel ran exactly when it should`).toBe(n >= T3_MIN_BARS && lb + 9 <= n ? 1 : 0);
        const ref = reference(x, period, v);
        const bad = firstDiff(out, ref);
        expect(bad, `n=${n} first difference at ${bad}: wasm ${out[bad]} vs JS ${ref[bad]}`).toBe(-1);
      }
    });
  }

  it('with the wasm path switched off, the heap arrays get the JavaScript kernel (same cells)', () => {
    const x = heap(CLOSE.subarray(0, 5000));
    const a = heap(new Float64Array(5000)), b = heap(new Float64Array(5000));
    t3(x, 5, 0.7, a);
    const runs = t3WasmRuns();
    setT3Wasm(false);
    try { t3(x, 5, 0.7, b); } finally { setT3Wasm(true); }
    expect(t3WasmRuns()).toBe(runs);
    expect(firstDiff(a, b)).toBe(-1);
  });

  it('NaN inputs: in the seeding, at the first bars after it, mid-series, in the last bars', () => {
    const n = 4000;
    for (const [period, v] of [[5, 0.7], [2, 0.3], [14, 1]] as const) {
      const lb = t3Lookback(period);
      for (const at of [[0], [lb - 1], [lb], [lb + 1, lb + 4], [lb + 5], [lb + 6], [1000, 1001, 2500], [n - 6], [n - 5], [n - 1], [Infinity]]) {
        const src = Float64Array.from(CLOSE.subarray(7000, 7000 + n));
        for (const i of at) src[Number.isFinite(i) ? i : 3000] = Number.isFinite(i) ? NaN : Infinity;
        const x = heap(src);
        const out = heap(new Float64Array(n));
        const runs = t3WasmRuns();
        t3(x, period, v, out);
        expect(t3WasmRuns()).toBe(runs + 1);
        const ref = reference(src, period, v);
        const bad = firstDiff(out, ref);
        expect(bad, `period ${period} bad cells ${at}: first difference at ${bad}`).toBe(-1);
      }
    }
  });

  it('the output on the input\'s own cells (in place), and over part of them (refused: JavaScript)', () => {
    for (const n of [T3_MIN_BARS, 1001, 20000]) {
      const src = CLOSE.subarray(3000, 3000 + n);
      const ref = reference(src, 5, 0.7);
      const x = heap(src);
      const runs = t3WasmRuns();
      t3(x, 5, 0.7, x);
      expect(t3WasmRuns()).toBe(runs + 1);
      expect(firstDiff(x, ref)).toBe(-1);
      // shifted: one heap block, the output a few cells off the input, against the same layout in an ordinary array
      for (const d of [-3, -1, 1, 2, 5]) {
        const block = seriesHeap.alloc(n + 10), plain = new Float64Array(n + 10);
        held.push(block);
        for (const b of [block, plain]) {
          b.fill(0.5); b.set(src, 5);
          t3(b.subarray(5, 5 + n), 5, 0.7, b.subarray(5 + d, 5 + d + n));
        }
        expect(firstDiff(block, plain), `shift ${d}`).toBe(-1);
      }
    }
  });

  it('heap and ordinary arrays mixed: the kernel only for heap in and heap out, the same cells every way', () => {
    const n = 3001;
    const src = CLOSE.subarray(50000, 50000 + n);
    const ref = reference(src, 8, 0.7);
    for (const inHeap of [false, true]) for (const outHeap of [false, true]) {
      const x = inHeap ? heap(src) : Float64Array.from(src);
      const out = outHeap ? heap(new Float64Array(n)) : new Float64Array(n);
      expect(heapOffset(x) >= 0).toBe(inHeap);
      const runs = t3WasmRuns();
      t3(x, 8, 0.7, out);
      expect(t3WasmRuns() - runs).toBe(inHeap && outHeap ? 1 : 0);
      expect(firstDiff(out, ref), `in ${inHeap ? 'heap' : 'plain'}, out ${outHeap ? 'heap' : 'plain'}`).toBe(-1);
    }
    // an output longer than the input, in the heap: cells past the input's length untouched
    const x = heap(src);
    const out = heap(new Float64Array(n + 4).fill(7));
    t3(x, 8, 0.7, out);
    expect(firstDiff(out.subarray(0, n), ref)).toBe(-1);
    expect([...out.subarray(n)]).toEqual([7, 7, 7, 7]);
  });
});
