/**
 * libm.ts's log, log10, exp and cosh loops run as WebAssembly (wasm/libm.wat): the same arithmetic, so
 * the same results, ~2x faster than the JavaScript loops. The module imports its memory and the byte
 * offset of its tables there. Series in the series heap (heap.ts) are read and written where they
 * are, by an instance on the heap's memory whose tables take one block of the heap (~39 KiB, kept
 * for the process); any other array goes through an instance on a small memory of its own, a chunk
 * at a time: copied in, rewritten in place, copied out (the chunk stays in cache in between; the
 * copies cost ~0.4 ms per 1M values). undefined without WebAssembly or on a big-endian host:
 * transforms.ts then runs the JavaScript loops.
 */
import { WASM_BASE64 } from '../wasm/libm.wasm.js';
import { instantiate, newMemory, type WasmMemory } from '../wasm/load.js';
import { unaryLoop, unsharedVariant, type Loop, type UnaryKernel } from '../wasm/unary.js';
import { heapMemory, heapOffset, seriesHeap } from '../heap.js';
import {
  COSH_BIG, COSH_SMALL, EXP_INV_L, EXP_L_HI, EXP_L_LO, IVLN10, LITTLE_ENDIAN, LN2_HI, LN2_LO, LOG10_2_HI, LOG10_2_LO, T,
  coshInto, expInto, expSpecial, log10Into, log10Special, logInto, logSpecial, tables,
} from './libm.js';

export type { Loop };

/** byte offset of the vector constants (after T) */
const CONSTS = 39424;
const I32X4_1023 = Symbol('i32x4 1023');
/**
 * wasm/libm.wat's vector constants, slot i at CONSTS + 16 i, each in both lanes: bigints are i64
 * bit patterns (log's exponent split: (LOG_OFF << 32) - (1024 << 52), 1024 << 52, the bits of
 * 1.5 * 2^52 less 1024; log10's mantissa mask, LOG_OFF << 32, the bits of 1.5 * 2^52; 1023 and
 * 1022, exponent biases), numbers are doubles, I32X4_1023 four i32 lanes of 1023.
 */
const VEC_CONSTS: readonly (bigint | number | symbol)[] = [
  0xffe6980000000000n, 0x4000000000000000n, 0x4337fffffffffc00n, 1.5 * 2 ** 52, LN2_HI, LN2_LO, -0.5, 1 / 3,
  -0.25, 0.2, -1 / 6, IVLN10, 0.5, 1 / 24, 0x000fffffffffffffn, 0x3fe6980000000000n,
  0x4338000000000000n, LOG10_2_LO, LOG10_2_HI, 708, EXP_INV_L, EXP_L_HI, EXP_L_LO, 1 / 6,
  1 / 120, COSH_BIG, 1023n, 1, 1022n, 22, COSH_SMALL, I32X4_1023,
];
/** byte offset of the chunk buffer (after the constants) and its length in values */
const BUF = 40960;
const CHUNK = 4096;

type Kernels = Record<'log' | 'log10' | 'exp' | 'cosh', UnaryKernel>;

/** Writes T and VEC_CONSTS at byte `tab` of `mem` and instantiates the module on it. */
function instance(mem: WasmMemory, tab: number, base64 = WASM_BASE64): Kernels | undefined {
  new Float64Array(mem.buffer, tab, T.length).set(tables());
  const c = new DataView(mem.buffer, tab + CONSTS, 16 * VEC_CONSTS.length);
  VEC_CONSTS.forEach((v, i) => {
    for (let lane = 0; lane < 2; lane++) {
      if (typeof v === 'bigint') c.setBigUint64(16 * i + 8 * lane, v, true);
      else if (v === I32X4_1023) { c.setInt32(16 * i + 8 * lane, 1023, true); c.setInt32(16 * i + 8 * lane + 4, 1023, true); }
      else if (typeof v === 'number') c.setFloat64(16 * i + 8 * lane, v, true);
    }
  });
  return instantiate(base64, { env: { mem, tab, logSpecial, log10Special, expSpecial } }) as Kernels | undefined;
}

/** The instance on the heap's memory, made on the first call with heap series. */
let onHeap: Kernels | undefined;
let heapTried = false;
function heapKernels(): Kernels | undefined {
  if (!heapTried) {
    heapTried = true;
    const mem = heapMemory();
    const tables = mem === undefined ? undefined : seriesHeap.alloc((CONSTS + 16 * VEC_CONSTS.length) / 8);
    const tab = tables === undefined ? -1 : heapOffset(tables);
    if (mem !== undefined && tab >= 0) onHeap = instance(mem, tab);
  }
  return onHeap;
}

type Loops = Record<'log' | 'log10' | 'exp' | 'cosh', Loop>;

function build(): Loops | undefined {
  if (!LITTLE_ENDIAN) return undefined;
  let mem = newMemory(2, 2, true);
  let own = mem === undefined ? undefined : instance(mem, 0);
  if (own === undefined) {
    const plain = unsharedVariant(WASM_BASE64);
    mem = plain === undefined ? undefined : newMemory(2, 2);
    own = mem === undefined ? undefined : instance(mem, 0, plain);
  }
  if (mem === undefined || own === undefined) return undefined;
  const buf = new Float64Array(mem.buffer, BUF, CHUNK);
  const scalar: Loops = { log: logInto, log10: log10Into, exp: expInto, cosh: coshInto };
  const loop = (name: keyof Kernels): Loop => unaryLoop(own[name], buf, () => heapKernels()?.[name], scalar[name]);
  return { log: loop('log'), log10: loop('log10'), exp: loop('exp'), cosh: loop('cosh') };
}

let wasm: Loops | undefined | null = null;

/** The wasm loops, made on the first call (the tables with them), or undefined where wasm is not run. */
export function wasmLibm(): Loops | undefined {
  if (wasm === null) wasm = build();
  return wasm;
}

/** The loops transforms.ts runs: wasm where available, else libm.ts's JavaScript loops (same results). */
export const libmLoops: Loops = {
  log: (x, o) => (wasmLibm()?.log ?? logInto)(x, o),
  log10: (x, o) => (wasmLibm()?.log10 ?? log10Into)(x, o),
  exp: (x, o) => (wasmLibm()?.exp ?? expInto)(x, o),
  cosh: (x, o) => (wasmLibm()?.cosh ?? coshInto)(x, o),
};

/** For the tests: the unshared module variant's kernels on a fresh ordinary memory, and that memory. */
export function unsharedKernelsForTest(): { kernels: Kernels; mem: WasmMemory; buf: number } | undefined {
  const plain = unsharedVariant(WASM_BASE64);
  const mem = newMemory(2, 2);
  const kernels = plain === undefined || mem === undefined ? undefined : instance(mem, 0, plain);
  return kernels === undefined ? undefined : { kernels, mem: mem!, buf: BUF };
}
