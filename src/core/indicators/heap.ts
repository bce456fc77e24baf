/**
 * The series heap: Float64Arrays that live inside one WebAssembly memory, so that a wasm kernel
 * reads and writes them where they are. The element-wise kernels (ADD, MOM, WCLPRICE, TRANGE, AD,
 * ...) cannot reach TA-Lib C's time as JavaScript loops (V8 re-checks every typed-array access and
 * has no SIMD), and copying the caller's arrays into wasm memory and back costs more than the loop
 * itself (3-4x C at 1M bars). A caller that allocates its series here gets the f64x2 kernels
 * (wasm/elementwise.ts); every other array keeps the JavaScript kernels, with the same results.
 *
 *   const close = seriesHeap.alloc(n);   // a Float64Array view; contents unspecified
 *   ...fill it, compute into heap outputs...
 *   seriesHeap.free(close);              // the exact view alloc returned
 *
 * The memory is shared (a SharedArrayBuffer underneath): a shared memory grows in place, so views
 * made before a grow stay valid, while growing an ordinary memory detaches its buffer and every
 * view on it (and, in V8, makes every typed-array access in every kernel check for detached
 * buffers from then on). JavaScript kernels run as fast on these views as on ordinary arrays
 * (measured at 1M bars: SMA, RSI, EMA, CDLDOJI, ADD, MOM, TRANGE, AD, ADOSC, BOP within run-to-run
 * noise, no direction). Created on the first alloc; one heap per thread (module instance).
 *
 * Allocator: first fit over a free list sorted by address, freed blocks coalesce with their
 * neighbours; blocks are 16-byte aligned multiples of 16 bytes (a v128 load never straddles two
 * series). When no block fits the memory grows (at least doubling). Without WebAssembly, or when
 * the memory cannot grow further, alloc returns an ordinary Float64Array (heapOffset -1: the
 * JavaScript kernels take it) and free ignores it.
 */
import { newMemory, type WasmMemory } from './wasm/load.js';

const PAGE = 65536;
const ALIGN = 16;
const INITIAL_PAGES = 16;
/** Maximum sizes tried in turn (pages of 64 KiB: 4 GiB, the wasm32 limit, then 1 GiB, 256 MiB). */
const MAX_PAGES = [65536, 16384, 4096];

let memory: WasmMemory | undefined;
let created = false;
let maxPages = 0;
/** The memory's buffer as of its last grow; views made before a grow hold an older one. */
let current: ArrayBuffer | SharedArrayBuffer | undefined;
const older: (ArrayBuffer | SharedArrayBuffer)[] = [];
/** Free blocks sorted by address (byte offsets and sizes). */
const freeStart: number[] = [];
const freeSize: number[] = [];
/** Live blocks: byte offset -> size, so free() can refuse a view it did not hand out. */
const live = new Map<number, number>();

/** The heap's memory (created on first use), or undefined without WebAssembly: what the kernels import. */
export function heapMemory(): WasmMemory | undefined {
  if (!created) {
    created = true;
    for (const max of MAX_PAGES) {
      memory = newMemory(INITIAL_PAGES, max, true);
      if (memory !== undefined) { maxPages = max; break; }
    }
    if (memory !== undefined) {
      current = memory.buffer;
      freeStart.push(0);
      freeSize.push(INITIAL_PAGES * PAGE);
    }
  }
  return memory;
}

/**
 * The byte offset of `view` in the heap's memory, or -1 when it lies elsewhere (an ordinary
 * array, a view on another buffer). Subarrays of heap arrays are in the heap too.
 */
export function heapOffset(view: Float64Array): number {
  // `view.buffer` is a builtin call in Node 20 (~14 ns): a process that never allocated here skips it.
  if (current === undefined) return -1;
  const b = view.buffer;
  if (b === current) return view.byteOffset;
  for (let k = 0; k < older.length; k++) if (b === older[k]) return view.byteOffset;
  return -1;
}

function blockSize(n: number): number {
  const bytes = n * 8;
  return bytes <= ALIGN ? ALIGN : Math.ceil(bytes / ALIGN) * ALIGN;
}

/** Adds [start, start + size) to the free list, merged with the blocks it touches. */
function release(start: number, size: number): void {
  let lo = 0, hi = freeStart.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (freeStart[mid]! < start) lo = mid + 1; else hi = mid; }
  const prev = lo - 1;
  if (prev >= 0 && freeStart[prev]! + freeSize[prev]! === start) {
    freeSize[prev]! += size;
    if (lo < freeStart.length && start + size === freeStart[lo]) {
      freeSize[prev]! += freeSize[lo]!;
      freeStart.splice(lo, 1);
      freeSize.splice(lo, 1);
    }
    return;
  }
  if (lo < freeStart.length && start + size === freeStart[lo]) {
    freeStart[lo] = start;
    freeSize[lo]! += size;
    return;
  }
  freeStart.splice(lo, 0, start);
  freeSize.splice(lo, 0, size);
}

/** Grows the memory so that a block of `size` bytes fits at its end; false when it cannot. */
function grow(size: number): boolean {
  const mem = memory!;
  const pages = mem.buffer.byteLength / PAGE;
  const last = freeStart.length - 1;
  const tail = last >= 0 && freeStart[last]! + freeSize[last]! === pages * PAGE ? freeSize[last]! : 0;
  const needed = Math.ceil((size - tail) / PAGE);
  let add = Math.max(needed, pages);
  if (pages + add > maxPages) add = maxPages - pages;
  if (add < needed) return false;
  try {
    mem.grow(add);
  } catch {
    return false;
  }
  older.push(current!);
  current = mem.buffer;
  release(pages * PAGE, add * PAGE);
  return true;
}

function allocate(n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`seriesHeap.alloc: length must be a non-negative integer, got ${n}`);
  if (heapMemory() === undefined) return new Float64Array(n);
  const size = blockSize(n);
  for (let attempt = 0; attempt < 2; attempt++) {
    for (let k = 0; k < freeStart.length; k++) {
      const avail = freeSize[k]!;
      if (avail < size) continue;
      const start = freeStart[k]!;
      if (avail === size) { freeStart.splice(k, 1); freeSize.splice(k, 1); }
      else { freeStart[k] = start + size; freeSize[k] = avail - size; }
      live.set(start, size);
      return new Float64Array(current!, start, n);
    }
    if (!grow(size)) break;
  }
  return new Float64Array(n);
}

function free(view: Float64Array): void {
  const at = heapOffset(view);
  if (at < 0) return;
  const size = live.get(at);
  if (size === undefined || blockSize(view.length) !== size) {
    throw new RangeError('seriesHeap.free: not an array returned by seriesHeap.alloc (or freed already)');
  }
  live.delete(at);
  release(at, size);
}

export interface HeapStats {
  /** Bytes of the memory (0 before the first alloc or without WebAssembly). */
  readonly capacity: number;
  /** Bytes in live blocks. */
  readonly used: number;
  /** Free blocks, by address. */
  readonly free: readonly { readonly start: number; readonly size: number }[];
}

export const seriesHeap = {
  /**
   * A Float64Array of `n` cells in the heap, 16-byte aligned. Its contents are unspecified (zero when
   * the memory is fresh, else what a freed block held): write before reading, as with TA-Lib's malloc.
   */
  alloc: allocate,
  /** Returns an array from `alloc` to the heap; ordinary arrays are ignored. */
  free,
  stats(): HeapStats {
    let used = 0;
    for (const s of live.values()) used += s;
    return {
      capacity: current?.byteLength ?? 0, used,
      free: freeStart.map((start, k) => ({ start, size: freeSize[k]! })),
    };
  },
};
