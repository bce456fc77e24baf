/**
 * libm.ts's log, log10, exp and cosh loops run as WebAssembly (wasm/libm.wat): the same arithmetic, so
 * the same results, ~1.5-2x faster than the JavaScript loops. The input is copied into the module's
 * memory a chunk at a time (the chunk stays in cache for the copy back out), the kernel rewrites it
 * in place, and the chunk is copied to the output. undefined without WebAssembly or on a big-endian
 * host: transforms.ts then runs the JavaScript loops.
 */
import { WASM_BASE64 } from '../wasm/libm.wasm.js';
import { instantiate } from '../wasm/load.js';
import {
  COSH_BIG, COSH_SMALL, EXP_INV_L, EXP_L_HI, EXP_L_LO, IVLN10, LITTLE_ENDIAN, LN2_HI, LN2_LO, LOG10_2_HI, LOG10_2_LO, T,
  expSpecial, log10Special, logSpecial,
} from './libm.js';

export type Loop = (x: Float64Array, out: Float64Array) => void;

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

function build(): { log: Loop; log10: Loop; exp: Loop; cosh: Loop } | undefined {
  if (!LITTLE_ENDIAN) return undefined;
  const ex = instantiate(WASM_BASE64, { env: { logSpecial, log10Special, expSpecial } });
  if (ex === undefined) return undefined;
  const mem = ex['mem'] as { buffer: ArrayBuffer };
  new Float64Array(mem.buffer, 0, T.length).set(T);
  const c = new DataView(mem.buffer, CONSTS, 16 * VEC_CONSTS.length);
  VEC_CONSTS.forEach((v, i) => {
    for (let lane = 0; lane < 2; lane++) {
      if (typeof v === 'bigint') c.setBigUint64(16 * i + 8 * lane, v, true);
      else if (v === I32X4_1023) { c.setInt32(16 * i + 8 * lane, 1023, true); c.setInt32(16 * i + 8 * lane + 4, 1023, true); }
      else if (typeof v === 'number') c.setFloat64(16 * i + 8 * lane, v, true);
    }
  });
  const buf = new Float64Array(mem.buffer, BUF, CHUNK);
  const loop = (kernel: (p: number, end: number) => void): Loop => (x, out) => {
    const n = x.length;
    for (let i = 0; i < n; i += CHUNK) {
      const m = Math.min(CHUNK, n - i);
      buf.set(m === CHUNK ? x.subarray(i, i + CHUNK) : x.subarray(i, i + m));
      kernel(BUF, BUF + 8 * m);
      out.set(m === CHUNK ? buf : buf.subarray(0, m), i);
    }
  };
  return {
    log: loop(ex['log'] as (p: number, end: number) => void),
    log10: loop(ex['log10'] as (p: number, end: number) => void),
    exp: loop(ex['exp'] as (p: number, end: number) => void),
    cosh: loop(ex['cosh'] as (p: number, end: number) => void),
  };
}

export const wasmLibm = build();
