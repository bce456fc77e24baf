/**
 * The windowed-extremes kernels of extremes.wat for MAX, MIN, MIDPRICE, MIDPOINT, WILLR, MINMAX,
 * MINMAXINDEX, AROON and AROONOSC. The module runs on the series heap's memory (heap.ts): an input
 * or output that is a series-heap array is read or written where it is; any other array is copied
 * into a heap block this module keeps (`work`, grown to the largest call and kept) and the outputs
 * copied back, from the warm-up on (the cells the JavaScript kernels write).
 *
 * Each function answers false when it did not write the outputs: no WebAssembly, a series shorter
 * than its threshold or longer than 2^24 bars, a period below 2 or not an integer, an output that
 * shares memory with an input or is shorter than the series, or inputs where the SIMD kernel's
 * result could differ from TA-Lib's order of compares (a NaN; for the values a zero too, see
 * extremes.wat). The caller then runs its JavaScript kernel, which stays the reference.
 */
import { heapMemory, heapOffset, seriesHeap } from '../heap.js';
import { WASM_BASE64 } from './extremes.wasm.js';
import { heapModule } from './heap-module.js';

type Vext = (src: number, dst: number, n: number, p: number, buf: number, bsz: number, neg: bigint, mode: number, aux: number) => number;
type Xidx = (src: number, dst: number, n: number, p: number, buf: number, ibuf: number, bsz: number, neg: bigint,
  last: number, ev: number, mode: number, fp: number, factor: number) => number;
type Fix = (src: number, dst: number, n: number, p: number, sign: number, ev: number, nev: number) => void;

/**
 * Below this many bars the JavaScript kernels run: there the glue (copies into and out of the
 * shared heap memory, which cost more per call than into a private memory, and the placement) costs
 * about what the kernel spares. Measured per call on real candles, ordinary arrays, 64 windows in
 * rotation (the request benchmark's shape; us, JS / wasm, load ~5): at 128 bars MIDPRICE 1.3/1.5,
 * MINMAX 1.3/1.6, MAX 0.6/0.7; at 200 MIDPRICE 2.2/1.8, AROON 2.4/2.2, MAX 0.7/0.7; at 300 MIDPRICE
 * 7.3/3.9, MINMAX 3.7/2.7, MAX 3.0/2.3.
 */
export const EXTREMES_WASM_MIN_BARS = 256;
/** MINMAXINDEX's threshold: its index kernel does more per bar (JS / wasm us: 2.5/2.9 at 200 bars, 4.6/4.4 at 300, 6.3/5.5 at 400). */
export const INDEX_WASM_MIN_BARS = 512;
/** Window starts per block: the scratch (2 x (BLOCK + period) doubles) stays in L1/L2. */
const BLOCK = 2048;
/** Up to 2^24 bars; longer series run in JavaScript. */
const MAX_BARS = 1 << 24;
const PAD = 2; // doubles after a copied input: the kernels read one past its end
const SIGN = -0x8000000000000000n;

interface Kernels { vext: Vext; xidx: Xidx; fix: Fix }
/**
 * The module runs on the series heap's memory (heap.ts): a series already there is read and
 * written where it is; any other array is copied into `work`, a heap block this module keeps.
 * Instantiated on first use (which creates the heap's memory).
 */
const load = heapModule<Kernels>(WASM_BASE64);

let enabled = true;
/** Tests turn the wasm kernels off to run (and compare with) the JavaScript ones. */
export function setExtremesWasm(on: boolean): void { enabled = on; }
export function extremesWasmActive(): boolean { return enabled && load() !== undefined; }

let inPlace = 0;
/** How many arrays the kernels have read or written in the series heap without a copy (tests). */
export function extremesInPlace(): number { return inPlace; }

let work: Float64Array | undefined;
/** Bytes of the heap block this module keeps between calls (tests). */
export function extremesWorkBytes(): number { return work === undefined ? 0 : work.byteLength; }
let workAt = 0; // byte offset of `work` in the heap

