/**
 * TRANGE: true range, the bar's range extended to the previous close (warm-up 1). The
 * per-bar `trueRange` (defkit.ts) is what ATR, NATR, the DI/DX/ADX family, ULTOSC and the
 * extras' ATR all use. NaN inputs propagate as in TA-Lib: a NaN range stays NaN.
 */
import { outArray } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { real, trueRange } from '../defkit.js';

export const VOLATILITY = 'Volatility Indicators';

/**
 * True range into out[1..]. The per-bar step is `trueRange` (defkit.ts) written out: same
 * operations in the same order, so the same values. Unrolled by 16 (see math/operators.ts), with
 * the previous close of each group's first bar carried from the group before.
 */
export function trangeInto(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): void {
  const n = high.length;
  if (n < 2) return;
  let pc = close[0]!;
  let i = 1;
  for (; i < n - 15; i += 16) {
    { const hk = high[i]!, lk = low[i]!; let t = hk - lk; const up = Math.abs(pc - hk); if (up > t) t = up; const dn = Math.abs(pc - lk); if (dn > t) t = dn; out[i] = t; }
    { const hk = high[i + 1]!, lk = low[i + 1]!; let t = hk - lk; const up = Math.abs(close[i]! - hk); if (up > t) t = up; const dn = Math.abs(close[i]! - lk); if (dn > t) t = dn; out[i + 1] = t; }
    { const hk = high[i + 2]!, lk = low[i + 2]!; let t = hk - lk; const up = Math.abs(close[i + 1]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 1]! - lk); if (dn > t) t = dn; out[i + 2] = t; }
    { const hk = high[i + 3]!, lk = low[i + 3]!; let t = hk - lk; const up = Math.abs(close[i + 2]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 2]! - lk); if (dn > t) t = dn; out[i + 3] = t; }
    { const hk = high[i + 4]!, lk = low[i + 4]!; let t = hk - lk; const up = Math.abs(close[i + 3]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 3]! - lk); if (dn > t) t = dn; out[i + 4] = t; }
    { const hk = high[i + 5]!, lk = low[i + 5]!; let t = hk - lk; const up = Math.abs(close[i + 4]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 4]! - lk); if (dn > t) t = dn; out[i + 5] = t; }
    { const hk = high[i + 6]!, lk = low[i + 6]!; let t = hk - lk; const up = Math.abs(close[i + 5]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 5]! - lk); if (dn > t) t = dn; out[i + 6] = t; }
    { const hk = high[i + 7]!, lk = low[i + 7]!; let t = hk - lk; const up = Math.abs(close[i + 6]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 6]! - lk); if (dn > t) t = dn; out[i + 7] = t; }
    { const hk = high[i + 8]!, lk = low[i + 8]!; let t = hk - lk; const up = Math.abs(close[i + 7]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 7]! - lk); if (dn > t) t = dn; out[i + 8] = t; }
    { const hk = high[i + 9]!, lk = low[i + 9]!; let t = hk - lk; const up = Math.abs(close[i + 8]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 8]! - lk); if (dn > t) t = dn; out[i + 9] = t; }
    { const hk = high[i + 10]!, lk = low[i + 10]!; let t = hk - lk; const up = Math.abs(close[i + 9]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 9]! - lk); if (dn > t) t = dn; out[i + 10] = t; }
    { const hk = high[i + 11]!, lk = low[i + 11]!; let t = hk - lk; const up = Math.abs(close[i + 10]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 10]! - lk); if (dn > t) t = dn; out[i + 11] = t; }
    { const hk = high[i + 12]!, lk = low[i + 12]!; let t = hk - lk; const up = Math.abs(close[i + 11]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 11]! - lk); if (dn > t) t = dn; out[i + 12] = t; }
    { const hk = high[i + 13]!, lk = low[i + 13]!; let t = hk - lk; const up = Math.abs(close[i + 12]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 12]! - lk); if (dn > t) t = dn; out[i + 13] = t; }
    { const hk = high[i + 14]!, lk = low[i + 14]!; let t = hk - lk; const up = Math.abs(close[i + 13]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 13]! - lk); if (dn > t) t = dn; out[i + 14] = t; }
    { const hk = high[i + 15]!, lk = low[i + 15]!; let t = hk - lk; const up = Math.abs(close[i + 14]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 14]! - lk); if (dn > t) t = dn; out[i + 15] = t; }
    pc = close[i + 15]!;
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
  computeInto: ([h, l, c], _params, [out]) => { trange(h!, l!, c!, out); },
};
