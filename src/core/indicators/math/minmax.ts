/**
 * MAX, MIN, MAXINDEX, MININDEX, MINMAX and MINMAXINDEX: rolling extremes over the window
 * (warm-up period - 1), and the trackers and window rescans MIDPRICE, MIDPOINT, WILLR, STOCH and AROON build on.
 *
 * They follow TA-Lib's extreme tracking (keep the current extreme, rescan the window only when
 * it slides out) rather than a monotonic deque: the *INDEX outputs must pick the same bar as
 * TA-Lib when values tie, and that choice is path dependent (a rescan keeps the oldest tie, an
 * incoming equal value takes over). NaN inputs propagate through the comparisons as in TA-Lib.
 * The one exception is the value of a 5-bar MAX/MIN, which does not depend on which tied bar is
 * kept: see highest5Into.
 */
import { outArray } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { integer, p, periodParam, real } from '../defkit.js';
import { extremeIndexWasm, extremeWasm, midWasm, minMaxIndexWasm, minMaxWasm } from '../wasm/extremes.js';

export const MATH_OPERATORS = 'Math Operators';

/*
 * Rescans of the window [from, to] for TA-Lib's extreme trackers: the index of the first
 * (strict `>`/`<`, as MAX/MIN/WILLR/STOCH) or last (`>=`/`<=`, as AROON) extreme, compared in
 * TA-Lib's order, so NaN and signed-zero ties pick the same bar. Unrolled by 4: TA-Lib's C
 * rescan is branch-free (maxsd + cmov); V8 emits a branch per compare and re-checks the typed
 * array on every loop iteration, so fewer iterations matter. Index sums are truncated to int32
 * (`| 0`: indices of a typed array never overflow it), which spares V8 an overflow check per
 * element. The caller reads the value back as src[index], the very element the tracker would
 * have kept.
 */
export function rescanHigh(src: Float64Array, from: number, to: number): number {
  let idx = from;
  let hi = src[from]!;
  let i = (from + 1) | 0;
  const last4 = (to - 3) | 0;
  for (; i <= last4; i = (i + 4) | 0) {
    const i1 = (i + 1) | 0, i2 = (i + 2) | 0, i3 = (i + 3) | 0;
    const t0 = src[i]!, t1 = src[i1]!, t2 = src[i2]!, t3 = src[i3]!;
    if (t0 > hi) { idx = i; hi = t0; }
    if (t1 > hi) { idx = i1; hi = t1; }
    if (t2 > hi) { idx = i2; hi = t2; }
    if (t3 > hi) { idx = i3; hi = t3; }
  }
  for (; i <= to; i = (i + 1) | 0) { const t = src[i]!; if (t > hi) { idx = i; hi = t; } }
  return idx;
}

export function rescanLow(src: Float64Array, from: number, to: number): number {
  let idx = from;
  let lo = src[from]!;
  let i = (from + 1) | 0;
  const last4 = (to - 3) | 0;
  for (; i <= last4; i = (i + 4) | 0) {
    const i1 = (i + 1) | 0, i2 = (i + 2) | 0, i3 = (i + 3) | 0;
    const t0 = src[i]!, t1 = src[i1]!, t2 = src[i2]!, t3 = src[i3]!;
    if (t0 < lo) { idx = i; lo = t0; }
    if (t1 < lo) { idx = i1; lo = t1; }
    if (t2 < lo) { idx = i2; lo = t2; }
    if (t3 < lo) { idx = i3; lo = t3; }
  }
  for (; i <= to; i = (i + 1) | 0) { const t = src[i]!; if (t < lo) { idx = i; lo = t; } }
  return idx;
}