/*
 * A call's places in the heap, set by place(): byte offsets of its inputs (`ins`) and outputs
 * (`outs`), in place when the array is in the heap, else a copy in `work`; its scratch; and the
 * outputs to copy back. Module state and fixed-arity helpers, no closure or array per call: at
 * a few hundred bars the glue is a good part of a call.
 */
const ins = [0, 0, 0];
const outs = [0, 0];
const copyBack: (Float64Array | undefined)[] = [undefined, undefined];
const copyBackAt = [0, 0];
let scratchBuf = 0;
let scratchIbuf = 0;
let scratchEv = 0;
let placedN = 0;
let heapEnd = 0;
let slot = 0; // doubles of `work` handed out to copies so far

/** The heap offset at which the kernels may use `a` in place, or -1. */
function inPlaceAt(a: Float64Array, n: number): number {
  const h = heapOffset(a);
  // the kernels read one double past the end: it must stay inside the memory
  if (h < 0 || h + 8 * n + 16 > heapEnd) return -1;
  inPlace++;
  return h;
}

function copyIn(x: Float64Array, n: number, stride: number): number {
  work!.set(n === x.length ? x : x.subarray(0, n), slot);
  work!.fill(1, slot + n, slot + n + PAD);
  const at = workAt + 8 * slot;
  slot += stride;
  return at;
}

/**
 * Places inputs x0..x(nin-1) and outputs o0, o1 (o1 may be undefined): false (the caller runs its JS
 * kernel) when an output is short or shares memory with an input, or no heap block could be had.
 */
function place(n: number, period: number, nin: number, x0: Float64Array, x1: Float64Array | undefined, x2: Float64Array | undefined,
  o0: Float64Array, o1: Float64Array | undefined): boolean {
  for (let k = 0; k < 2; k++) {
    const o = k === 0 ? o0 : o1;
    if (o === undefined) break;
    if (o.length < n || overlap(o, x0, n) || (x1 !== undefined && overlap(o, x1, n)) || (x2 !== undefined && overlap(o, x2, n))) return false;
  }
  heapEnd = heapMemory()!.buffer.byteLength;
  let copies = 0;
  ins[0] = inPlaceAt(x0, n); if (ins[0] < 0) copies++;
  if (nin > 1) { ins[1] = inPlaceAt(x1!, n); if (ins[1] < 0) copies++; }
  if (nin > 2) { ins[2] = inPlaceAt(x2!, n); if (ins[2] < 0) copies++; }
  outs[0] = inPlaceAt(o0, n); if (outs[0] < 0) copies++;
  if (o1 !== undefined) { outs[1] = inPlaceAt(o1, n); if (outs[1] < 0) copies++; }
  const stride = (n + PAD + 1) & ~1;
  const scratch = ((BLOCK + period + 4 + 1) & ~1) + 8; // 8 before each block: span8's first stores
  const need = copies * stride + 8 + 2 * scratch + (n >> 2) + 4;
  if (work === undefined || work.length < need) {
    if (work !== undefined) seriesHeap.free(work);
    work = seriesHeap.alloc(need > 1 << 16 ? need : 1 << 16);
    workAt = heapOffset(work);
    if (workAt < 0) { work = undefined; return false; }
  }
  slot = 0;
  placedN = n;
  if (ins[0] < 0) ins[0] = copyIn(x0, n, stride);
  if (nin > 1 && ins[1]! < 0) ins[1] = copyIn(x1!, n, stride);
  if (nin > 2 && ins[2]! < 0) ins[2] = copyIn(x2!, n, stride);
  copyBack[0] = copyBack[1] = undefined;
  if (outs[0] < 0) { copyBack[0] = o0; copyBackAt[0] = slot; outs[0] = workAt + 8 * slot; slot += stride; }
  if (o1 !== undefined && outs[1]! < 0) { copyBack[1] = o1; copyBackAt[1] = slot; outs[1] = workAt + 8 * slot; slot += stride; }
  scratchBuf = workAt + 8 * (slot + 8);
  scratchIbuf = scratchBuf + 8 * scratch;
  scratchEv = scratchIbuf + 8 * (scratch - 8);
  return true;
}

