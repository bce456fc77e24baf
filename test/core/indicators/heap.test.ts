import { describe, expect, it, vi } from 'vitest';
import { heapMemory, heapOffset, seriesHeap } from '../../../src/core/indicators/heap.js';

/** Every test frees what it took: at the end of each the heap is one free block again. */
function expectAllFree(): void {
  const s = seriesHeap.stats();
  expect(s.used).toBe(0);
  expect(s.free).toEqual([{ start: 0, size: s.capacity }]);
}

describe('seriesHeap', () => {
  it('hands out 16-byte aligned views into the wasm memory, of the asked length', () => {
    const a = seriesHeap.alloc(3);
    const b = seriesHeap.alloc(5);
    const z = seriesHeap.alloc(0);
    expect(heapMemory()).toBeDefined();
    expect(a.buffer).toBe(heapMemory()!.buffer);
    for (const v of [a, b, z]) {
      expect(heapOffset(v)).toBe(v.byteOffset);
      expect(v.byteOffset % 16).toBe(0);
    }
    expect([a.length, b.length, z.length]).toEqual([3, 5, 0]);
    // blocks are multiples of 16 bytes and do not overlap: 3 cells take 32 bytes
    expect(b.byteOffset - a.byteOffset).toBe(32);
    expect(z.byteOffset - b.byteOffset).toBe(48);
    a.fill(1); b.fill(2);
    expect(Array.from(a)).toEqual([1, 1, 1]);
    seriesHeap.free(a); seriesHeap.free(b); seriesHeap.free(z);
    expectAllFree();
    expect(() => seriesHeap.alloc(-1)).toThrow(RangeError);
    expect(() => seriesHeap.alloc(1.5)).toThrow(RangeError);
  });

  it('reuses the first free block that fits and coalesces freed neighbours', () => {
    const a = seriesHeap.alloc(4), b = seriesHeap.alloc(4), c = seriesHeap.alloc(4), d = seriesHeap.alloc(4);
    const [oa, ob, oc] = [a.byteOffset, b.byteOffset, c.byteOffset];
    seriesHeap.free(b);
    // a 2-cell array fits in b's hole (first fit), a 6-cell one does not
    const small = seriesHeap.alloc(2);
    expect(small.byteOffset).toBe(ob);
    const big = seriesHeap.alloc(6);
    expect(big.byteOffset).toBeGreaterThan(d.byteOffset);
    seriesHeap.free(small);
    // a and c freed around b's hole: one block from a to the end of c
    seriesHeap.free(a);
    seriesHeap.free(c);
    expect(seriesHeap.stats().free[0]).toEqual({ start: oa, size: oc + 32 - oa });
    const again = seriesHeap.alloc(12);
    expect(again.byteOffset).toBe(oa);
    seriesHeap.free(again); seriesHeap.free(d); seriesHeap.free(big);
    expectAllFree();
  });

  it('grows in place: views made before a grow keep their cells and stay in the heap', () => {
    const before = seriesHeap.stats().capacity;
    const old = seriesHeap.alloc(100);
    old.set(Array.from({ length: 100 }, (_, i) => i * 1.5));
    const oldBuffer = old.buffer;
    const huge = seriesHeap.alloc(before / 8 + 1000);
    expect(seriesHeap.stats().capacity).toBeGreaterThanOrEqual(2 * before);
    expect(huge.buffer).not.toBe(oldBuffer); // a new SharedArrayBuffer object over the grown memory
    expect(old[99]).toBe(99 * 1.5);
    expect(heapOffset(old)).toBe(old.byteOffset);
    expect(heapOffset(huge)).toBe(huge.byteOffset);
    // the same memory: a write through the new buffer shows through the old view
    new Float64Array(huge.buffer, old.byteOffset, 1)[0] = -7;
    expect(old[0]).toBe(-7);
    huge[huge.length - 1] = 3;
    expect(huge[huge.length - 1]).toBe(3);
    seriesHeap.free(huge); seriesHeap.free(old);
    expectAllFree();
  });

  it('heapOffset: -1 outside the heap, the byte offset for subarrays of heap arrays', () => {
    const h = seriesHeap.alloc(10);
    expect(heapOffset(new Float64Array(10))).toBe(-1);
    expect(heapOffset(new Float64Array(new SharedArrayBuffer(80)))).toBe(-1);
    expect(heapOffset(new Float64Array(new ArrayBuffer(80), 8, 3))).toBe(-1);
    const sub = h.subarray(3, 7);
    expect(heapOffset(sub)).toBe(h.byteOffset + 24);
    expect(heapOffset(new Float64Array(h.buffer, h.byteOffset + 8, 2))).toBe(h.byteOffset + 8);
    seriesHeap.free(h);
    expectAllFree();
  });

  it('free refuses what alloc did not return and ignores ordinary arrays', () => {
    const h = seriesHeap.alloc(10);
    expect(() => seriesHeap.free(h.subarray(1))).toThrow(RangeError);
    expect(() => seriesHeap.free(h.subarray(0, 2))).toThrow(RangeError);
    seriesHeap.free(new Float64Array(4));
    seriesHeap.free(h);
    expect(() => seriesHeap.free(h)).toThrow(RangeError);
    expectAllFree();
  });
});

describe('seriesHeap without shared wasm memory (a browser page that is not cross-origin isolated)', () => {
  it('hands out ordinary arrays, which heapOffset puts outside the heap and the kernels take in JavaScript', async () => {
    const wasm = (globalThis as unknown as { WebAssembly: { Memory: unknown } }).WebAssembly;
    const Memory = wasm.Memory;
    wasm.Memory = function refused(): never { throw new TypeError('shared memory refused'); };
    try {
      vi.resetModules();
      const heap = await import('../../../src/core/indicators/heap.js');
      const registry = await import('../../../src/core/indicators/registry.js');
      const { Arena } = await import('../../../src/core/indicators/arena.js');
      const a = heap.seriesHeap.alloc(1000), b = heap.seriesHeap.alloc(1000), out = heap.seriesHeap.alloc(1000);
      expect(heap.heapMemory()).toBeUndefined();
      expect(a.buffer).toBeInstanceOf(ArrayBuffer);
      expect([heap.heapOffset(a), heap.heapOffset(out)]).toEqual([-1, -1]);
      for (let i = 0; i < 1000; i++) { a[i] = i * 0.5; b[i] = 3 - i; }
      const def = registry.getIndicator('ADD');
      registry.computeInto(def, [a, b], {}, [out], new Arena());
      expect(out[999]).toBe(999 * 0.5 + 3 - 999);
      heap.seriesHeap.free(a); // ignored
      expect(heap.seriesHeap.stats().capacity).toBe(0);
    } finally {
      wasm.Memory = Memory;
      vi.resetModules();
    }
  });
});
