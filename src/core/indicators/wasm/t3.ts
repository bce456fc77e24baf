/**
 * The T3 kernel of t3.wat (overlap/t3.ts) for series in the series heap (heap.ts): input and output
 * read and written where they are. Returns true when it wrote out[6*(period-1)..n) (the caller
 * writes the NaN warm-up), false when the caller must run its JavaScript kernel: an array not in the
 * heap or too short, an output over part of the input's cells but not exactly on them, period 1, a
 * series with fewer than 8 bars after the warm-up or under T3_MIN_BARS, no WebAssembly. Same
 * doubles as the JavaScript kernel (test/core/indicators/wasm/t3.test.ts, wasm-fuzz.test.ts), which
 * stays the fallback and the reference.
 *
 * Why: at 1M bars the JavaScript kernel ran 1.09-1.11x TA-Lib C (reuse mode), bound like C by its
 * 16 scalar multiplications a bar; t3.wat runs the six EMAs two to a vector (see there): 0.76-0.83x.
 */
import { heapOffset } from '../heap.js';
import { heapModule } from './heap-module.js';
import { WASM_BASE64 } from './t3.wasm.js';

type Kernel = (x: number, o: number, n: number, period: number, k: number, k1: number,
  c1: number, c2: number, c3: number, c4: number) => void;

const module = heapModule<{ t3: Kernel }>(WASM_BASE64);
const load = (): Kernel | undefined => module()?.t3;

let enabled = true;
let runs = 0;

/** Tests turn the kernel off (the JavaScript kernel on heap arrays) or back on. */
export function setT3Wasm(on: boolean): void { enabled = on; }
/** How many calls the kernel took (tests check that it ran). */
export function t3WasmRuns(): number { return runs; }

/**
 * Below this many bars the JavaScript kernel runs: there it is as fast. Per call, ns, JavaScript /
 * wasm, period 5, heap arrays, 64 windows of real closes in rotation, min of 9 (CPU time): 64 bars
 * 245/267, 96 363/344, 128 446/412, 192 659/558, 256 866/707, 1024 3479/2600, 4096 13773/9722.
 */
export const T3_MIN_BARS = 128;

/** T3 of `src` from bar 0 into `out` (t3Into(src, 0, period, vFactor, out)), or false. */
export function t3Wasm(src: Float64Array, period: number, vFactor: number, out: Float64Array): boolean {
  const n = src.length;
  if (!enabled || n < T3_MIN_BARS || period < 2 || 6 * (period - 1) + 9 > n || out.length < n) return false;
  const px = heapOffset(src);
  if (px < 0) return false;
  const po = heapOffset(out);
  if (po < 0) return false;
  // the kernel reads bar s before it stores bar s - 5: only an output on the input's own cells
  // (or apart from them) reads what the JavaScript kernel reads
  if (po !== px && po < px + n * 8 && px < po + n * 8) return false;
  const kern = load();
  if (kern === undefined) return false;
  // the constants as t3Into computes them
  const k = 2 / (period + 1);
  const k1 = 1 - k;
  const v2 = vFactor * vFactor;
  const c1 = 0 - v2 * vFactor;
  const c2 = 3 * (v2 - c1);
  const c3 = -6 * v2 - 3 * (vFactor - c1);
  const c4 = 1 + 3 * vFactor - c1 + 3 * v2;
  kern(px, po, n, period, k, k1, c1, c2, c3, c4);
  runs++;
  return true;
}