/** rescanHigh with `>=`: the last bar of a tie (AROON). */
export function rescanHighLast(src: Float64Array, from: number, to: number): number {
  let idx = from;
  let hi = src[from]!;
  let i = (from + 1) | 0;
  const last4 = (to - 3) | 0;
  for (; i <= last4; i = (i + 4) | 0) {
    const i1 = (i + 1) | 0, i2 = (i + 2) | 0, i3 = (i + 3) | 0;
    const t0 = src[i]!, t1 = src[i1]!, t2 = src[i2]!, t3 = src[i3]!;
    if (t0 >= hi) { idx = i; hi = t0; }
    if (t1 >= hi) { idx = i1; hi = t1; }
    if (t2 >= hi) { idx = i2; hi = t2; }
    if (t3 >= hi) { idx = i3; hi = t3; }
  }
  for (; i <= to; i = (i + 1) | 0) { const t = src[i]!; if (t >= hi) { idx = i; hi = t; } }
  return idx;
}

/** rescanLow with `<=`: the last bar of a tie (AROON). */
export function rescanLowLast(src: Float64Array, from: number, to: number): number {
  let idx = from;
  let lo = src[from]!;
  let i = (from + 1) | 0;
  const last4 = (to - 3) | 0;
  for (; i <= last4; i = (i + 4) | 0) {
    const i1 = (i + 1) | 0, i2 = (i + 2) | 0, i3 = (i + 3) | 0;
    const t0 = src[i]!, t1 = src[i1]!, t2 = src[i2]!, t3 = src[i3]!;
    if (t0 <= lo) { idx = i; lo = t0; }
    if (t1 <= lo) { idx = i1; lo = t1; }
    if (t2 <= lo) { idx = i2; lo = t2; }
    if (t3 <= lo) { idx = i3; lo = t3; }
  }
  for (; i <= to; i = (i + 1) | 0) { const t = src[i]!; if (t <= lo) { idx = i; lo = t; } }
  return idx;
}

/*
 * The rolling trackers. Each writes one kind of output (the extreme's value, or its absolute
 * index) into one array: a kernel with optional `outVal`/`outIdx` (null for the one not wanted)
 * tested both per bar and, called with null by one function and an array by another, had V8
 * re-check the output's type and reload its pointers on every bar (MAX ~15% slower, measured).
 * TA-Lib rescans on the bar where the extreme's index falls behind the window's first bar, that
 * is at index + period; the trackers compute that bar once per extreme (`exit`) and run the bars
 * before it in an inner loop that only compares the incoming value, instead of testing the
 * index against the moving window start on every bar. Same rescans on the same bars.
 */

/*
 * From SPLIT_MIN bars on, a tracker's rescan of [a, today] scans [a + 1, today] and compares the
 * result with bar a: the same first extreme as TA-Lib's scan of the whole window (a NaN at a + 1,
 * the one case where the two differ, takes the whole scan). When bar a wins, it leaves the window
 * on the next bar, whose rescan is then the chain of [a + 1, today] continued by that bar: one
 * compare instead of a scan. On the bundled candles the window's first bar holds the extreme in
 * about half the rescans (a falling market, for the max). Measured MAX (30 bars) ~10% faster;
 * at 5 bars (STOCH's high pass) slower, hence the bound.
 */
export const SPLIT_MIN = 12;

/*
 * Rolling max/min over exactly 5 bars (STOCH's and STOCHF's default range) without a
 * data-dependent branch: per bar a tournament of index selects, `k + ((j - k) & -(x[j] > x[k]))`
 * (V8 emits no branch for a comparison turned into a number, and cannot do the same with a
 * ternary on doubles), the pair (t-4, t-3) carried from two bars before. The trackers branch on
 * every new extreme and every rescan, which on 5 bars is a third of the bars. Returns false when
 * an input is NaN or a zero (x * x > 0 fails), the only values where the first maximum's value
 * can differ from the one TA-Lib's tracker keeps (NaN skipped or kept by position, -0 vs 0);
 * the caller then runs the tracker over the same outputs (so does a value whose square
 * underflows to 0, harmlessly). Measured ~35% faster than the tracker. Not for longer windows:
 * at 14 bars the same selects over levels of 2, 4 and 8 bars (index rings) measured ~45% slower
 * than the tracker, and a branch-free rescan inside the tracker was slower too.
 */
/**
 * Series shorter than this keep the trackers at 5 bars: on a 200-bar window computed over and over
 * (the request benchmark's shape) the branch predictor learns the trackers' branches and they beat
 * the tournament (STOCH 5 bars: 2.05 vs 2.73 us per call); at 1M bars the tournament wins.
 */
