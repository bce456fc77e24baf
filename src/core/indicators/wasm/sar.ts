/**
 * The parabolic SAR loop of sar.wat for SAR and SAREXT (overlap/sar.ts), on series in the series
 * heap (heap.ts): high, low and the output read and written where they are. Any other array, a
 * short series, or no WebAssembly: false, and the caller runs its JavaScript loop, which stays the
 * reference (same doubles, test/core/indicators/sar-wasm.test.ts and wasm-fuzz.test.ts).
 *
 * Why: at 1M bars the JavaScript loop ran 1.22-1.27x TA-Lib C; in wasm, with the new-extreme
 * update made branchless (see sar.wat), 0.81-0.89x (bench, reuse mode, --clock=cpu).
 */
import { heapOffset } from '../heap.js';
import { heapModule } from './heap-module.js';
import { WASM_BASE64 } from './sar.wasm.js';

type Kernel = (h: number, l: number, o: number, n: number, long: number, ep: number, sar: number,
  initLong: number, accLong: number, maxLong: number, initShort: number, accShort: number, maxShort: number,
  offset: number, abs: number) => void;

const module = heapModule<{ sar: Kernel }>(WASM_BASE64);
const load = (): Kernel | undefined => module()?.sar;

let enabled = true;
let runs = 0;

/** Tests turn the kernel off (the JavaScript loop on heap arrays) or back on. */
export function setSarWasm(on: boolean): void { enabled = on; }
/** How many calls the kernel took (tests check that it ran). */
export function sarWasmRuns(): number { return runs; }

/**
 * Below this many bars the JavaScript loop runs: there it is as fast. Per call, ns, JavaScript /
 * wasm, SAR on heap arrays, 64 windows of real candles in rotation, min of 9 (CPU time): 64 bars
 * 198/245, 128 372/408, 200 574/588, 256 727/730, 384 1080/1060, 512 1560/1385, 1024 5955/3195,
 * 4096 26080/17800. The JavaScript loop's time per bar doubles between 512 and 1024 bars, presumably
 * where the branch predictor stops learning the windows' new-extreme outcomes (wasm has no such branch).
 */
export const SAR_WASM_MIN_BARS = 256;

/**
 * Runs bars 1..n-1 of the loop (n = high.length) into `out` from the state the caller set up at
 * bar 1 (the position, its extreme point and SAR; accelerations capped at their maxima). Returns
 * false, having written nothing, when the caller must run its JavaScript loop.
 */
export function sarLoopWasm(
  high: Float64Array, low: Float64Array, out: Float64Array, isLong: boolean, ep: number, sar: number,
  initLong: number, accLong: number, maxLong: number, initShort: number, accShort: number, maxShort: number,
  offset: number, absolute: boolean,
): boolean {
  const n = high.length;
  if (!enabled || n < SAR_WASM_MIN_BARS || low.length < n || out.length < n) return false;
  const ph = heapOffset(high);
  if (ph < 0) return false;
  const pl = heapOffset(low);
  if (pl < 0) return false;
  const po = heapOffset(out);
  if (po < 0) return false;
  const k = load();
  if (k === undefined) return false;
  k(ph, pl, po, n, isLong ? 1 : 0, ep, sar, initLong, accLong, maxLong, initShort, accShort, maxShort, offset, absolute ? 1 : 0);
  runs++;
  return true;
}
