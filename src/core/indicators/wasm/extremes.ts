/**
 * The windowed-extremes kernels of extremes.wat for MIDPRICE, MIDPOINT, WILLR, MINMAX, MINMAXINDEX,
 * AROON and AROONOSC: the inputs are copied into the module's own memory, the kernel runs there and
 * the outputs are copied out (from the warm-up on, the cells the JavaScript kernels write).
 *
 * Each function answers false when it did not write the outputs: no WebAssembly, a series shorter
 * than EXTREMES_WASM_MIN_BARS or longer than the memory allows, a period below 2, or inputs where the
 * SIMD kernel's result could differ from TA-Lib's order of compares (a NaN; for the values a zero
 * too, see extremes.wat). The caller then runs its JavaScript kernel, which stays the reference.
 */
import { WASM_BASE64 } from './extremes.wasm.js';
import { instantiate, newMemory, type WasmMemory } from './load.js';

type Vext = (src: number, dst: number, n: number, p: number, buf: number, bsz: number, neg: bigint, mode: number, aux: number) => number;
type Xidx = (src: number, dst: number, n: number, p: number, buf: number, ibuf: number, bsz: number, neg: bigint,
  last: number, ev: number, mode: number, fp: number, factor: number) => number;
type Fix = (src: number, dst: number, n: number, p: number, sign: number, ev: number, nev: number) => void;

/**
 * Below this many bars the JavaScript kernels run: there the copies and the calls cost about what
 * the branches they spare do. Measured per call on real candles, 64 windows in rotation (the
 * request benchmark's shape; us, JS / wasm): MIDPRICE 0.5/0.4 at 64 bars, 0.7/0.5 at 100,
 * 1.8/0.8 at 200; AROON 0.6/0.6 at 64, 2.2/1.4 at 200; WILLR 0.7/0.4 at 64.
 */
export const EXTREMES_WASM_MIN_BARS = 128;
/**
 * MINMAXINDEX's threshold: its index kernel does more per bar (JS / wasm us: 2.0/1.6 at 200 bars
 * but 0.7/0.9 at 100, 2.2/2.1 at 300, 3.5/3.2 at 500).
 */
export const INDEX_WASM_MIN_BARS = 512;
/** Window starts per block: the scratch (2 x (BLOCK + period) doubles) stays in L1/L2. */
const BLOCK = 2048;
/** Up to 2^24 bars (~700 MiB of wasm memory for the widest call); longer series run in JavaScript. */
const MAX_BARS = 1 << 24;
const PAD = 4; // doubles after each array: the kernels read 2 past an input and write 1 past an output
const SIGN = -0x8000000000000000n;

const mem: WasmMemory | undefined = newMemory(1);
const exp = mem === undefined ? undefined : instantiate(WASM_BASE64, { env: { mem } });
const vext = exp?.['vext'] as Vext | undefined;
const xidx = exp?.['xidx'] as Xidx | undefined;
const fix = exp?.['fix'] as Fix | undefined;

let enabled = true;
/** Tests turn the wasm kernels off to run (and compare with) the JavaScript ones. */
export function setExtremesWasm(on: boolean): void { enabled = on; }
export function extremesWasmActive(): boolean { return enabled && vext !== undefined; }

let heap: Float64Array<ArrayBuffer | SharedArrayBuffer> = new Float64Array(0);

/**
 * Room for `arrays` arrays of n doubles plus two scratch blocks and the event list; returns the
 * double offset of array k as k * stride. Grows the memory (views are re-made: growth detaches).
 */