export const MIN_BARS_5 = 2048;

function highest5Into(src: Float64Array, out: Float64Array): boolean {
  const n = src.length | 0;
  if (n < 5) return true;
  let ok = +(src[0]! * src[0]! > 0) & +(src[1]! * src[1]! > 0) & +(src[2]! * src[2]! > 0) & +(src[3]! * src[3]! > 0);
  let kp = +(src[1]! > src[0]!); // first extreme of bars (t-4, t-3) for the current t
  let kq = (1 + +(src[2]! > src[1]!)) | 0; // and for t + 1
  let t = 4;
  // two bars per turn (~10% faster than one): bar t's new pair (t-2, t-1) and bar t+1's (t-1, t)
  for (; ((t + 1) | 0) < n; t = (t + 2) | 0) {
    const c = (t - 2) | 0, c1 = (t - 1) | 0, t1 = (t + 1) | 0;
    const x0 = src[t]!, x1 = src[t1]!;
    ok &= +(x0 * x0 > 0) & +(x1 * x1 > 0);
    const kr = (c + +(src[c1]! > src[c]!)) | 0;
    const ks = (c1 + +(x0 > src[c1]!)) | 0;
    const a3 = (kp + ((kr - kp) & -+(src[kr]! > src[kp]!))) | 0;
    const b3 = (kq + ((ks - kq) & -+(src[ks]! > src[kq]!))) | 0;
    out[t] = src[(a3 + ((t - a3) & -+(x0 > src[a3]!))) | 0]!;
    out[t1] = src[(b3 + ((t1 - b3) & -+(x1 > src[b3]!))) | 0]!;
    kp = kr;
    kq = ks;
  }
  if (t < n) {
    const c = (t - 2) | 0;
    const x = src[t]!;
    ok &= +(x * x > 0);
    const kr = (c + +(src[(c + 1) | 0]! > src[c]!)) | 0;
    const k3 = (kp + ((kr - kp) & -+(src[kr]! > src[kp]!))) | 0;
    out[t] = src[(k3 + ((t - k3) & -+(x > src[k3]!))) | 0]!;
  }
  return ok !== 0;
}

/** highest5Into's mirror: the first minimum. */
function lowest5Into(src: Float64Array, out: Float64Array): boolean {
  const n = src.length | 0;
  if (n < 5) return true;
  let ok = +(src[0]! * src[0]! > 0) & +(src[1]! * src[1]! > 0) & +(src[2]! * src[2]! > 0) & +(src[3]! * src[3]! > 0);
  let kp = +(src[1]! < src[0]!); // first extreme of bars (t-4, t-3) for the current t
  let kq = (1 + +(src[2]! < src[1]!)) | 0; // and for t + 1
  let t = 4;
  // two bars per turn (~10% faster than one): bar t's new pair (t-2, t-1) and bar t+1's (t-1, t)
  for (; ((t + 1) | 0) < n; t = (t + 2) | 0) {
    const c = (t - 2) | 0, c1 = (t - 1) | 0, t1 = (t + 1) | 0;
    const x0 = src[t]!, x1 = src[t1]!;
    ok &= +(x0 * x0 > 0) & +(x1 * x1 > 0);
    const kr = (c + +(src[c1]! < src[c]!)) | 0;
    const ks = (c1 + +(x0 < src[c1]!)) | 0;
    const a3 = (kp + ((kr - kp) & -+(src[kr]! < src[kp]!))) | 0;
    const b3 = (kq + ((ks - kq) & -+(src[ks]! < src[kq]!))) | 0;
    out[t] = src[(a3 + ((t - a3) & -+(x0 < src[a3]!))) | 0]!;
    out[t1] = src[(b3 + ((t1 - b3) & -+(x1 < src[b3]!))) | 0]!;
    kp = kr;
    kq = ks;
  }
  if (t < n) {
    const c = (t - 2) | 0;
    const x = src[t]!;
    ok &= +(x * x > 0);
    const kr = (c + +(src[(c + 1) | 0]! < src[c]!)) | 0;
    const k3 = (kp + ((kr - kp) & -+(src[kr]! < src[kp]!))) | 0;
    out[t] = src[(k3 + ((t - k3) & -+(x < src[k3]!))) | 0]!;
  }
  return ok !== 0;
}

