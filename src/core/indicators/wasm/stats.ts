/**
 * Entries to the running-sum kernels of stats.wat (BETA, ...) for series in the series heap
 * (heap.ts). Each returns true when it wrote the output cells its JavaScript kernel writes (from
 * the warm-up on; the caller has written the NaN prefix), false when the caller must run its
 * JavaScript kernel: an array not in the heap or too short, an output sharing a byte with an input
 * or with the other output (the kernels read inputs again behind the bar they write), a short
 * series, a parameter the kernel does not take, no WebAssembly. The kernels give the JavaScript
 * kernels' values bit for bit (wasm-fuzz.test.ts), which stay the fallback and the reference.
 *
 * Why: on series-heap arrays at 1M bars these JavaScript loops ran 1.1-1.3x TA-Lib C (V8 checks
 * every typed-array access and keeps few of the loop's doubles in registers).
 */
import { heapMemory, heapOffset } from '../heap.js';
import { instantiate } from './load.js';
import { WASM_BASE64 } from './stats.wasm.js';

interface Kernels {
  beta(x: number, y: number, o: number, n: number, period: number): void;
}

let kernels: Kernels | undefined;
let loaded = false;

/** Instantiated on first use: only a series already in the heap gets here, so its memory exists. */
function load(): Kernels | undefined {
  if (!loaded) {
    loaded = true;
    const mem = heapMemory();
    if (mem !== undefined) kernels = instantiate(WASM_BASE64, { env: { mem } }) as Kernels | undefined;
  }
  return kernels;
}

let enabled = true;
let runs = 0;

/** How many calls the kernels took (tests check that a path ran). */
export function statsWasmRuns(): number { return runs; }

/** Turns the kernels off (tests: the JavaScript kernels on heap arrays) or back on. */
export function setStatsWasm(on: boolean): void { enabled = on; }

/** Below this many bars the JavaScript loops run: the checks and the call cost about what the kernel spares (as elementwise.ts's MIN_BARS). */
export const STATS_MIN_BARS = 256;

/** Two byte ranges of `bytes` that share no byte. */
function apart(a: number, b: number, bytes: number): boolean {
  return a + bytes <= b || b + bytes <= a;
}

/** The heap offset of `x` when it lies in the heap with at least n cells, else -1. */
function at(x: Float64Array, n: number): number {
  return x.length >= n ? heapOffset(x) : -1;
}

/** BETA (statistic/beta.ts) into out[period..n), 1 <= period < n. */
export function betaWasm(x: Float64Array, y: Float64Array, period: number, out: Float64Array): boolean {
  const n = x.length;
  if (!enabled || n < STATS_MIN_BARS || period < 1 || period >= n) return false;
  const po = at(out, n);
  if (po < 0) return false;
  const px = heapOffset(x), py = at(y, n);
  const bytes = n * 8;
  if (px < 0 || py < 0 || !apart(po, px, bytes) || !apart(po, py, bytes)) return false;
  const k = load();
  if (k === undefined) return false;
  k.beta(px, py, po, n, period);
  runs++;
  return true;
}
