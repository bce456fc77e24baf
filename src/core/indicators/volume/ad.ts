/**
 * AD: Chaikin accumulation/distribution line, cumulative from the first bar like TA-Lib's,
 * so its level depends on where the series starts; only changes compare across series
 * (no warm-up). NaN inputs propagate through the running total as in TA-Lib.
 */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { heapAd } from '../wasm/elementwise.js';

export const VOLUME = 'Volume Indicators';

/**
 * Close-location value × volume, accumulated; bars with high <= low add nothing.
 *
 * `acc += range > 0 ? term : 0` instead of `if (range > 0) acc += term`: the same sums (acc
 * starts at +0 and a sum of doubles is -0 only when both addends are, so acc is never -0 and
 * adding +0 leaves it unchanged, NaN included).
 */
export function ad(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, into?: Float64Array): Float64Array {
  const n = high.length;
  const out = into ?? new Float64Array(n);
  adLoop(high, low, close, volume, out, n);
  return out;
}

/*
 * The loop in a function of its own whose body begins with it (LOOP-ONLY KERNELS): V8
 * allocates a function's type feedback lazily, in the middle of the first long loop, so
 * whatever runs before that loop on the first call (here `high.length`, the output) has none
 * when the function is compiled at the second call; that code deoptimizes at once, and since
 * the loops then run in on-stack-replacement code, which spends no tiering budget, the function
 * is never compiled again: every later call runs the OSR code, where loop-carried doubles are
 * boxed (a heap number per update). A standalone AD loop ran 2.3 or 5.0 ms per process that
 * way; as a loop-only function it compiles normally and ran 2.3-2.4 in every process.
 */