/** Rolling max over `period` bars (period >= 1): the value from period-1 on. */
export function highestValueInto(src: Float64Array, period: number, out: Float64Array): void {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  if (period === 5 && src.length >= MIN_BARS_5 && highest5Into(src, out)) return;
  const n = src.length | 0;
  let today = (period - 1) | 0;
  let pend = -1; // see SPLIT_MIN
  let pendV = 0;
  while (today < n) {
    let hiIdx: number;
    if (pend >= 0) {
      hiIdx = src[today]! > pendV ? today : pend;
      pend = -1;
    } else if (period >= SPLIT_MIN) {
      const a = (today - period + 1) | 0;
      const r = rescanHigh(src, (a + 1) | 0, today);
      const rv = src[r]!;
      if (rv !== rv) hiIdx = rescanHigh(src, a, today);
      else if (rv > src[a]!) hiIdx = r;
      else {
        hiIdx = a;
        pend = r;
        pendV = rv;
      }
    } else hiIdx = rescanHigh(src, (today - period + 1) | 0, today);
    let hi = src[hiIdx]!;
    out[today] = hi;
    let exit = (hiIdx + period) | 0;
    today = (today + 1) | 0;
    // Four bars per turn while the block ends before the rescan bar (~4% at 30 bars, and the
    // same in the three trackers below): an update only moves that bar later (to the updating
    // bar + period), so a block that starts before it stays before it.
    while (((today + 3) | 0) < exit && ((today + 3) | 0) < n) {
      const v0 = src[today]!, v1 = src[(today + 1) | 0]!, v2 = src[(today + 2) | 0]!, v3 = src[(today + 3) | 0]!;
      if (v0 >= hi) { hi = v0; exit = (today + period) | 0; }
      out[today] = hi;
      if (v1 >= hi) { hi = v1; exit = ((today + 1) + period) | 0; }
      out[(today + 1) | 0] = hi;
      if (v2 >= hi) { hi = v2; exit = ((today + 2) + period) | 0; }
      out[(today + 2) | 0] = hi;
      if (v3 >= hi) { hi = v3; exit = ((today + 3) + period) | 0; }
      out[(today + 3) | 0] = hi;
      today = (today + 4) | 0;
    }
    if (exit > n) exit = n;
    for (; today < exit; today = (today + 1) | 0) {
      const v = src[today]!;
      if (v >= hi) {
        hi = v;
        exit = today + period;
        if (exit > n) exit = n;
      }
      out[today] = hi;
    }
  }
}

/** Rolling max over `period` bars: its absolute index from period-1 on (highestValueInto's tracker). */
export function highestIndexInto(src: Float64Array, period: number, out: Float64Array): void {
  period |= 0;
  const n = src.length | 0;
  let today = (period - 1) | 0;
  let pend = -1; // see SPLIT_MIN
  let pendV = 0;
  while (today < n) {
    let hiIdx: number;
    if (pend >= 0) {
      hiIdx = src[today]! > pendV ? today : pend;
      pend = -1;
    } else if (period >= SPLIT_MIN) {
      const a = (today - period + 1) | 0;
      const r = rescanHigh(src, (a + 1) | 0, today);
      const rv = src[r]!;
      if (rv !== rv) hiIdx = rescanHigh(src, a, today);
      else if (rv > src[a]!) hiIdx = r;
      else {
        hiIdx = a;
        pend = r;
        pendV = rv;
      }
    } else hiIdx = rescanHigh(src, (today - period + 1) | 0, today);
    let hi = src[hiIdx]!;
    out[today] = hiIdx;
    let exit = (hiIdx + period) | 0;
    today = (today + 1) | 0;
    while (((today + 3) | 0) < exit && ((today + 3) | 0) < n) {
      const v0 = src[today]!, v1 = src[(today + 1) | 0]!, v2 = src[(today + 2) | 0]!, v3 = src[(today + 3) | 0]!;
      if (v0 >= hi) { hiIdx = today; hi = v0; exit = (today + period) | 0; }
      out[today] = hiIdx;
      if (v1 >= hi) { hiIdx = (today + 1) | 0; hi = v1; exit = ((today + 1) + period) | 0; }
      out[(today + 1) | 0] = hiIdx;
      if (v2 >= hi) { hiIdx = (today + 2) | 0; hi = v2; exit = ((today + 2) + period) | 0; }
      out[(today + 2) | 0] = hiIdx;
      if (v3 >= hi) { hiIdx = (today + 3) | 0; hi = v3; exit = ((today + 3) + period) | 0; }
      out[(today + 3) | 0] = hiIdx;
      today = (today + 4) | 0;
    }
    if (exit > n) exit = n;
    for (; today < exit; today = (today + 1) | 0) {
      const v = src[today]!;
      if (v >= hi) {
        hiIdx = today;
        hi = v;
        exit = today + period;
        if (exit > n) exit = n;
      }
      out[today] = hiIdx;
    }
  }
}

