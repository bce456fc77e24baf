/**
 * Instantiates the WebAssembly kernels embedded as base64 (`*.wasm.ts`, generated from the `.wat`
 * sources beside them by `npm run build:wasm`). Sextant's own kernels, written in WAT by hand: JavaScript
 * has no SIMD and re-checks every typed-array access, which keeps loops such as a window rescan or an
 * element-wise sum above TA-Lib C's time however they are written (README "### Indicators").
 *
 * WebAssembly is reached through `globalThis` and typed here by the little it is used for: core
 * imports nothing, and a runtime without it (node --jitless, a locked-down embedder) gets
 * `undefined`, so every caller keeps its JavaScript kernel as the fallback and as the reference its
 * tests compare the wasm kernel with, bit for bit.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { readonly exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Whether this runtime runs WebAssembly at all. */
export const wasmAvailable = api !== undefined;

function decodeBase64(text: string): Uint8Array {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The exports of one embedded module, or undefined where WebAssembly is missing or refuses it
 * (no SIMD, say): the caller then runs its JavaScript kernel. Synchronous: kernels are called
 * synchronously, and the modules are a few KiB.
 */
export function instantiate(base64: string, imports?: object): Record<string, unknown> | undefined {
  if (api === undefined) return undefined;
  try {
    return new api.Instance(new api.Module(decodeBase64(base64)), imports).exports;
  } catch {
    return undefined;
  }
}

/** A new wasm memory, or undefined without WebAssembly. Pages are 64 KiB. */
export function newMemory(initial: number, maximum?: number, shared?: boolean): WasmMemory | undefined {
  if (api === undefined) return undefined;
  try {
    return new api.Memory(maximum === undefined ? { initial } : { initial, maximum, shared: shared === true });
  } catch {
    return undefined;
  }
}