function layout(n: number, period: number, arrays: number): { stride: number; buf: number; ibuf: number; ev: number } | undefined {
  if (mem === undefined || n > MAX_BARS) return undefined;
  const stride = (n + PAD + 1) & ~1; // even: 16-byte aligned arrays
  // each scratch block has 8 doubles before it: span8's first iterations store there
  const scratch = ((BLOCK + period + PAD + 1) & ~1) + 8;
  const buf = arrays * stride + 8;
  const ibuf = buf + scratch;
  const ev = ibuf + scratch - 8;
  const bytes = (ev + (n >> 2) + 4) * 8; // the event list: n / 2 + 2 int32
  const have = mem.buffer.byteLength;
  if (bytes > have) {
    try { mem.grow(Math.ceil((bytes - have) / 65536)); } catch { return undefined; }
  }
  if (heap.buffer !== mem.buffer) heap = new Float64Array(mem.buffer);
  return { stride, buf, ibuf, ev };
}

function copyIn(x: Float64Array, at: number): void {
  heap.set(x, at);
  heap.fill(1, at + x.length, at + x.length + PAD); // read past the end by level 1 and its check
}

function usable(n: number, period: number, minBars = EXTREMES_WASM_MIN_BARS): boolean {
  // a fractional period (the JS kernels truncate it) is left to them
  return enabled && vext !== undefined && n >= minBars && period >= 2 && n >= period && (period | 0) === period;
}

/** (window high of `hi` + window low of `lo`) / 2 from period - 1 on: MIDPRICE, MIDPOINT (lo === hi). */
export function midWasm(hi: Float64Array, lo: Float64Array, period: number, out: Float64Array): boolean {
  const n = hi.length;
  if (!usable(n, period) || lo.length !== n) return false;
  const same = lo === hi;
  const l = layout(n, period, same ? 2 : 3);
  if (l === undefined) return false;
  const { stride, buf } = l;
  const o = (same ? 1 : 2) * stride;
  copyIn(hi, 0);
  if (!same) copyIn(lo, stride);
  if (vext!(0, o * 8, n, period, buf * 8, BLOCK, 0n, 0, 0) === 0) return false;
  if (vext!((same ? 0 : stride) * 8, o * 8, n, period, buf * 8, BLOCK, SIGN, 1, 0) === 0) return false;
  out.set(heap.subarray(o + period - 1, o + n), period - 1);
  return true;
}

/** Williams %R from period - 1 on, as momentum/willr.ts. */
export function willrWasm(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out: Float64Array): boolean {
  const n = high.length;
  if (!usable(n, period) || low.length !== n || close.length < n) return false;
  const l = layout(n, period, 4);
  if (l === undefined) return false;
  const { stride, buf } = l;
  copyIn(high, 0);
  copyIn(low, stride);
  heap.set(close.subarray(0, n), 2 * stride);
  const o = 3 * stride;
  if (vext!(0, o * 8, n, period, buf * 8, BLOCK, 0n, 0, 0) === 0) return false;
  if (vext!(stride * 8, o * 8, n, period, buf * 8, BLOCK, SIGN, 2, 2 * stride * 8) === 0) return false;
  out.set(heap.subarray(o + period - 1, o + n), period - 1);
  return true;
}

/** Window high (or low with `low`) from period - 1 on: MAX, MIN. */
export function extremeWasm(x: Float64Array, period: number, low: boolean, out: Float64Array): boolean {
  const n = x.length;
  if (!usable(n, period)) return false;
  const l = layout(n, period, 2);
  if (l === undefined) return false;
  const { stride, buf } = l;
  copyIn(x, 0);
  if (vext!(0, stride * 8, n, period, buf * 8, BLOCK, low ? SIGN : 0n, 0, 0) === 0) return false;
  out.set(heap.subarray(stride + period - 1, stride + n), period - 1);
  return true;
}

/** Window low into `outMin` and high into `outMax` from period - 1 on: MINMAX. */
export function minMaxWasm(x: Float64Array, period: number, outMin: Float64Array, outMax: Float64Array): boolean {
  const n = x.length;
  if (!usable(n, period)) return false;
  const l = layout(n, period, 3);
  if (l === undefined) return false;
  const { stride, buf } = l;
  copyIn(x, 0);
  if (vext!(0, stride * 8, n, period, buf * 8, BLOCK, SIGN, 0, 0) === 0) return false;
  vext!(0, 2 * stride * 8, n, period, buf * 8, BLOCK, 0n, 0, 0);
  outMin.set(heap.subarray(stride + period - 1, stride + n), period - 1);
  outMax.set(heap.subarray(2 * stride + period - 1, 2 * stride + n), period - 1);
  return true;
}