/** Rolling min over `period` bars (period >= 1): the value from period-1 on. */
export function lowestValueInto(src: Float64Array, period: number, out: Float64Array): void {
  period |= 0;
  if (period === 5 && src.length >= MIN_BARS_5 && lowest5Into(src, out)) return;
  const n = src.length | 0;
  let today = (period - 1) | 0;
  let pend = -1; // see SPLIT_MIN
  let pendV = 0;
  while (today < n) {
    let loIdx: number;
    if (pend >= 0) {
      loIdx = src[today]! < pendV ? today : pend;
      pend = -1;
    } else if (period >= SPLIT_MIN) {
      const a = (today - period + 1) | 0;
      const r = rescanLow(src, (a + 1) | 0, today);
      const rv = src[r]!;
      if (rv !== rv) loIdx = rescanLow(src, a, today);
      else if (rv < src[a]!) loIdx = r;
      else {
        loIdx = a;
        pend = r;
        pendV = rv;
      }
    } else loIdx = rescanLow(src, (today - period + 1) | 0, today);
    let lo = src[loIdx]!;
    out[today] = lo;
    let exit = (loIdx + period) | 0;
    today = (today + 1) | 0;
    while (((today + 3) | 0) < exit && ((today + 3) | 0) < n) {
      const v0 = src[today]!, v1 = src[(today + 1) | 0]!, v2 = src[(today + 2) | 0]!, v3 = src[(today + 3) | 0]!;
      if (v0 <= lo) { lo = v0; exit = (today + period) | 0; }
      out[today] = lo;
      if (v1 <= lo) { lo = v1; exit = ((today + 1) + period) | 0; }
      out[(today + 1) | 0] = lo;
      if (v2 <= lo) { lo = v2; exit = ((today + 2) + period) | 0; }
      out[(today + 2) | 0] = lo;
      if (v3 <= lo) { lo = v3; exit = ((today + 3) + period) | 0; }
      out[(today + 3) | 0] = lo;
      today = (today + 4) | 0;
    }
    if (exit > n) exit = n;
    for (; today < exit; today = (today + 1) | 0) {
      const v = src[today]!;
      if (v <= lo) {
        lo = v;
        exit = today + period;
        if (exit > n) exit = n;
      }
      out[today] = lo;
    }
  }
}

