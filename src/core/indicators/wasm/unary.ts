/**
 * What the one-value-in, one-value-out wasm loops share (math/libm-wasm.ts: LN, LOG10, EXP, COSH;
 * math/hyperbolic.ts: TANH, SINH): the loop that feeds a kernel, and the unshared variant of a
 * module for runtimes that refuse shared memory.
 */
import { heapOffset } from '../heap.js';

export type Loop = (x: Float64Array, out: Float64Array) => void;
/** Rewrites the values in bytes [p, end) of its memory, each into p + d. */
export type UnaryKernel = (p: number, end: number, d: number) => void;

/**
 * The module with its memory import unshared: where shared wasm memory is refused (a browser page
 * that is not cross-origin isolated) an instance on an ordinary memory still runs.
 * The import is `"env" "mem"`, limits flags 0x03 (maximum, shared) -> 0x01 (maximum).
 */
export function unsharedVariant(base64: string): string | undefined {
  const bin = atob(base64);
  const at = bin.indexOf('\x03mem\x02\x03');
  if (at < 0 || bin.indexOf('\x03mem\x02\x03', at + 1) >= 0) return undefined;
  return btoa(bin.slice(0, at + 5) + '\x01' + bin.slice(at + 6));
}

/**
 * The loop around a kernel: series in the series heap, the output the input's very cells or apart
 * from them, are rewritten where they are (`onHeap`, the instance on the heap's memory); other
 * arrays go a chunk at a time through `chunk` (a view of the kernel's own memory): copied in,
 * rewritten in place, copied out. An output over part of the input but not its very cells takes
 * `js`: that loop (as TA-Lib C's) reads cells it has already written, which no copy reproduces.
 */
export function unaryLoop(kernel: UnaryKernel, chunk: Float64Array, onHeap: () => UnaryKernel | undefined, js: Loop): Loop {
  const at = chunk.byteOffset;
  const size = chunk.length;
  return (x, out) => {
    const n = x.length;
    if (shiftedOverlap(x, out, n)) { js(x, out); return; }
    const po = heapOffset(out);
    const px = po < 0 || n !== out.length ? -1 : heapOffset(x);
    if (px >= 0 && (po === px || po + 8 * n <= px || px + 8 * n <= po)) {
      const k = onHeap();
      if (k !== undefined) {
        k(px, px + 8 * n, po - px);
        return;
      }
    }
    for (let i = 0; i < n; i += size) {
      const m = Math.min(size, n - i);
      chunk.set(m === size ? x.subarray(i, i + size) : x.subarray(i, i + m));
      kernel(at, at + 8 * m, 0);
      out.set(m === size ? chunk : chunk.subarray(0, m), i);
    }
  };
}

/** Whether the first n cells of the two arrays share memory without starting at the same cell. */
function shiftedOverlap(x: Float64Array, out: Float64Array, n: number): boolean {
  const px = heapOffset(x);
  let a: number, b: number;
  if (px >= 0) {
    const po = heapOffset(out);
    if (po < 0) return false;
    a = px; b = po;
  } else {
    if (x.buffer !== out.buffer) return false;
    a = x.byteOffset; b = out.byteOffset;
  }
  return a !== b && a < b + 8 * n && b < a + 8 * n;
}