/** `work` up to this many doubles (1 MiB) stays between calls; a larger one goes back to the heap. */
const KEEP = 1 << 17;

/**
 * After a placed call: copies the outputs that were not in the heap back, from bar `from` on, when
 * the kernels ran to the end (`ok`), and gives a large `work` back to the heap (its series may need
 * the room). Returns ok.
 */
function done(ok: boolean, from: number): boolean {
  const n = placedN;
  if (ok && copyBack[0] !== undefined) copyBack[0].set(work!.subarray(copyBackAt[0]! + from, copyBackAt[0]! + n), from);
  if (ok && copyBack[1] !== undefined) copyBack[1].set(work!.subarray(copyBackAt[1]! + from, copyBackAt[1]! + n), from);
  copyBack[0] = copyBack[1] = undefined; // no reference kept to a caller's array
  if (work !== undefined && work.length > KEEP) { seriesHeap.free(work); work = undefined; }
  return ok;
}

/**
 * Whether the first n cells of two arrays share memory. Two heap views of the same cells can hold
 * different buffer objects (one made before a grow, one after), so heap views compare heap offsets.
 */
function overlap(a: Float64Array, b: Float64Array, n: number): boolean {
  const ha = heapOffset(a);
  if (ha >= 0) {
    const hb = heapOffset(b);
    return hb >= 0 && ha < hb + 8 * n && hb < ha + 8 * n;
  }
  if (a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + 8 * n && b.byteOffset < a.byteOffset + 8 * n;
}

function usable(n: number, period: number, minBars = EXTREMES_WASM_MIN_BARS): boolean {
  // a fractional period (the JS kernels truncate it) is left to them
  return enabled && n >= minBars && n <= MAX_BARS && period >= 2 && n >= period && (period | 0) === period && load() !== undefined;
}

/** (window high of `hi` + window low of `lo`) / 2 from period - 1 on: MIDPRICE, MIDPOINT (lo === hi). */
export function midWasm(hi: Float64Array, lo: Float64Array, period: number, out: Float64Array): boolean {
  const n = hi.length;
  if (!usable(n, period) || lo.length !== n) return false;
  const same = lo === hi;
  if (!place(n, period, same ? 1 : 2, hi, same ? undefined : lo, undefined, out, undefined)) return false;
  const { vext } = load()!;
  if (vext(ins[0]!, outs[0]!, n, period, scratchBuf, BLOCK, 0n, 0, 0) === 0) return done(false, 0);
  if (vext(ins[same ? 0 : 1]!, outs[0]!, n, period, scratchBuf, BLOCK, SIGN, 1, 0) === 0) return done(false, 0);
  return done(true, period - 1);
}

/** Williams %R from period - 1 on, as momentum/willr.ts. */
export function willrWasm(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out: Float64Array): boolean {
  const n = high.length;
  if (!usable(n, period) || low.length !== n || close.length < n) return false;
  if (!place(n, period, 3, high, low, close, out, undefined)) return false;
  const { vext } = load()!;
  if (vext(ins[0]!, outs[0]!, n, period, scratchBuf, BLOCK, 0n, 0, 0) === 0) return done(false, 0);
  if (vext(ins[1]!, outs[0]!, n, period, scratchBuf, BLOCK, SIGN, 2, ins[2]!) === 0) return done(false, 0);
  return done(true, period - 1);
}

/** Window high (or low with `low`) from period - 1 on: MAX, MIN. */
export function extremeWasm(x: Float64Array, period: number, low: boolean, out: Float64Array): boolean {
  const n = x.length;
  if (!usable(n, period)) return false;
  if (!place(n, period, 1, x, undefined, undefined, out, undefined)) return false;
  if (load()!.vext(ins[0]!, outs[0]!, n, period, scratchBuf, BLOCK, low ? SIGN : 0n, 0, 0) === 0) return done(false, 0);
  return done(true, period - 1);
}

/** Window low into `outMin` and high into `outMax` from period - 1 on: MINMAX. */
export function minMaxWasm(x: Float64Array, period: number, outMin: Float64Array, outMax: Float64Array): boolean {
  const n = x.length;
  if (!usable(n, period) || outMin === outMax) return false;
  if (!place(n, period, 1, x, undefined, undefined, outMin, outMax)) return false;
  const { vext } = load()!;
  if (vext(ins[0]!, outs[0]!, n, period, scratchBuf, BLOCK, SIGN, 0, 0) === 0) return done(false, 0);
  vext(ins[0]!, outs[1]!, n, period, scratchBuf, BLOCK, 0n, 0, 0);
  return done(true, period - 1);
}

/** The bar index TA-Lib's MIN/MAX tracker holds (first bar on a rescan, a later equal bar taking over). */
function trackerIndex(n: number, period: number, out: number, min: boolean): boolean {
  const { xidx, fix } = load()!;
  const nev = xidx(ins[0]!, out, n, period, scratchBuf, scratchIbuf, BLOCK, min ? SIGN : 0n, 0, scratchEv, 0, 0, 0);
  if (nev < 0) return false;
  if (nev > 0) fix(ins[0]!, out, n, period, min ? -1 : 1, scratchEv, nev);
  return true;
}

/** Bar index of the window high (or low with `low`) from period - 1 on: MAXINDEX, MININDEX. */
export function extremeIndexWasm(x: Float64Array, period: number, low: boolean, out: Float64Array): boolean {
  const n = x.length;
  if (!usable(n, period, INDEX_WASM_MIN_BARS)) return false;
  if (!place(n, period, 1, x, undefined, undefined, out, undefined)) return false;
  if (!trackerIndex(n, period, outs[0]!, low)) return done(false, 0);
  return done(true, period - 1);
}

/** Bar indices of the window low into `outMin` and high into `outMax` from period - 1 on: MINMAXINDEX. */
export function minMaxIndexWasm(x: Float64Array, period: number, outMin: Float64Array, outMax: Float64Array): boolean {
  const n = x.length;
  if (!usable(n, period, INDEX_WASM_MIN_BARS) || outMin === outMax) return false;
  if (!place(n, period, 1, x, undefined, undefined, outMin, outMax)) return false;
  if (!trackerIndex(n, period, outs[0]!, true)) return done(false, 0);
  trackerIndex(n, period, outs[1]!, false);
  return done(true, period - 1);
}

/** Aroon down and up from `period` on (windows of period + 1 bars, the last bar of a tie). */
export function aroonWasm(high: Float64Array, low: Float64Array, period: number, down: Float64Array, up: Float64Array): boolean {
  const n = high.length;
  if (!usable(n, period + 1) || low.length !== n || down === up) return false;
  if (!place(n, period + 1, 2, low, high, undefined, down, up)) return false;
  const { xidx } = load()!;
  const factor = 100.0 / period;
  if (xidx(ins[0]!, outs[0]!, n, period + 1, scratchBuf, scratchIbuf, BLOCK, SIGN, 1, scratchEv, 1, period, factor) < 0) return done(false, 0);
  if (xidx(ins[1]!, outs[1]!, n, period + 1, scratchBuf, scratchIbuf, BLOCK, 0n, 1, scratchEv, 1, period, factor) < 0) return done(false, 0);
  return done(true, period);
}

/** AROONOSC from `period` on: factor * (high's last bar - low's last bar). */
export function aroonOscWasm(high: Float64Array, low: Float64Array, period: number, out: Float64Array): boolean {
  const n = high.length;
  if (!usable(n, period + 1) || low.length !== n) return false;
  if (!place(n, period + 1, 2, high, low, undefined, out, undefined)) return false;
  const { xidx } = load()!;
  const factor = 100.0 / period;
  if (xidx(ins[0]!, outs[0]!, n, period + 1, scratchBuf, scratchIbuf, BLOCK, 0n, 1, scratchEv, 0, 0, 0) < 0) return done(false, 0);
  if (xidx(ins[1]!, outs[0]!, n, period + 1, scratchBuf, scratchIbuf, BLOCK, SIGN, 1, scratchEv, 2, 0, factor) < 0) return done(false, 0);
  return done(true, period);
}