/** Rolling min over `period` bars: its absolute index from period-1 on (lowestValueInto's tracker). */
export function lowestIndexInto(src: Float64Array, period: number, out: Float64Array): void {
  period |= 0;
  const n = src.length | 0;
  let today = (period - 1) | 0;
  let pend = -1; // see SPLIT_MIN
  let pendV = 0;
  while (today < n) {
    let loIdx: number;
    if (pend >= 0) {
      loIdx = src[today]! < pendV ? today : pend;
      pend = -1;
    } else if (period >= SPLIT_MIN) {
      const a = (today - period + 1) | 0;
      const r = rescanLow(src, (a + 1) | 0, today);
      const rv = src[r]!;
      if (rv !== rv) loIdx = rescanLow(src, a, today);
      else if (rv < src[a]!) loIdx = r;
      else {
        loIdx = a;
        pend = r;
        pendV = rv;
      }
    } else loIdx = rescanLow(src, (today - period + 1) | 0, today);
    let lo = src[loIdx]!;
    out[today] = loIdx;
    let exit = (loIdx + period) | 0;
    today = (today + 1) | 0;
    while (((today + 3) | 0) < exit && ((today + 3) | 0) < n) {
      const v0 = src[today]!, v1 = src[(today + 1) | 0]!, v2 = src[(today + 2) | 0]!, v3 = src[(today + 3) | 0]!;
      if (v0 <= lo) { loIdx = today; lo = v0; exit = (today + period) | 0; }
      out[today] = loIdx;
      if (v1 <= lo) { loIdx = (today + 1) | 0; lo = v1; exit = ((today + 1) + period) | 0; }
      out[(today + 1) | 0] = loIdx;
      if (v2 <= lo) { loIdx = (today + 2) | 0; lo = v2; exit = ((today + 2) + period) | 0; }
      out[(today + 2) | 0] = loIdx;
      if (v3 <= lo) { loIdx = (today + 3) | 0; lo = v3; exit = ((today + 3) + period) | 0; }
      out[(today + 3) | 0] = loIdx;
      today = (today + 4) | 0;
    }
    if (exit > n) exit = n;
    for (; today < exit; today = (today + 1) | 0) {
      const v = src[today]!;
      if (v <= lo) {
        loIdx = today;
        lo = v;
        exit = today + period;
        if (exit > n) exit = n;
      }
      out[today] = loIdx;
    }
  }
}

/** Rolling max over `period` bars; writes values and/or absolute indices from period-1. */
export function highestInto(src: Float64Array, period: number, outVal: Float64Array | null, outIdx: Float64Array | null): void {
  if (outVal) highestValueInto(src, period, outVal);
  if (outIdx) highestIndexInto(src, period, outIdx);
}

/** Rolling min over `period` bars; mirror of highestInto. */
export function lowestInto(src: Float64Array, period: number, outVal: Float64Array | null, outIdx: Float64Array | null): void {
  if (outVal) lowestValueInto(src, period, outVal);
  if (outIdx) lowestIndexInto(src, period, outIdx);
}

/**
 * (rolling max of `hiSrc` + rolling min of `loSrc`) / 2 from period-1 on: MIDPRICE and MIDPOINT.
 * Two passes: highestValueInto writes the highs into `out`, then lowestValueInto's tracker adds
 * each low to them (same extremes, same (hi + lo) / 2, so the same values). Each pass keeps one
 * tracker's rescan bar as its inner loop's bound; one pass with both trackers (a rescan test per
 * bar, as before 2026-11-30) measured ~8% slower despite reading `out` once, and bounding its
 * inner loop by the earlier of the two rescan bars did not help. The low pass splits its rescans
 * (SPLIT_MIN) and takes four bars per turn as lowestValueInto does (~1.5% for MIDPRICE).
 * Inputs holding a NaN, an infinity or a zero take TA-Lib's own rescan loop (midRescanInto).
 */
