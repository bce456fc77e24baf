/**
 * Output arrays for the allocating API. `new Float64Array(n)` zero-fills its memory (a memset of
 * 8n bytes, or first-touch page faults when the allocator hands out fresh pages) although every
 * kernel with `computeInto` writes every cell of its outputs (NaN warm-up included; checked by
 * test/core/indicators/into.test.ts on garbage-filled buffers). Where the runtime offers
 * uninitialized memory (Node's `Buffer.allocUnsafeSlow`: its own ArrayBuffer, not the shared
 * pool, offset 0), the allocating path takes it and skips that pass; elsewhere (a browser) it
 * falls back to a zeroed array. Feature-detected on `globalThis`, so core imports nothing.
 */
type UnsafeAlloc = (size: number) => Uint8Array;

const allocUnsafeSlow: UnsafeAlloc | undefined = (() => {
  const b = (globalThis as { Buffer?: { allocUnsafeSlow?: UnsafeAlloc } }).Buffer;
  return typeof b?.allocUnsafeSlow === 'function' ? b.allocUnsafeSlow.bind(b) : undefined;
})();

/** Below this the zeroing is cheaper than the extra wrapper object. */
const MIN_UNINITIALIZED = 512;

/** A Float64Array of `n` cells with unspecified contents: the caller must write every cell. */
export function uninitializedFloat64(n: number): Float64Array {
  if (allocUnsafeSlow === undefined || n < MIN_UNINITIALIZED) return new Float64Array(n);
  const bytes = allocUnsafeSlow(n * 8);
  return new Float64Array(bytes.buffer, bytes.byteOffset, n);
}
