/**
 * Entries to the kernels of stats.wat (BETA, STDDEV, KAMA, ULTOSC, STOCH, STOCHF) for series in the
 * series heap (heap.ts). Each returns true when it wrote the output cells its JavaScript kernel
 * writes from the warm-up on (the caller writes the NaN warm-up), false when the caller must run its
 * JavaScript kernel: an array not in the heap or too short, an output sharing a byte with an input
 * or with the other output (the kernels read inputs again behind the bar they write), a short
 * series, a parameter the kernel does not take, no WebAssembly. The kernels give the JavaScript
 * kernels' values bit for bit (wasm-fuzz.test.ts), which stay the fallback and the reference.
 *
 * Why: on series-heap arrays at 1M bars these JavaScript loops ran 1.1-1.3x TA-Lib C (V8 checks
 * every typed-array access and keeps few of the loop's doubles in registers).
 */
import { heapOffset, seriesHeap } from '../heap.js';
import { apart, heapModule } from './heap-module.js';
import { WASM_BASE64 } from './stats.wasm.js';

interface Kernels {
  beta(x: number, y: number, o: number, n: number, period: number): void;
  stoch533(h: number, l: number, c: number, ok: number, od: number, n: number): number;
  stochf5(h: number, l: number, c: number, ok: number, od: number, n: number, dPeriod: number): number;
  stddev(x: number, o: number, n: number, period: number, nbDev: number): void;
  kama(x: number, o: number, n: number, period: number): void;
  ultosc(h: number, l: number, c: number, o: number, n: number, s: number, m: number, l3: number, ring: number, mask: number): void;
}

const load = heapModule<Kernels>(WASM_BASE64);

let enabled = true;
let runs = 0;

/** How many calls reached a kernel (tests check that a path ran). */
export function statsWasmRuns(): number { return runs; }

let done = 0;
/** How many of those wrote the outputs (STOCH and STOCHF hand inputs with a NaN or a zero back). */
export function statsWasmDone(): number { return done; }

/** Turns the kernels off (tests: the JavaScript kernels on heap arrays) or back on. */
export function setStatsWasm(on: boolean): void { enabled = on; }

/** Below this many bars the JavaScript loops run: the checks and the call cost about what the kernel spares (as elementwise.ts's MIN_BARS). */
export const STATS_MIN_BARS = 256;

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
  done++;
  return true;
}

/** The heap offsets of a call's three inputs and two outputs (`off`), or false: see stochWasm. */
const off = [0, 0, 0, 0, 0];
function hlc2(high: Float64Array, low: Float64Array, close: Float64Array, o0: Float64Array, o1: Float64Array, n: number): boolean {
  if (!enabled || n < STATS_MIN_BARS) return false;
  const p0 = at(o0, n), p1 = at(o1, n);
  if (p0 < 0 || p1 < 0) return false;
  const ph = at(high, n), pl = at(low, n), pc = heapOffset(close);
  const bytes = n * 8;
  if (ph < 0 || pl < 0 || pc < 0 || !apart(p0, p1, bytes)) return false;
  for (const p of [p0, p1]) if (!apart(p, ph, bytes) || !apart(p, pl, bytes) || !apart(p, pc, bytes)) return false;
  off[0] = ph; off[1] = pl; off[2] = pc; off[3] = p0; off[4] = p1;
  return true;
}

/**
 * STOCH with a 5-bar range and both SMAs over 3 bars (momentum/stoch.ts stochSma33) into
 * slowK[6..n) and slowD[8..n), n > 8. False also when an input holds a NaN or a zero (stats.wat):
 * the outputs may then hold partial values, which the JavaScript kernel writes over.
 */
export function stochWasm(high: Float64Array, low: Float64Array, close: Float64Array, slowK: Float64Array, slowD: Float64Array): boolean {
  const n = close.length;
  if (n <= 8 || !hlc2(high, low, close, slowK, slowD, n)) return false;
  const k = load();
  if (k === undefined) return false;
  runs++;
  if (k.stoch533(off[0]!, off[1]!, off[2]!, off[3]!, off[4]!, n) === 0) return false;
  done++;
  return true;
}

/**
 * STOCHF with a 5-bar range and an SMA over dPeriod > 1 bars (momentum/stoch.ts fastKSmaInto from
 * bar 0) into k[4..n) and d[dPeriod + 3..n), n > dPeriod + 3. False as stochWasm.
 */
export function stochfWasm(high: Float64Array, low: Float64Array, close: Float64Array, dPeriod: number, k: Float64Array, d: Float64Array): boolean {
  const n = close.length;
  if (dPeriod < 2 || n <= dPeriod + 3 || !hlc2(high, low, close, k, d, n)) return false;
  const ks = load();
  if (ks === undefined) return false;
  runs++;
  if (ks.stochf5(off[0]!, off[1]!, off[2]!, off[3]!, off[4]!, n, dPeriod) === 0) return false;
  done++;
  return true;
}

/** The heap offsets of input `x` and output `out` (`off`), apart, both in the heap with n cells. */
function oneIn(x: Float64Array, out: Float64Array, n: number): boolean {
  if (!enabled || n < STATS_MIN_BARS) return false;
  const po = at(out, n);
  if (po < 0) return false;
  const px = heapOffset(x);
  if (px < 0 || !apart(po, px, n * 8)) return false;
  off[0] = px; off[1] = po;
  return true;
}

/** STDDEV (statistic/stddev.ts) into out[period - 1..n), 1 <= period <= n. */
export function stddevWasm(x: Float64Array, period: number, nbDev: number, out: Float64Array): boolean {
  const n = x.length;
  if (period < 1 || period > n || !oneIn(x, out, n)) return false;
  const k = load();
  if (k === undefined) return false;
  k.stddev(off[0]!, off[1]!, n, period, nbDev);
  runs++;
  done++;
  return true;
}

/** KAMA (overlap/kama.ts kamaInto from bar 0) into out[period..n), 2 <= period < n. */
export function kamaWasm(x: Float64Array, period: number, out: Float64Array): boolean {
  const n = x.length;
  if (period < 2 || period >= n || !oneIn(x, out, n)) return false;
  const k = load();
  if (k === undefined) return false;
  k.kama(off[0]!, off[1]!, n, period);
  runs++;
  done++;
  return true;
}

/** ULTOSC (momentum/ultosc.ts) into out[l..n) for the sorted periods 1 <= s <= m <= l < n. */
export function ultoscWasm(high: Float64Array, low: Float64Array, close: Float64Array, s: number, m: number, l: number, out: Float64Array): boolean {
  const n = high.length;
  if (!enabled || n < STATS_MIN_BARS || s < 1 || l >= n) return false;
  const po = at(out, n);
  if (po < 0) return false;
  const ph = heapOffset(high), pl = at(low, n), pc = at(close, n);
  const bytes = n * 8;
  if (ph < 0 || pl < 0 || pc < 0 || !apart(po, ph, bytes) || !apart(po, pl, bytes) || !apart(po, pc, bytes)) return false;
  const k = load();
  if (k === undefined) return false;
  // the ring of the last terms (2 doubles a bar), a heap block for the call: the alloc may grow the
  // memory, which a shared memory does in place (the offsets above stay valid)
  let size = 1;
  while (size < l + 1) size <<= 1;
  const ring = seriesHeap.alloc(2 * size);
  const pr = heapOffset(ring);
  if (pr >= 0) {
    k.ultosc(ph, pl, pc, po, n, s, m, l, pr, size - 1);
    runs++;
    done++;
  }
  seriesHeap.free(ring);
  return pr >= 0;
}