export function midInto(hiSrc: Float64Array, loSrc: Float64Array, period: number, out: Float64Array): void {
  if (midWasm(hiSrc, loSrc, period, out)) return;
  if (!nonZeroFinite(hiSrc) || (loSrc !== hiSrc && !nonZeroFinite(loSrc))) {
    midRescanInto(hiSrc, loSrc, period, out);
    return;
  }
  highestValueInto(hiSrc, period, out);
  period |= 0;
  const n = loSrc.length | 0;
  let today = (period - 1) | 0;
  let pend = -1; // see SPLIT_MIN
  let pendV = 0;
  while (today < n) {
    let loIdx: number;
    if (pend >= 0) {
      loIdx = loSrc[today]! < pendV ? today : pend;
      pend = -1;
    } else if (period >= SPLIT_MIN) {
      const a = (today - period + 1) | 0;
      const r = rescanLow(loSrc, (a + 1) | 0, today);
      const rv = loSrc[r]!;
      if (rv !== rv) loIdx = rescanLow(loSrc, a, today);
      else if (rv < loSrc[a]!) loIdx = r;
      else {
        loIdx = a;
        pend = r;
        pendV = rv;
      }
    } else loIdx = rescanLow(loSrc, (today - period + 1) | 0, today);
    let lo = loSrc[loIdx]!;
    out[today] = (out[today]! + lo) / 2;
    let exit = (loIdx + period) | 0;
    today = (today + 1) | 0;
    while (((today + 3) | 0) < exit && ((today + 3) | 0) < n) {
      const v0 = loSrc[today]!, v1 = loSrc[(today + 1) | 0]!, v2 = loSrc[(today + 2) | 0]!, v3 = loSrc[(today + 3) | 0]!;
      if (v0 <= lo) { lo = v0; exit = (today + period) | 0; }
      out[today] = (out[today]! + lo) / 2;
      if (v1 <= lo) { lo = v1; exit = ((today + 1) + period) | 0; }
      out[(today + 1) | 0] = (out[(today + 1) | 0]! + lo) / 2;
      if (v2 <= lo) { lo = v2; exit = ((today + 2) + period) | 0; }
      out[(today + 2) | 0] = (out[(today + 2) | 0]! + lo) / 2;
      if (v3 <= lo) { lo = v3; exit = ((today + 3) + period) | 0; }
      out[(today + 3) | 0] = (out[(today + 3) | 0]! + lo) / 2;
      today = (today + 4) | 0;
    }
    if (exit > n) exit = n;
    for (; today < exit; today = (today + 1) | 0) {
      const v = loSrc[today]!;
      if (v <= lo) {
        lo = v;
        exit = today + period;
        if (exit > n) exit = n;
      }
      out[today] = (out[today]! + lo) / 2;
    }
  }
}

/**
 * TA-Lib's MIDPRICE/MIDPOINT rescan every window from its first bar with strict compares, unlike
 * MAX/MIN's tracker: a NaN first bar sticks and a later one is skipped, and of tied ±0 the first
 * is kept. On such inputs the trackers' extremes differ, so midInto runs this literal loop
 * instead (MIDPOINT's `else if` picks the same extremes when both sides read one series).
 */
function midRescanInto(hiSrc: Float64Array, loSrc: Float64Array, period: number, out: Float64Array): void {
  const n = Math.min(hiSrc.length, loSrc.length);
  for (let today = period - 1, trailing = 0; today < n; today++, trailing++) {
    let lo = loSrc[trailing]!;
    let hi = hiSrc[trailing]!;
    for (let i = trailing + 1; i <= today; i++) {
      const l = loSrc[i]!;
      if (l < lo) lo = l;
      const h = hiSrc[i]!;
      if (h > hi) hi = h;
    }
    out[today] = (hi + lo) / 2;
  }
}

/**
 * No NaN, infinity or zero in `x`: the inputs on which the trackers give TA-Lib's rescans'
 * extremes bit for bit. Eight values per test through two products of four, each a nonzero
 * finite number only if its factors are (a product that overflows or underflows answers false
 * too: such series then take the exact rescan, never a wrong path). Value by value the check
 * cost MIDPRICE ~20% at 1M bars; this way ~7%.
 */
function nonZeroFinite(x: Float64Array): boolean {
  const n = x.length | 0;
  let i = 0;
  for (; ((i + 7) | 0) < n; i = (i + 8) | 0) {
    const q = x[i]! * x[(i + 1) | 0]! * (x[(i + 2) | 0]! * x[(i + 3) | 0]!);
    const r = x[(i + 4) | 0]! * x[(i + 5) | 0]! * (x[(i + 6) | 0]! * x[(i + 7) | 0]!);
    if (!(q * 0 === 0) || q === 0 || !(r * 0 === 0) || r === 0) return false;
  }
  for (; i < n; i++) {
    const v = x[i]!;
    if (!(v * 0 === 0) || v === 0) return false;
  }
  return true;
}

export function max(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  const out = outArray(real.length, period - 1, into);
  if (!extremeWasm(real, period, false, out)) highestValueInto(real, period, out);
  return out;
}

