/**
 * STOCH: slow stochastic, slow %K = MA of raw %K and slow %D = MA of slow %K, 0..100
 * (warm-up fastK - 1 + both MA warm-ups). The raw %K kernel is shared with STOCHF and STOCHRSI.
 */
import { nanPrefix, scratch, type Arena } from '../arena.js';
import { MaType, type IndicatorDef } from '../types.js';
import { ip, maTypeParam, p, real } from '../defkit.js';
import { maInto, maLookback } from '../overlap/ma.js';
import { highestValueInto, lowestValueInto, MIN_BARS_5, rescanHigh, rescanLow } from '../math/minmax.js';
import { int, MOMENTUM } from './shared.js';
import { stochWasm } from '../wasm/stats.js';

/**
 * Raw %K into out[from+period-1..]: (close - lowest low) / ((highest high - lowest low) / 100),
 * 0 on a flat window. Extremes use TA-Lib's tracking (rescan only when the extreme leaves; the
 * rescans are math/minmax.ts's, first bar of a tie as TA-Lib). Shared with STOCHF and STOCHRSI.
 */
export function fastKInto(high: Float64Array, low: Float64Array, close: Float64Array, from: number, period: number, out: Float64Array): void {
  from |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  period |= 0;
  const n = close.length;
  let trailing = from;
  let loIdx = -1;
  let hiIdx = -1;
  let lo = 0;
  let hi = 0;
  let diff = 0;
  for (let today = from + period - 1; today < n; today++, trailing++) {
    let v = low[today]!;
    if (loIdx < trailing) {
      loIdx = rescanLow(low, trailing, today);
      lo = low[loIdx]!;
      diff = (hi - lo) / 100;
    } else if (v <= lo) {
      loIdx = today;
      lo = v;
      diff = (hi - lo) / 100;
    }
    v = high[today]!;
    if (hiIdx < trailing) {
      hiIdx = rescanHigh(high, trailing, today);
      hi = high[hiIdx]!;
      diff = (hi - lo) / 100;
    } else if (v >= hi) {
      hiIdx = today;
      hi = v;
      diff = (hi - lo) / 100;
    }
    out[today] = diff !== 0 ? (close[today]! - lo) / diff : 0;
  }
}

/**
 * fastKInto and an SMA of the raw %K over `dPeriod` bars (> 1) into dOut from from+period-1+dPeriod-1
 * on: STOCHF's default %D. Two passes, as MIDPRICE's midInto: highestValueInto writes the window
 * highs into kOut, then the low tracker (its rescan bar as the inner loop's bound) reads each high
 * back, writes the raw %K over it and takes the %D sum in smaInto's order (accumulate, then per
 * bar add the newest, divide, drop the oldest, read back from kOut). fastKInto's `diff` is
 * (hi - lo) / 100 of the current extremes on every bar, so the same doubles as fastKInto then maInto.
 */
