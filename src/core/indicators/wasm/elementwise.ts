/**
 * Entries to the f64x2 element-wise kernels (elementwise.wat) for series in the series heap
 * (heap.ts). Each returns true when it computed the output, false when the caller must run its
 * JavaScript kernel: some array not in the heap, lengths that differ, an output overlapping an
 * input other than as the very same cells (allowed only where every bar reads its own inputs
 * alone: ADD, SUB, MULT, DIV, the price transforms, BOP, AD), a short series, no WebAssembly.
 * The kernels give the JavaScript kernels' values bit for bit (test/core/indicators/heap-kernels.test.ts),
 * which stay the fallback and the reference.
 *
 * Why: at 1M bars the JavaScript loops of these functions ran 1.3-2.3x TA-Lib C however written
 * (V8 re-checks every typed-array access and has no SIMD); in wasm they read the heap directly.
 */
import { nanPrefix } from '../arena.js';
import { heapOffset } from '../heap.js';
import { apart, heapModule } from './heap-module.js';
import { WASM_BASE64 } from './elementwise.wasm.js';

type Binary = (a: number, b: number, o: number, n: number) => void;
type Ternary = (a: number, b: number, c: number, o: number, n: number) => void;
type Quaternary = (a: number, b: number, c: number, d: number, o: number, n: number) => void;

interface Kernels {
  add: Binary; sub: Binary; mul: Binary; div: Binary;
  roc: Binary; rocp: Binary; rocr: Binary; rocr100: Binary;
  medprice: Binary; typprice: Ternary; wclprice: Ternary; avgprice: Quaternary; bop: Quaternary;
  trange: Ternary; ad: Quaternary;
  adosc(h: number, l: number, c: number, v: number, o: number, n: number, fk: number, fk1: number, sk: number, sk1: number): void;
}

export type BinaryOp = 'add' | 'sub' | 'mul' | 'div';
export type RocKind = 'roc' | 'rocp' | 'rocr' | 'rocr100';

const load = heapModule<Kernels>(WASM_BASE64);

let enabled = true;
let runs = 0;

/** How many calls the wasm kernels took (tests check that a path ran). */
export function heapKernelRuns(): number {
  return runs;
}

/** Turns the wasm kernels off (tests: the JavaScript kernels on heap arrays) or back on. */
export function setHeapKernels(on: boolean): void {
  enabled = on;
}

/**
 * Below this many bars the JavaScript loop is about as fast as the call into wasm and the checks
 * in front of it: a call costs ~100-250 ns here (the JS-to-wasm transition ~35 ns, each
 * heapOffset ~14 ns as `view.buffer` is a builtin call in Node 20). Per call, ns, wasm / JS, heap
 * arrays in cache: ADD 175/79 at 64 bars, 237/223 at 256, 525/975 at 1024; WCLPRICE 170/353 at
 * 256; MOM 213/283; TRANGE 242/391; AD 420/609; ADOSC 792/837; BOP 444/356 (693/700 at 512).
 */
export const MIN_BARS = 256;

/** An input the output may be: the very same cells, or none of them. */
function sameOrApart(o: number, x: number, bytes: number): boolean {
  return o === x || apart(o, x, bytes);
}

/** The heap offset of `x` if it has `n` cells and lies in the heap, else -1. */
function at(x: Float64Array, n: number): number {
  return x.length === n ? heapOffset(x) : -1;
}

/** ADD, SUB, MULT, DIV. */
export function heapBinary(op: BinaryOp, a: Float64Array, b: Float64Array, out: Float64Array): boolean {
  const n = out.length;
  if (!enabled || n < MIN_BARS) return false;
  const po = heapOffset(out);
  if (po < 0) return false;
  const pa = at(a, n), pb = at(b, n);
  if (pa < 0 || pb < 0 || !sameOrApart(po, pa, n * 8) || !sameOrApart(po, pb, n * 8)) return false;
  const k = load();
  if (k === undefined) return false;
  k[op](pa, pb, po, n);
  runs++;
  return true;
}

/**
 * MOM (`sub` on the series against itself `period` bars back) and the ROC family; the output
 * must not overlap the input (the JavaScript kernels write the NaN warm-up first and read bars
 * back, so an aliased output changes what they read).
 */
function lagged(op: 'sub' | RocKind, real: Float64Array, timePeriod: number, out: Float64Array): boolean {
  const n = out.length;
  if (!enabled || n < MIN_BARS) return false;
  const period = timePeriod | 0;
  const po = heapOffset(out);
  if (po < 0) return false;
  const pr = at(real, n);
  if (pr < 0 || !apart(po, pr, n * 8) || period < 0) return false;
  const k = load();
  if (k === undefined) return false;
  nanPrefix(out, period);
  if (n > period) k[op](pr + period * 8, pr, po + period * 8, n - period);
  runs++;
  return true;
}

export function heapMom(real: Float64Array, timePeriod: number, out: Float64Array): boolean {
  return lagged('sub', real, timePeriod, out);
}

