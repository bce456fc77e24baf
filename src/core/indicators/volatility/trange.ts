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
 * operations in the same order, so the same values. Unrolled by 4 (see math/operators.ts), with
 * the previous close of each group's first bar carried from the group before.
 */
export function trangeInto(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): void {
  const n = high.length;
  if (n < 2) return;
  let pc = close[0]!;
  let i = 1;
  for (; i < n - 3; i += 4) {
    { const hk = high[i]!, lk = low[i]!; let t = hk - lk; const up = Math.abs(pc - hk); if (up > t) t = up; const dn = Math.abs(pc - lk); if (dn > t) t = dn; out[i] = t; }
    { const hk = high[i + 1]!, lk = low[i + 1]!; let t = hk - lk; const up = Math.abs(close[i]! - hk); if (up > t) t = up; const dn = Math.abs(close[i]! - lk); if (dn > t) t = dn; out[i + 1] = t; }
    { const hk = high[i + 2]!, lk = low[i + 2]!; let t = hk - lk; const up = Math.abs(close[i + 1]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 1]! - lk); if (dn > t) t = dn; out[i + 2] = t; }
    { const hk = high[i + 3]!, lk = low[i + 3]!; let t = hk - lk; const up = Math.abs(close[i + 2]! - hk); if (up > t) t = up; const dn = Math.abs(close[i + 2]! - lk); if (dn > t) t = dn; out[i + 3] = t; }
    pc = close[i + 3]!;
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
