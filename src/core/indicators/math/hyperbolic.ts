/**
 * TANH and SINH as WebAssembly (wasm/hyperbolic.wat): V8's Math.tanh and Math.sinh are fdlibm's
 * algorithms, called out to C once per value; the module runs the same arithmetic operation for
 * operation, two values per f64x2 step, so the results are Math.tanh's and Math.sinh's bit for bit
 * (test/core/indicators/hyperbolic.test.ts) and ~1.4x faster at 1M values. Math stays where it is
 * the same speed or better: without WebAssembly, on a big-endian host, and for short series.
 *
 * As in libm-wasm.ts: series in the series heap (heap.ts) are computed where they are, by an
 * instance on the heap's memory; any other array goes through an instance on a small memory of its
 * own, a chunk at a time (copied in, rewritten in place, copied out).
 */
import { WASM_BASE64 } from '../wasm/hyperbolic.wasm.js';
import { instantiate, newMemory, type WasmMemory } from '../wasm/load.js';
import { heapMemory, heapOffset } from '../heap.js';
import { LITTLE_ENDIAN } from './libm.js';

export type Loop = (x: Float64Array, out: Float64Array) => void;
type Kernel = (p: number, end: number, d: number) => void;
type Kernels = Record<'tanh' | 'sinh', Kernel>;

/** the own memory's chunk, in values, at byte 0 */
const CHUNK = 4096;
/** Below this many values Math's loop is as fast as the call into wasm (measured, tanh: 16 values 230 vs 250-270 ns, 128 values 1950 vs 1450-1600 ns). */
export const MIN_WASM = 64;

/**
 * The module with its memory import unshared, for runtimes that refuse shared wasm memory (a page
 * that is not cross-origin isolated): the import `"env" "mem"`, limits flags 0x03 -> 0x01 (as libm-wasm.ts).
 */
function unshared(base64: string): string | undefined {
  const bin = atob(base64);
  const at = bin.indexOf('\x03mem\x02\x03');
  if (at < 0 || bin.indexOf('\x03mem\x02\x03', at + 1) >= 0) return undefined;
  return btoa(bin.slice(0, at + 5) + '\x01' + bin.slice(at + 6));
}

const instance = (mem: WasmMemory, base64 = WASM_BASE64): Kernels | undefined =>
  instantiate(base64, { env: { mem } }) as Kernels | undefined;

let onHeap: Kernels | undefined;
let heapTried = false;
function heapKernels(): Kernels | undefined {
  if (!heapTried) {
    heapTried = true;
    const mem = heapMemory();
    if (mem !== undefined) onHeap = instance(mem);
  }
  return onHeap;
}

interface Own { kernels: Kernels; buf: Float64Array }
let own: Own | undefined | null = null;
function ownKernels(): Own | undefined {
  if (own === null) {
    own = undefined;
    if (!LITTLE_ENDIAN) return own;
    let mem = newMemory(1, 1, true);
    let kernels = mem === undefined ? undefined : instance(mem);
    if (kernels === undefined) {
      const plain = unshared(WASM_BASE64);
      mem = plain === undefined ? undefined : newMemory(1, 1);
      kernels = mem === undefined || plain === undefined ? undefined : instance(mem, plain);
    }
    if (mem !== undefined && kernels !== undefined) own = { kernels, buf: new Float64Array(mem.buffer, 0, CHUNK) };
  }
  return own;
}

/** The wasm loop, or undefined where wasm is not run (no WebAssembly, big-endian host). */
function wasmLoop(name: keyof Kernels): Loop | undefined {
  const o = ownKernels();
  if (o === undefined) return undefined;
  const kernel = o.kernels[name];
  const buf = o.buf;
  return (x, out) => {
    const n = x.length;
    const po = heapOffset(out);
    const px = po < 0 || n !== out.length ? -1 : heapOffset(x);
    // heap series, the output the input's very cells or apart from them (each value reads its own input)
    if (px >= 0 && (po === px || po + 8 * n <= px || px + 8 * n <= po)) {
      const k = heapKernels();
      if (k !== undefined) {
        k[name](px, px + 8 * n, po - px);
        return;
      }
    }
    for (let i = 0; i < n; i += CHUNK) {
      const m = Math.min(CHUNK, n - i);
      buf.set(m === CHUNK ? x.subarray(i, i + CHUNK) : x.subarray(i, i + m));
      kernel(0, 8 * m, 0);
      out.set(m === CHUNK ? buf : buf.subarray(0, m), i);
    }
  };
}

/**
 * TANH's or SINH's loop: the wasm kernel from MIN_WASM values on where it runs, else `math`
 * (transforms.ts's Math.tanh / Math.sinh loop, which gives the same values).
 */
export function hyperbolicLoop(name: keyof Kernels, math: Loop): Loop {
  let wasm: Loop | undefined | null = null;
  return (x, out) => {
    if (x.length < MIN_WASM) return math(x, out);
    if (wasm === null) wasm = wasmLoop(name);
    (wasm ?? math)(x, out);
  };
}

/** For the tests: the unshared module variant's kernels on a fresh ordinary memory. */
export function unsharedKernelsForTest(): { kernels: Kernels; mem: WasmMemory } | undefined {
  const plain = unshared(WASM_BASE64);
  const mem = newMemory(1, 1);
  const kernels = plain === undefined || mem === undefined ? undefined : instance(mem, plain);
  return kernels === undefined ? undefined : { kernels, mem: mem! };
}

/** For the tests: the wasm loop itself (no length threshold), or undefined where wasm is not run. */
export const wasmHyperbolicForTest = (name: keyof Kernels): Loop | undefined => wasmLoop(name);
