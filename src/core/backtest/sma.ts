/**
 * Rolling mean kept as a running sum. The fast path and the kernel strategy both use this
 * exact sequence of operations (add the new value, then subtract the one leaving), so
 * their SMAs, and hence their trades, are bit-identical.
 */
export class RollingMean {
  private readonly buf: Float64Array;
  private i = 0;
  private count = 0;
  private sum = 0;

  constructor(readonly period: number) {
    this.buf = new Float64Array(period);
  }

  /** Adds a value; returns the mean of the last `period` values, NaN until there are that many. */
  push(x: number): number {
    this.sum += x;
    if (this.count >= this.period) this.sum -= this.buf[this.i]!;
    else this.count++;
    this.buf[this.i] = x;
    this.i = this.i + 1 === this.period ? 0 : this.i + 1;
    return this.count === this.period ? this.sum / this.period : NaN;
  }
}

/**
 * Sign of a − b with ties inside float noise counted as equal. Running sums and fresh sums
 * of the same window differ in their last bits, so an exact `==` would let that noise
 * decide whether a bar where both averages are mathematically equal is a crossing
 * (real data has such bars: BNB/USDT 1d on 2023-11-25). 1e-12 relative is far below
 * any price move and far above the rounding of a running sum over a million bars.
 */
export const TIE_REL = 1e-12;
export function cmp(a: number, b: number): number {
  const d = a - b;
  if (!(Math.abs(d) > TIE_REL * Math.max(Math.abs(a), Math.abs(b)))) return d !== d ? NaN : 0;
  return d > 0 ? 1 : -1;
}