/** The bar index TA-Lib's MIN/MAX tracker holds (first bar on a rescan, a later equal bar taking over). */
function trackerIndex(n: number, period: number, l: { stride: number; buf: number; ibuf: number; ev: number }, o: number, min: boolean): boolean {
  const nev = xidx!(0, o * 8, n, period, l.buf * 8, l.ibuf * 8, BLOCK, min ? SIGN : 0n, 0, l.ev * 8, 0, 0, 0);
  if (nev < 0) return false;
  if (nev > 0) fix!(0, o * 8, n, period, min ? -1 : 1, l.ev * 8, nev);
  return true;
}

/** Bar indices of the window low into `outMin` and high into `outMax` from period - 1 on: MINMAXINDEX. */
export function minMaxIndexWasm(x: Float64Array, period: number, outMin: Float64Array, outMax: Float64Array): boolean {
  const n = x.length;
  if (!usable(n, period, INDEX_WASM_MIN_BARS)) return false;
  const l = layout(n, period, 3);
  if (l === undefined) return false;
  const { stride } = l;
  copyIn(x, 0);
  if (!trackerIndex(n, period, l, stride, true)) return false;
  trackerIndex(n, period, l, 2 * stride, false);
  outMin.set(heap.subarray(stride + period - 1, stride + n), period - 1);
  outMax.set(heap.subarray(2 * stride + period - 1, 2 * stride + n), period - 1);
  return true;
}

/** Aroon down and up from `period` on (windows of period + 1 bars, the last bar of a tie). */
export function aroonWasm(high: Float64Array, low: Float64Array, period: number, down: Float64Array, up: Float64Array): boolean {
  const n = high.length;
  if (!usable(n, period + 1) || low.length !== n) return false;
  const l = layout(n, period + 1, 4);
  if (l === undefined) return false;
  const { stride, buf, ibuf, ev } = l;
  const factor = 100.0 / period;
  copyIn(low, 0);
  copyIn(high, stride);
  if (xidx!(0, 2 * stride * 8, n, period + 1, buf * 8, ibuf * 8, BLOCK, SIGN, 1, ev * 8, 1, period, factor) < 0) return false;
  if (xidx!(stride * 8, 3 * stride * 8, n, period + 1, buf * 8, ibuf * 8, BLOCK, 0n, 1, ev * 8, 1, period, factor) < 0) return false;
  down.set(heap.subarray(2 * stride + period, 2 * stride + n), period);
  up.set(heap.subarray(3 * stride + period, 3 * stride + n), period);
  return true;
}

/** AROONOSC from `period` on: factor * (high's last bar - low's last bar). */
export function aroonOscWasm(high: Float64Array, low: Float64Array, period: number, out: Float64Array): boolean {
  const n = high.length;
  if (!usable(n, period + 1) || low.length !== n) return false;
  const l = layout(n, period + 1, 3);
  if (l === undefined) return false;
  const { stride, buf, ibuf, ev } = l;
  const factor = 100.0 / period;
  copyIn(high, 0);
  copyIn(low, stride);
  const o = 2 * stride;
  if (xidx!(0, o * 8, n, period + 1, buf * 8, ibuf * 8, BLOCK, 0n, 1, ev * 8, 0, 0, 0) < 0) return false;
  if (xidx!(stride * 8, o * 8, n, period + 1, buf * 8, ibuf * 8, BLOCK, SIGN, 1, ev * 8, 2, 0, factor) < 0) return false;
  out.set(heap.subarray(o + period, o + n), period);
  return true;
}
