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
import { heapModule } from '../wasm/heap-module.js';
import { unaryLoop, unsharedVariant, type Loop, type UnaryKernel } from '../wasm/unary.js';
import { LITTLE_ENDIAN } from './libm.js';

export type { Loop };
type Kernels = Record<'tanh' | 'sinh', UnaryKernel>;

/** the own memory's chunk, in values, at byte 0 */
const CHUNK = 4096;
/** Below this many values Math's loop is as fast as the call into wasm (measured, tanh: 16 values 230 vs 250-270 ns, 128 values 1950 vs 1450-1600 ns). */
export const MIN_WASM = 64;

const instance = (mem: WasmMemory, base64 = WASM_BASE64): Kernels | undefined =>
  instantiate(base64, { env: { mem } }) as Kernels | undefined;

const heapKernels = heapModule<Kernels>(WASM_BASE64);

interface Own { kernels: Kernels; buf: Float64Array }
let own: Own | undefined | null = null;
function ownKernels(): Own | undefined {
  if (own === null) {
    own = undefined;
    if (!LITTLE_ENDIAN) return own;
    let mem = newMemory(1, 1, true);
    let kernels = mem === undefined ? undefined : instance(mem);
    if (kernels === undefined) {
      const plain = unsharedVariant(WASM_BASE64);
      mem = plain === undefined ? undefined : newMemory(1, 1);
      kernels = mem === undefined || plain === undefined ? undefined : instance(mem, plain);
    }
    if (mem !== undefined && kernels !== undefined) own = { kernels, buf: new Float64Array(mem.buffer, 0, CHUNK) };
  }
  return own;
}

/** The wasm loop, or undefined where wasm is not run (no WebAssembly, big-endian host); `math` takes shifted outputs. */
function wasmLoop(name: keyof Kernels, math: Loop): Loop | undefined {
  const o = ownKernels();
  return o === undefined ? undefined : unaryLoop(o.kernels[name], o.buf, () => heapKernels()?.[name], math);
}

/**
 * TANH's or SINH's loop: the wasm kernel from MIN_WASM values on where it runs, else `math`
 * (transforms.ts's Math.tanh / Math.sinh loop, which gives the same values).
 */
export function hyperbolicLoop(name: keyof Kernels, math: Loop): Loop {
  let wasm: Loop | undefined | null = null;
  return (x, out) => {
    if (x.length < MIN_WASM) return math(x, out);
    if (wasm === null) wasm = wasmLoop(name, math);
    (wasm ?? math)(x, out);
  };
}

/** For the tests: the unshared module variant's kernels on a fresh ordinary memory. */
export function unsharedKernelsForTest(): { kernels: Kernels; mem: WasmMemory } | undefined {
  const plain = unsharedVariant(WASM_BASE64);
  const mem = newMemory(1, 1);
  const kernels = plain === undefined || mem === undefined ? undefined : instance(mem, plain);
  return kernels === undefined ? undefined : { kernels, mem: mem! };
}

/** For the tests: the wasm loop itself (no length threshold), or undefined where wasm is not run. */
export const wasmHyperbolicForTest = (name: keyof Kernels): Loop | undefined =>
  wasmLoop(name, (x, o) => { const f = name === 'tanh' ? Math.tanh : Math.sinh; for (let i = 0; i < x.length; i++) o[i] = f(x[i]!); });