export function min(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  const out = outArray(real.length, period - 1, into);
  if (!extremeWasm(real, period, true, out)) lowestValueInto(real, period, out);
  return out;
}

export function maxIndex(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  const out = outArray(real.length, period - 1, into);
  if (!extremeIndexWasm(real, period, false, out)) highestIndexInto(real, period, out);
  return out;
}

export function minIndex(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  const out = outArray(real.length, period - 1, into);
  if (!extremeIndexWasm(real, period, true, out)) lowestIndexInto(real, period, out);
  return out;
}

export function minMax(real: Float64Array, period: number, into?: readonly Float64Array[]): [Float64Array, Float64Array] {
  const lo = outArray(real.length, period - 1, into?.[0]);
  const hi = outArray(real.length, period - 1, into?.[1]);
  if (minMaxWasm(real, period, lo, hi)) return [lo, hi];
  lowestValueInto(real, period, lo);
  highestValueInto(real, period, hi);
  return [lo, hi];
}

export function minMaxIndex(real: Float64Array, period: number, into?: readonly Float64Array[]): [Float64Array, Float64Array] {
  const lo = outArray(real.length, period - 1, into?.[0]);
  const hi = outArray(real.length, period - 1, into?.[1]);
  if (minMaxIndexWasm(real, period, lo, hi)) return [lo, hi];
  lowestIndexInto(real, period, lo);
  highestIndexInto(real, period, hi);
  return [lo, hi];
}

const period30 = [periodParam(30)];
const lb = (params: Readonly<Record<string, number>>) => p(params, 'timePeriod') - 1;

function windowDef(name: string, description: string, interpretation: string, kind: 'real' | 'integer', fn: (x: Float64Array, period: number, into?: Float64Array) => Float64Array): IndicatorDef {
  return {
    name, group: MATH_OPERATORS, description, interpretation, inputs: ['real'], params: period30,
    outputs: kind === 'real' ? real() : integer(),
    lookback: lb,
    compute: ([x], params) => [fn(x!, p(params, 'timePeriod'))],
    computeInto: ([x], params, [out]) => { fn(x!, p(params, 'timePeriod'), out); },
  };
}

export const MAX = windowDef('MAX', 'Highest value over the last timePeriod bars.', 'Units of the input: the window high; a close at MAX is a new timePeriod high.', 'real', max);
export const MIN = windowDef('MIN', 'Lowest value over the last timePeriod bars.', 'Units of the input: the window low; a close at MIN is a new timePeriod low.', 'real', min);
export const MAXINDEX = windowDef('MAXINDEX', 'Bar index (into the input) of the highest value over the last timePeriod bars.', 'Bar index into the input series; the current index means this bar made the window high.', 'integer', maxIndex);
export const MININDEX = windowDef('MININDEX', 'Bar index (into the input) of the lowest value over the last timePeriod bars.', 'Bar index into the input series; the current index means this bar made the window low.', 'integer', minIndex);

export const MINMAX: IndicatorDef = {
  name: 'MINMAX', group: MATH_OPERATORS, description: 'Lowest (outMin) and highest (outMax) value over the last timePeriod bars.',
  interpretation: 'Units of the input: the window low and high (the range\'s edges).',
  inputs: ['real'], params: period30, outputs: real('outMin', 'outMax'), lookback: lb,
  compute: ([x], params) => minMax(x!, p(params, 'timePeriod')),
  computeInto: ([x], params, outs) => { minMax(x!, p(params, 'timePeriod'), outs); },
};

export const MINMAXINDEX: IndicatorDef = {
  name: 'MINMAXINDEX', group: MATH_OPERATORS, description: 'Bar indices (into the input) of the lowest (outMinIdx) and highest (outMaxIdx) value over the last timePeriod bars.',
  interpretation: 'Bar indices into the input series of the window low and high.',
  inputs: ['real'], params: period30, outputs: integer('outMinIdx', 'outMaxIdx'), lookback: lb,
  compute: ([x], params) => minMaxIndex(x!, p(params, 'timePeriod')),
  computeInto: ([x], params, outs) => { minMaxIndex(x!, p(params, 'timePeriod'), outs); },
};
