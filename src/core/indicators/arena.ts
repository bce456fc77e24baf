/**
 * Scratch memory for indicator kernels: a stack of Float64Arrays reused across calls, so a
 * kernel's temporaries (MACD's two EMAs, STOCH's raw %K, ...) cost no allocation once the
 * arena has seen the series length. First-touching fresh pages is the dominant cost of cheap
 * indicators on long series and a steady tax on short ones (a fresh typed array costs ~2 µs),
 * which is why TA-Lib's callers preallocate; this is the same model for temporaries.
 *
 * Use: `const m = arena.mark(); const t = arena.take(n); ...; arena.release(m);`. A buffer
 * taken is the caller's until released; its contents are whatever the last user left (callers
 * write before they read). Buffers keep their exact length; a depth that is asked for another
 * length swaps in a buffer of that length kept from earlier calls (a few per depth), so a
 * repeated sequence of kernels allocates only on its first run.
 *
 * Not shared across threads (JavaScript runs kernels synchronously); `scratch` is the arena of
 * the allocating API, which keeps its largest temporaries alive between calls.
 */
export class Arena {
  private readonly slots: Float64Array[] = [];
  /**
   * Buffers of other lengths met at the same depth, kept so that kernels taking different
   * lengths at one depth in turn (MFI's `period`-long ring where MACD took two series) swap
   * buffers instead of reallocating on every call.
   */
  private readonly spares: (Float64Array[] | undefined)[] = [];
  private top = 0;

  take(n: number): Float64Array {
    const at = this.top++;
    const b = this.slots[at];
    if (b !== undefined && b.length === n) return b;
    return this.swap(at, n, b);
  }

  private swap(at: number, n: number, current: Float64Array | undefined): Float64Array {
    let spare = this.spares[at];
    if (spare === undefined) { spare = []; this.spares[at] = spare; }
    let b: Float64Array | undefined;
    for (let j = 0; j < spare.length; j++) {
      if (spare[j]!.length !== n) continue;
      b = spare[j]!;
      // The current buffer takes the found one's place: no list is allocated on a swap.
      if (current !== undefined) spare[j] = current;
      else spare.splice(j, 1);
      this.slots[at] = b;
      return b;
    }
    b = new Float64Array(n);
    if (current !== undefined) {
      spare.push(current);
      if (spare.length > MAX_SPARES) spare.shift();
    }
    this.slots[at] = b;
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
    for (const spare of this.spares) for (const b of spare ?? []) s += b.byteLength;
    return s;
  }
}

/** Other lengths kept per depth (the oldest is dropped beyond this). */
const MAX_SPARES = 3;

/** The arena the allocating API (`compute`) lends to kernels. */
export const scratch = new Arena();

/**
 * The output array a kernel writes: the caller's `out` (checked by the registry to have the
 * input's length), or a fresh one. NaN fills the warm-up `[0, lookback)` (all of it when the
 * series is shorter): kernels then write every cell from `lookback` on.
 */
export function outArray(n: number, lookback: number, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(n);
  nanPrefix(o, lookback);
  return o;
}

/** NaN into out[0, end) (all of it when shorter): a plain loop for short warm-ups, `fill` beyond. */
export function nanPrefix(out: Float64Array, end: number): void {
  const e = end < out.length ? end : out.length;
  if (e > 64) { out.fill(NaN, 0, e); return; }
  for (let i = 0; i < e; i++) out[i] = NaN;
}