export function fastKSmaInto(
  high: Float64Array, low: Float64Array, close: Float64Array, from: number, period: number, dPeriod: number,
  kOut: Float64Array, dOut: Float64Array,
): void {
  from |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  period |= 0;
  dPeriod |= 0;
  const n = close.length | 0;
  if (from === 0) highestValueInto(high, period, kOut);
  else highestValueInto(high.subarray(from), period, kOut.subarray(from));
  const start = from + period - 1 + dPeriod - 1;
  let sum = 0;
  let today = (from + period - 1) | 0;
  if (period === 5 && n - from >= MIN_BARS_5) {
    // The 5-bar lows are branch-free (math/minmax.ts highest5Into), with no tracker to fuse with:
    // they go into dOut, each read back before %D is written over it. One pass computing both
    // 5-bar extremes and %K measured ~10% slower than these three.
    if (from === 0) lowestValueInto(low, period, dOut);
    else lowestValueInto(low.subarray(from), period, dOut.subarray(from));
    for (; today < n; today = (today + 1) | 0) {
      const lo = dOut[today]!;
      const diff = (kOut[today]! - lo) / 100;
      const k = diff !== 0 ? (close[today]! - lo) / diff : 0;
      kOut[today] = k;
      sum += k;
      if (today >= start) {
        dOut[today] = sum / dPeriod;
        sum -= kOut[today - dPeriod + 1]!;
      }
    }
    return;
  }
  while (today < n) {
    const loIdx = rescanLow(low, (today - period + 1) | 0, today);
    let lo = low[loIdx]!;
    let diff = (kOut[today]! - lo) / 100;
    let k = diff !== 0 ? (close[today]! - lo) / diff : 0;
    kOut[today] = k;
    sum += k;
    if (today >= start) {
      dOut[today] = sum / dPeriod;
      sum -= kOut[today - dPeriod + 1]!;
    }
    let exit = loIdx + period;
    if (exit > n) exit = n;
    for (today = (today + 1) | 0; today < exit; today = (today + 1) | 0) {
      const v = low[today]!;
      if (v <= lo) {
        lo = v;
        exit = today + period;
        if (exit > n) exit = n;
      }
      diff = (kOut[today]! - lo) / 100;
      k = diff !== 0 ? (close[today]! - lo) / diff : 0;
      kOut[today] = k;
      sum += k;
      if (today >= start) {
        dOut[today] = sum / dPeriod;
        sum -= kOut[today - dPeriod + 1]!;
      }
    }
  }
}

/** Slow stochastic: slow %K = MA of raw %K, slow %D = MA of slow %K (0..100). */
export function stoch(
  high: Float64Array, low: Float64Array, close: Float64Array,
  fastKPeriod: number, slowKPeriod: number, slowKMaType: number, slowDPeriod: number, slowDMaType: number,
  into?: readonly Float64Array[], arena: Arena = scratch,
): [Float64Array, Float64Array] {
  const n = close.length;
  const slowK = into?.[0] ?? new Float64Array(n);
  const slowD = into?.[1] ?? new Float64Array(n);
  stochInto(high, low, close, fastKPeriod, slowKPeriod, slowKMaType, slowDPeriod, slowDMaType, slowK, slowD, arena);
  return [slowK, slowD];
}

/** STOCH into the caller's two outputs (every cell written), raw %K from `arena`. */
export function stochInto(
  high: Float64Array, low: Float64Array, close: Float64Array,
  fastKPeriod: number, slowKPeriod: number, slowKMaType: number, slowDPeriod: number, slowDMaType: number,
  slowK: Float64Array, slowD: Float64Array, arena: Arena,
): void {
  const n = close.length;
  const kStart = fastKPeriod - 1;
  const slowKStart = kStart + maLookback(slowKPeriod, slowKMaType);
  const start = slowKStart + maLookback(slowDPeriod, slowDMaType);
  if (start >= n) {
    nanPrefix(slowK, n);
    nanPrefix(slowD, n);
    return;
  }
  if (slowKMaType === MaType.SMA && slowDMaType === MaType.SMA && slowKPeriod === 3 && slowDPeriod === 3) {
    // series-heap arrays, the default 5-bar range: wasm/stats.ts (false: the JavaScript kernel)
    if (fastKPeriod !== 5 || !stochWasm(high, low, close, slowK, slowD)) stochSma33(high, low, close, fastKPeriod, slowK, slowD);
    nanPrefix(slowK, start);
    nanPrefix(slowD, start);
    return;
  }
  const mark = arena.mark();
  const rawK = arena.take(n);
  if (slowKMaType === MaType.SMA && slowDMaType === MaType.SMA && slowKPeriod > 1 && slowDPeriod > 1) {
    stochSma(high, low, close, fastKPeriod, slowKPeriod, slowDPeriod, rawK, slowK, slowD);
  } else {
    fastKInto(high, low, close, 0, fastKPeriod, rawK);
    maInto(rawK, kStart, slowKPeriod, slowKMaType, slowK);
    maInto(slowK, slowKStart, slowDPeriod, slowDMaType, slowD);
  }
  nanPrefix(slowK, start);
  nanPrefix(slowD, start);
  arena.release(mark);
}

