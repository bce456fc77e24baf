/**
 * Scratch memory for indicator kernels: a stack of Float64Arrays reused across calls, so a
 * kernel's temporaries (MACD's two EMAs, STOCH's raw %K, ...) cost no allocation once the
 * arena has seen the series length. First-touching fresh pages is the dominant cost of cheap
 * indicators on long series and a steady tax on short ones (a fresh typed array costs ~2 µs),
 * which is why TA-Lib's callers preallocate; this is the same model for temporaries.
 *
 * Use: `const m = arena.mark(); const t = arena.take(n); ...; arena.release(m);`. A buffer
 * taken is the caller's until released; its contents are whatever the last user left (callers
 * write before they read). Buffers keep their exact length, so a slot is reallocated only when
 * the length it is asked for changes.
 *
 * Not shared across threads (JavaScript runs kernels synchronously); `scratch` is the arena of
 * the allocating API, which keeps its largest temporaries alive between calls.
 */
export class Arena {
  private readonly slots: Float64Array[] = [];
  private top = 0;

  take(n: number): Float64Array {
    let b = this.slots[this.top];
    if (b === undefined || b.length !== n) {
      b = new Float64Array(n);
      this.slots[this.top] = b;
    }
    this.top++;
    return b;
  }

  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = mark;
  }

  /** Bytes held, for diagnostics. */
  get bytes(): number {
    let s = 0;
    for (const b of this.slots) s += b.byteLength;
    return s;
  }
}

/** The arena the allocating API (`compute`) lends to kernels. */
export const scratch = new Arena();

/**
 * The output array a kernel writes: the caller's `out` (checked by the registry to have the
 * input's length), or a fresh one. NaN fills the warm-up `[0, lookback)` (all of it when the
 * series is shorter): kernels then write every cell from `lookback` on.
 */
export function outArray(n: number, lookback: number, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(n);
  o.fill(NaN, 0, lookback < n ? lookback : n);
  return o;
}
