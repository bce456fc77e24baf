/**
 * TRANGE: true range, the bar's range extended to the previous close (warm-up 1). The
 * per-bar `trueRange` (defkit.ts) is what ATR, NATR, the DI/DX/ADX family, ULTOSC and the
 * extras' ATR all use. NaN inputs propagate as in TA-Lib: a NaN range stays NaN.
 */
import { outArray } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { real, trueRange } from '../defkit.js';
import { heapTrange } from '../wasm/elementwise.js';

export const VOLATILITY = 'Volatility Indicators';

/**
 * True range into out[1..], eight bars per iteration (see math/operators.ts for why unrolled).
 * A bar whose previous close lies within [low, high] (all but ~1.5% of bars on the bundled data)
 * has true range high - low: |prevClose - high| and |prevClose - low| are then at most high - low
 * (rounding is monotonic), so `trueRange`'s strict `>` keeps high - low, the same double. Only the
 * other bars (gaps, NaN or infinite operands, which fail the test) run the two comparisons, which
 * are `trueRange` (defkit.ts) written out. Written as `inside ? high - low : trueRange(...)` the
 * loop ran 1.85 ms per 1M bars (V8 did inline the call; --trace-turbo-inlining), against 1.6 in
 * this form and 2.0 computing both distances on every bar. Same values as `trueRange` on every bar.
 */
export function trangeInto(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): void {
  const n = high.length;
  if (n < 2) return;
  let pc = close[0]!;
  let i = 1;
  for (; i < n - 7; i += 8) {
    const h0 = high[i]!, l0 = low[i]!, c0 = close[i]!;
    let t0 = h0 - l0;
    if (!(pc >= l0 && pc <= h0)) { const up = Math.abs(pc - h0); if (up > t0) t0 = up; const dn = Math.abs(pc - l0); if (dn > t0) t0 = dn; }
    out[i] = t0;
    const h1 = high[i + 1]!, l1 = low[i + 1]!, c1 = close[i + 1]!;
    let t1 = h1 - l1;
    if (!(c0 >= l1 && c0 <= h1)) { const up = Math.abs(c0 - h1); if (up > t1) t1 = up; const dn = Math.abs(c0 - l1); if (dn > t1) t1 = dn; }
    out[i + 1] = t1;
    const h2 = high[i + 2]!, l2 = low[i + 2]!, c2 = close[i + 2]!;
    let t2 = h2 - l2;
    if (!(c1 >= l2 && c1 <= h2)) { const up = Math.abs(c1 - h2); if (up > t2) t2 = up; const dn = Math.abs(c1 - l2); if (dn > t2) t2 = dn; }
    out[i + 2] = t2;
    const h3 = high[i + 3]!, l3 = low[i + 3]!, c3 = close[i + 3]!;
    let t3 = h3 - l3;
    if (!(c2 >= l3 && c2 <= h3)) { const up = Math.abs(c2 - h3); if (up > t3) t3 = up; const dn = Math.abs(c2 - l3); if (dn > t3) t3 = dn; }
    out[i + 3] = t3;
    const h4 = high[i + 4]!, l4 = low[i + 4]!, c4 = close[i + 4]!;
    let t4 = h4 - l4;
    if (!(c3 >= l4 && c3 <= h4)) { const up = Math.abs(c3 - h4); if (up > t4) t4 = up; const dn = Math.abs(c3 - l4); if (dn > t4) t4 = dn; }
    out[i + 4] = t4;
    const h5 = high[i + 5]!, l5 = low[i + 5]!, c5 = close[i + 5]!;
    let t5 = h5 - l5;
    if (!(c4 >= l5 && c4 <= h5)) { const up = Math.abs(c4 - h5); if (up > t5) t5 = up; const dn = Math.abs(c4 - l5); if (dn > t5) t5 = dn; }
    out[i + 5] = t5;
    const h6 = high[i + 6]!, l6 = low[i + 6]!, c6 = close[i + 6]!;
    let t6 = h6 - l6;
    if (!(c5 >= l6 && c5 <= h6)) { const up = Math.abs(c5 - h6); if (up > t6) t6 = up; const dn = Math.abs(c5 - l6); if (dn > t6) t6 = dn; }
    out[i + 6] = t6;
    const h7 = high[i + 7]!, l7 = low[i + 7]!, c7 = close[i + 7]!;
    let t7 = h7 - l7;
    if (!(c6 >= l7 && c6 <= h7)) { const up = Math.abs(c6 - h7); if (up > t7) t7 = up; const dn = Math.abs(c6 - l7); if (dn > t7) t7 = dn; }
    out[i + 7] = t7;
    pc = c7;
  }
  for (; i < n; i++) out[i] = trueRange(high[i]!, low[i]!, close[i - 1]!);
}

export function trange(high: Float64Array, low: Float64Array, close: Float64Array, into?: Float64Array): Float64Array {
  const out = outArray(high.length, 1, into);
  trangeInto(high, low, close, out);
  return out;
}

export const TRANGE: IndicatorDef = {
  name: 'TRANGE', group: VOLATILITY, description: 'True range: the bar range extended to the previous close (price units).',
  interpretation: 'Price units: this bar\'s full move including any gap from the previous close; large values = volatile bars.',
  inputs: ['high', 'low', 'close'], params: [], outputs: real(),
  lookback: () => 1,
  compute: ([h, l, c]) => [trange(h!, l!, c!)],
  computeInto: ([h, l, c], _params, [out]) => { if (!heapTrange(h!, l!, c!, out!)) trange(h!, l!, c!, out); },
};