function adLoop(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, out: Float64Array, n: number): void {
  let acc = 0;
  let i = 0;
  // Unrolled by 16 (see math/operators.ts): the same additions to the running total in bar order.
  for (; i < n - 15; i += 16) {
    const h0 = high[i]!, l0 = low[i]!, c0 = close[i]!, r0 = h0 - l0;
    const t0 = ((c0 - l0 - (h0 - c0)) / r0) * volume[i]!;
    acc += r0 > 0 ? t0 : 0;
    out[i] = acc;
    const h1 = high[i + 1]!, l1 = low[i + 1]!, c1 = close[i + 1]!, r1 = h1 - l1;
    const t1 = ((c1 - l1 - (h1 - c1)) / r1) * volume[i + 1]!;
    acc += r1 > 0 ? t1 : 0;
    out[i + 1] = acc;
    const h2 = high[i + 2]!, l2 = low[i + 2]!, c2 = close[i + 2]!, r2 = h2 - l2;
    const t2 = ((c2 - l2 - (h2 - c2)) / r2) * volume[i + 2]!;
    acc += r2 > 0 ? t2 : 0;
    out[i + 2] = acc;
    const h3 = high[i + 3]!, l3 = low[i + 3]!, c3 = close[i + 3]!, r3 = h3 - l3;
    const t3 = ((c3 - l3 - (h3 - c3)) / r3) * volume[i + 3]!;
    acc += r3 > 0 ? t3 : 0;
    out[i + 3] = acc;
    const h4 = high[i + 4]!, l4 = low[i + 4]!, c4 = close[i + 4]!, r4 = h4 - l4;
    const t4 = ((c4 - l4 - (h4 - c4)) / r4) * volume[i + 4]!;
    acc += r4 > 0 ? t4 : 0;
    out[i + 4] = acc;
    const h5 = high[i + 5]!, l5 = low[i + 5]!, c5 = close[i + 5]!, r5 = h5 - l5;
    const t5 = ((c5 - l5 - (h5 - c5)) / r5) * volume[i + 5]!;
    acc += r5 > 0 ? t5 : 0;
    out[i + 5] = acc;
    const h6 = high[i + 6]!, l6 = low[i + 6]!, c6 = close[i + 6]!, r6 = h6 - l6;
    const t6 = ((c6 - l6 - (h6 - c6)) / r6) * volume[i + 6]!;
    acc += r6 > 0 ? t6 : 0;
    out[i + 6] = acc;
    const h7 = high[i + 7]!, l7 = low[i + 7]!, c7 = close[i + 7]!, r7 = h7 - l7;
    const t7 = ((c7 - l7 - (h7 - c7)) / r7) * volume[i + 7]!;
    acc += r7 > 0 ? t7 : 0;
    out[i + 7] = acc;
    const h8 = high[i + 8]!, l8 = low[i + 8]!, c8 = close[i + 8]!, r8 = h8 - l8;
    const t8 = ((c8 - l8 - (h8 - c8)) / r8) * volume[i + 8]!;
    acc += r8 > 0 ? t8 : 0;
    out[i + 8] = acc;
    const h9 = high[i + 9]!, l9 = low[i + 9]!, c9 = close[i + 9]!, r9 = h9 - l9;
    const t9 = ((c9 - l9 - (h9 - c9)) / r9) * volume[i + 9]!;
    acc += r9 > 0 ? t9 : 0;
    out[i + 9] = acc;
    const h10 = high[i + 10]!, l10 = low[i + 10]!, c10 = close[i + 10]!, r10 = h10 - l10;
    const t10 = ((c10 - l10 - (h10 - c10)) / r10) * volume[i + 10]!;
    acc += r10 > 0 ? t10 : 0;
    out[i + 10] = acc;
    const h11 = high[i + 11]!, l11 = low[i + 11]!, c11 = close[i + 11]!, r11 = h11 - l11;
    const t11 = ((c11 - l11 - (h11 - c11)) / r11) * volume[i + 11]!;
    acc += r11 > 0 ? t11 : 0;
    out[i + 11] = acc;
    const h12 = high[i + 12]!, l12 = low[i + 12]!, c12 = close[i + 12]!, r12 = h12 - l12;
    const t12 = ((c12 - l12 - (h12 - c12)) / r12) * volume[i + 12]!;
    acc += r12 > 0 ? t12 : 0;
    out[i + 12] = acc;
    const h13 = high[i + 13]!, l13 = low[i + 13]!, c13 = close[i + 13]!, r13 = h13 - l13;
    const t13 = ((c13 - l13 - (h13 - c13)) / r13) * volume[i + 13]!;
    acc += r13 > 0 ? t13 : 0;
    out[i + 13] = acc;
    const h14 = high[i + 14]!, l14 = low[i + 14]!, c14 = close[i + 14]!, r14 = h14 - l14;
    const t14 = ((c14 - l14 - (h14 - c14)) / r14) * volume[i + 14]!;
    acc += r14 > 0 ? t14 : 0;
    out[i + 14] = acc;
    const h15 = high[i + 15]!, l15 = low[i + 15]!, c15 = close[i + 15]!, r15 = h15 - l15;
    const t15 = ((c15 - l15 - (h15 - c15)) / r15) * volume[i + 15]!;
    acc += r15 > 0 ? t15 : 0;
    out[i + 15] = acc;
  }
  for (; i < n; i++) {
    const h = high[i]!, l = low[i]!, c = close[i]!, range = h - l;
    const t = ((c - l - (h - c)) / range) * volume[i]!;
    acc += range > 0 ? t : 0;
    out[i] = acc;
  }
}

export const AD: IndicatorDef = {
  name: 'AD', group: VOLUME, description: 'Chaikin accumulation/distribution line: rising = closes near highs on volume (buying pressure).',
  interpretation: 'Volume units, cumulative: a rising line = accumulation (buying pressure), falling = distribution; divergence from price warns of a reversal. Only changes matter, not the level.',
  inputs: ['high', 'low', 'close', 'volume'], params: [], outputs: real(),
  lookback: () => 0,
  compute: ([h, l, c, v]) => [ad(h!, l!, c!, v!)],
  computeInto: ([h, l, c, v], _params, [out]) => { if (!heapAd(h!, l!, c!, v!, out!)) ad(h!, l!, c!, v!, out); },
};