/**
 * STOCH with SMA smoothing on both lines (the default) in one pass: raw %K (fastKInto's
 * tracking), then the two running sums in smaInto's order (add the newest, divide, drop the
 * oldest). Raw %K is kept in `rawK` and slow %K in `slowK` for the values the sums drop later.
 * Needs periods > 1 and n > the lookback; the caller blanks the warm-up.
 */
function stochSma(
  high: Float64Array, low: Float64Array, close: Float64Array, period: number, kPeriod: number, dPeriod: number,
  rawK: Float64Array, slowK: Float64Array, slowD: Float64Array,
): void {
  const n = close.length;
  const kStart = period - 1;
  const slowKStart = kStart + kPeriod - 1;
  const start = slowKStart + dPeriod - 1;
  let trailing = 0;
  let loIdx = -1;
  let hiIdx = -1;
  let lo = 0;
  let hi = 0;
  let diff = 0;
  let sumK = 0;
  let sumD = 0;
  for (let today = kStart; today < n; today++, trailing++) {
    let v = low[today]!;
    if (loIdx < trailing) {
      loIdx = rescanLow(low, trailing, today);
      lo = low[loIdx]!;
      diff = (hi - lo) / 100;
    } else if (v <= lo) {
      loIdx = today;
      lo = v;
      diff = (hi - lo) / 100;
    }
    v = high[today]!;
    if (hiIdx < trailing) {
      hiIdx = rescanHigh(high, trailing, today);
      hi = high[hiIdx]!;
      diff = (hi - lo) / 100;
    } else if (v >= hi) {
      hiIdx = today;
      hi = v;
      diff = (hi - lo) / 100;
    }
    const k = diff !== 0 ? (close[today]! - lo) / diff : 0;
    rawK[today] = k;
    sumK += k;
    if (today < slowKStart) continue;
    const sk = sumK / kPeriod;
    sumK -= rawK[today - kPeriod + 1]!;
    slowK[today] = sk;
    sumD += sk;
    if (today < start) continue;
    slowD[today] = sumD / dPeriod;
    sumD -= slowK[today - dPeriod + 1]!;
  }
}

/**
 * stochSma with both smoothing periods 3 (TA-Lib's defaults): the same arithmetic in the same
 * order, with the two raw %K and two slow %K values the sums drop later held in locals instead
 * of arrays (fewer typed-array accesses per bar, and no temporary). Two passes, as fastKSmaInto:
 * the window highs first (highestValueInto, into slowK), then the low tracker with its rescan bar
 * as the inner loop's bound; diff is (hi - lo) / 100 of the current extremes, as in fastKInto.
 */
