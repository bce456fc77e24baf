/**
 * A wasm module that works on the series heap's memory (heap.ts), instantiated on the first call
 * that asks for it: a caller gets there only with a series already in the heap, so the memory
 * exists by then, and a process that never uses the heap never compiles the module (CLI start).
 * Without WebAssembly, or when the runtime refuses the module, the getter returns undefined for
 * good and the caller keeps its JavaScript kernel.
 */
import { heapMemory } from '../heap.js';
import { instantiate } from './load.js';

/** Two byte ranges of `bytes` bytes at heap offsets a and b share no byte (the kernels' aliasing check). */
export function apart(a: number, b: number, bytes: number): boolean {
  return a + bytes <= b || b + bytes <= a;
}

export function heapModule<Exports>(base64: string): () => Exports | undefined {
  let exports: Exports | undefined;
  let tried = false;
  return () => {
    if (!tried) {
      tried = true;
      const mem = heapMemory();
      if (mem !== undefined) exports = instantiate(base64, { env: { mem } }) as Exports | undefined;
    }
    return exports;
  };
}