export function heapRoc(kind: RocKind, real: Float64Array, timePeriod: number, out: Float64Array): boolean {
  return lagged(kind, real, timePeriod, out);
}

export function heapMedprice(high: Float64Array, low: Float64Array, out: Float64Array): boolean {
  const n = out.length;
  if (!enabled || n < MIN_BARS) return false;
  const po = heapOffset(out);
  if (po < 0) return false;
  const ph = at(high, n), pl = at(low, n);
  if (ph < 0 || pl < 0 || !sameOrApart(po, ph, n * 8) || !sameOrApart(po, pl, n * 8)) return false;
  const k = load();
  if (k === undefined) return false;
  k.medprice(ph, pl, po, n);
  runs++;
  return true;
}

function hlc(op: 'typprice' | 'wclprice' | 'trange', high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): boolean {
  const n = out.length;
  if (!enabled || n < MIN_BARS) return false;
  const po = heapOffset(out);
  if (po < 0) return false;
  const ph = at(high, n), pl = at(low, n), pc = at(close, n);
  if (ph < 0 || pl < 0 || pc < 0) return false;
  const bytes = n * 8;
  const ok = op === 'trange'
    ? apart(po, ph, bytes) && apart(po, pl, bytes) && apart(po, pc, bytes)
    : sameOrApart(po, ph, bytes) && sameOrApart(po, pl, bytes) && sameOrApart(po, pc, bytes);
  if (!ok) return false;
  const k = load();
  if (k === undefined) return false;
  if (op === 'trange') {
    nanPrefix(out, 1);
    k.trange(ph + 8, pl + 8, pc, po + 8, n - 1);
  } else {
    k[op](ph, pl, pc, po, n);
  }
  runs++;
  return true;
}

export function heapTypprice(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): boolean {
  return hlc('typprice', high, low, close, out);
}

export function heapWclprice(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): boolean {
  return hlc('wclprice', high, low, close, out);
}

/** TRANGE: the output apart from the inputs (the JavaScript kernel reads the previous close back). */
export function heapTrange(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): boolean {
  return hlc('trange', high, low, close, out);
}

/** The offsets of four inputs and the output (`off`), each input the output's own cells or apart from them. */
const off = [0, 0, 0, 0, 0];
function four(a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array, out: Float64Array): Kernels | undefined {
  const n = out.length;
  if (!enabled || n < MIN_BARS) return undefined;
  const po = heapOffset(out);
  if (po < 0) return undefined;
  const pa = at(a, n), pb = at(b, n), pc = at(c, n), pd = at(d, n);
  if (pa < 0 || pb < 0 || pc < 0 || pd < 0) return undefined;
  const bytes = n * 8;
  if (!sameOrApart(po, pa, bytes) || !sameOrApart(po, pb, bytes) || !sameOrApart(po, pc, bytes) || !sameOrApart(po, pd, bytes)) return undefined;
  off[0] = pa; off[1] = pb; off[2] = pc; off[3] = pd; off[4] = po;
  return load();
}

export function heapAvgprice(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): boolean {
  const k = four(open, high, low, close, out);
  if (k === undefined) return false;
  k.avgprice(off[0]!, off[1]!, off[2]!, off[3]!, off[4]!, out.length);
  runs++;
  return true;
}

export function heapBop(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): boolean {
  const k = four(open, high, low, close, out);
  if (k === undefined) return false;
  k.bop(off[0]!, off[1]!, off[2]!, off[3]!, off[4]!, out.length);
  runs++;
  return true;
}

export function heapAd(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, out: Float64Array): boolean {
  const k = four(high, low, close, volume, out);
  if (k === undefined) return false;
  k.ad(off[0]!, off[1]!, off[2]!, off[3]!, off[4]!, out.length);
  runs++;
  return true;
}

/**
 * ADOSC: the output apart from the inputs (the JavaScript kernel writes the NaN warm-up before
 * it reads them); series no longer than the warm-up stay with it.
 */
export function heapAdosc(
  high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, fastPeriod: number, slowPeriod: number, out: Float64Array,
): boolean {
  const n = out.length;
  const lookback = Math.max(fastPeriod, slowPeriod) - 1;
  if (!enabled || n < MIN_BARS || lookback < 1 || lookback >= n) return false;
  const po = heapOffset(out);
  if (po < 0) return false;
  const ph = at(high, n), pl = at(low, n), pc = at(close, n), pv = at(volume, n);
  if (ph < 0 || pl < 0 || pc < 0 || pv < 0) return false;
  const bytes = n * 8;
  if (!apart(po, ph, bytes) || !apart(po, pl, bytes) || !apart(po, pc, bytes) || !apart(po, pv, bytes)) return false;
  const k = load();
  if (k === undefined) return false;
  const fk = 2 / (fastPeriod + 1);
  const sk = 2 / (slowPeriod + 1);
  k.adosc(ph, pl, pc, pv, po, n, fk, 1 - fk, sk, 1 - sk);
  nanPrefix(out, lookback);
  runs++;
  return true;
}