function stochSma33(
  high: Float64Array, low: Float64Array, close: Float64Array, period: number, slowK: Float64Array, slowD: Float64Array,
): void {
  const n = close.length | 0;
  period |= 0;
  const kStart = (period - 1) | 0;
  const slowKStart = kStart + 2;
  const start = slowKStart + 2;
  // the window highs go into slowK first; each bar reads its high back before writing slow %K there
  highestValueInto(high, period, slowK);
  let sumK = 0;
  let sumD = 0;
  let raw1 = 0; // raw %K of the previous bar
  let raw2 = 0; // and of the one before
  let slow1 = 0; // slow %K of the previous bar
  let slow2 = 0;
  let today = kStart;
  if (period === 5 && n >= MIN_BARS_5) {
    // as fastKSmaInto: the branch-free 5-bar lows into slowD, each read back before %D is written over it
    lowestValueInto(low, period, slowD);
    for (; today < n; today = (today + 1) | 0) {
      const lo = slowD[today]!;
      const diff = (slowK[today]! - lo) / 100;
      const k = diff !== 0 ? (close[today]! - lo) / diff : 0;
      sumK += k;
      if (today >= slowKStart) {
        const sk = sumK / 3;
        sumK -= raw2;
        slowK[today] = sk;
        sumD += sk;
        if (today >= start) {
          slowD[today] = sumD / 3;
          sumD -= slow2;
        }
        slow2 = slow1;
        slow1 = sk;
      }
      raw2 = raw1;
      raw1 = k;
    }
    return;
  }
  while (today < n) {
    const loIdx = rescanLow(low, (today - period + 1) | 0, today);
    let lo = low[loIdx]!;
    let exit = loIdx + period;
    if (exit > n) exit = n;
    for (;;) {
      const diff = (slowK[today]! - lo) / 100;
      const k = diff !== 0 ? (close[today]! - lo) / diff : 0;
      sumK += k;
      if (today >= slowKStart) {
        const sk = sumK / 3;
        sumK -= raw2;
        slowK[today] = sk;
        sumD += sk;
        if (today >= start) {
          slowD[today] = sumD / 3;
          sumD -= slow2;
        }
        slow2 = slow1;
        slow1 = sk;
      }
      raw2 = raw1;
      raw1 = k;
      today = (today + 1) | 0;
      if (today >= exit) break;
      const v = low[today]!;
      if (v <= lo) {
        lo = v;
        exit = today + period;
        if (exit > n) exit = n;
      }
    }
  }
}

export const STOCH: IndicatorDef = {
  name: 'STOCH', group: MOMENTUM, description: 'Slow stochastic (0..100): where the close sits in the recent high-low range, smoothed; >80 overbought, <20 oversold.',
  interpretation: '0..100: above 80 overbought, below 20 oversold; %K crossing above %D is a buy signal, below a sell signal.',
  inputs: ['high', 'low', 'close'],
  params: [
    int('fastK_Period', 5, 1, 'Bars in the high-low range'),
    int('slowK_Period', 3, 1, 'Smoothing of %K'),
    maTypeParam('slowK_MAType', 0, 'MA type smoothing %K'),
    int('slowD_Period', 3, 1, 'Smoothing of %D'),
    maTypeParam('slowD_MAType', 0, 'MA type smoothing %D'),
  ],
  outputs: real('outSlowK', 'outSlowD'),
  lookback: (ps) => p(ps, 'fastK_Period') - 1 + maLookback(p(ps, 'slowK_Period'), p(ps, 'slowK_MAType')) + maLookback(p(ps, 'slowD_Period'), p(ps, 'slowD_MAType')),
  compute: ([h, l, c], ps) => stoch(h!, l!, c!, p(ps, 'fastK_Period'), p(ps, 'slowK_Period'), p(ps, 'slowK_MAType'), p(ps, 'slowD_Period'), p(ps, 'slowD_MAType')),
  computeInto: ([h, l, c], ps, outs, arena) => {
    stochInto(h!, l!, c!, ip(ps, 'fastK_Period'), ip(ps, 'slowK_Period'), ip(ps, 'slowK_MAType'), ip(ps, 'slowD_Period'), ip(ps, 'slowD_MAType'), outs[0]!, outs[1]!, arena);
  },
  bind: (ps) => {
    const fastK = ip(ps, 'fastK_Period');
    const slowK = ip(ps, 'slowK_Period');
    const slowKType = ip(ps, 'slowK_MAType');
    const slowD = ip(ps, 'slowD_Period');
    const slowDType = ip(ps, 'slowD_MAType');
    return (inputs, outputs, arena) => { stochInto(inputs[0]!, inputs[1]!, inputs[2]!, fastK, slowK, slowKType, slowD, slowDType, outputs[0]!, outputs[1]!, arena); };
  },
};
