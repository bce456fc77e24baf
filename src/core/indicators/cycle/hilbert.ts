/**
 * Ehlers' Hilbert-transform family, TA-Lib 0.6-exact: HT_DCPERIOD, HT_DCPHASE, HT_PHASOR,
 * HT_SINE, HT_TRENDMODE (Cycle Indicators), HT_TRENDLINE and MAMA (Overlap Studies).
 *
 * All share one pipeline (Ehlers, "Rocket Science for Traders"):
 *   smooth  = WMA4(price)                          (weights 4,3,2,1 / 10, kept as running sums)
 *   detrender, Q1, jI, jQ = HT(x) * (0.075*period + 0.54)
 *     with HT(x) = 0.0962*x[0] + 0.5769*x[-2] - 0.5769*x[-4] - 0.0962*x[-6]
 *   I1 = detrender 3 bars ago; I2/Q2 = 0.2*phasor + 0.8*prev; Re/Im = homodyne discriminator
 *   period = 360 / atan(Im/Re) in degrees, clamped to [0.67, 1.5] x previous and [6, 50], then
 *   0.2/0.8 smoothed; smoothPeriod = 0.33*period + 0.67*smoothPeriod.
 * TA-Lib evaluates HT() with separate delay lines for even and odd bar indices (so x[-2] is the
 * previous bar of the same parity) and the parity is that of the ABSOLUTE bar index; we always
 * start at bar 0 like a TA-Lib call on the whole series, so outputs match it and stay prefix
 * invariant. Warm-up is fixed: 32 bars (DCPERIOD, PHASOR, MAMA) or 63 bars (the functions that
 * also need the 50-bar smoothed-price history: DCPHASE, SINE, TRENDLINE, TRENDMODE).
 *
 * Each function has its own file (cycle/ht-*.ts, overlap/mama.ts, overlap/ht-trendline.ts);
 * this one holds the pass the cycle functions share and the Hilbert step `ht` that MAMA and
 * HT_TRENDLINE take for their own loops (overlap/mama.ts, overlap/ht-trendline.ts: see there why
 * they have one).
 *
 * NaN inputs are not special-cased: they propagate through the arithmetic exactly as in TA-Lib
 * (one NaN poisons the recursive state for the rest of the series).
 */
export const CYCLE = 'Cycle Indicators';

// TA-Lib's 180 / (4 * atan(1)) and its inverse. The loops write these values as literals
// (57.29577951308232 and 0.017453292519943295; hilbert.test.ts checks they are the same doubles):
// a module constant is a context slot in a bundle, reloaded with a hole check on every use.
export const RAD2DEG = 180.0 / (4.0 * Math.atan(1));
export const DEG2RAD = 1.0 / RAD2DEG;
const TWO_PI = Math.atan(1) * 8.0;
const SMOOTH_PRICE_SIZE = 50;

// The DC-phase DFT evaluates sin/cos of (i * 2pi / dcPeriodInt) for dcPeriodInt <= 50 only, so
// the values are tabulated once (same expression, hence bit-identical to computing them per bar):
// this turns ~100 trig calls per bar into table reads.
const SIN_TABLE = new Float64Array(51 * 50);
const COS_TABLE = new Float64Array(51 * 50);
for (let p = 1; p <= 50; p++) {
  for (let i = 0; i < p; i++) {
    const angle = (i * TWO_PI) / p;
    SIN_TABLE[p * 50 + i] = Math.sin(angle);
    COS_TABLE[p * 50 + i] = Math.cos(angle);
  }
}

/** Which function the shared pass computes (decides the warm-up and the outputs written). */
export const DCPERIOD = 0;
export const PHASOR = 1;
export const MAMA = 2;
export const DCPHASE = 3;
export const SINE = 4;
export const TRENDLINE = 5;
export const TRENDMODE = 6;

export function lookbackOf(kind: number): number {
  return kind <= MAMA ? 32 : 63;
}

// Delay-line layout in the state array: filter f (detrender, Q1, jI, jQ) x parity p (even, odd),
// 5 slots each: 3-deep circular buffer of a*x, previous b*x term, previous input. Offsets, written
// as literals at the call sites (a module constant costs a context load and checks per use):
// detrender 0 (odd 5), Q1 10 (15), jI 20 (25), jQ 30 (35); 40 slots.

/**
 * One Hilbert FIR step on the delay line at `o`, TA-Lib's exact operation order (the 3-slot
 * buffer holds a*x from 6 bars ago in same-parity terms, `prev` is b*x from 4 bars ago).
 *
 * Written small on purpose: each loop calls it 8 times per bar pair, and V8 (node 20) inlines
 * callees only within a bytecode budget per function, so a larger body left a call site or more
 * out of line (a call that spills every live double of the pipeline). The coefficients are
 * literals here (module constants become module-level vars in a bundle, reloaded and unboxed on
 * each use), the slot index is computed once, and b*x is kept in a local rather than read back
 * from the slot it was stored in (the same double). Same operations in the same order.
 */
export function ht(st: Float64Array, o: number, idx: number, input: number, adj: number): number {
  const j = o + idx;
  const t = 0.0962 * input;
  let v = 0 - st[j]!;
  st[j] = t;
  v += t;
  v -= st[o + 3]!;
  const p = 0.5769 * st[o + 4]!;
  st[o + 3] = p;
  v += p;
  st[o + 4] = input;
  return v * adj;
}

/*
 * A note for the loops (runHilbert here, runMama and runTrendline in overlap/): they call nothing
 * but `ht` and Math builtins, not even a small helper. V8 (node 20) inlines up to 920 bytes of
 * callee bytecode into a function; `ht` is 110 and is called 8 times, so an inlined small helper
 * (a state constructor, an accessor) left one `ht` call out of line in some processes
 * (HT_DCPERIOD after MAMA: 44.7 -> 51.5 ms per 1M bars).
 */

/**
 * Runs the pipeline over the whole series and writes `kind`'s outputs (NaN during warm-up), for
 * the cycle functions (DCPERIOD, PHASOR, DCPHASE, SINE, TRENDMODE); MAMA and HT_TRENDLINE have
 * their own loops. out1 is used by PHASOR (quadrature) and SINE (lead sine).
 */
export function runHilbert(real: Float64Array, kind: number, out0: Float64Array, out1: Float64Array | null): void {
  const n = real.length;
  const lb = lookbackOf(kind);
  if (n <= lb) return;
  const st = new Float64Array(40);
  const smoothPrice = new Float64Array(SMOOTH_PRICE_SIZE);
  const wantPhase = kind === DCPHASE || kind === SINE || kind === TRENDMODE;

  let trailingWMAIdx = 0;
  let today = 0;
  let v = real[today++]!;
  let wmaSub = v;
  let wmaSum = v;
  v = real[today++]!;
  wmaSub += v;
  wmaSum += v * 2.0;
  v = real[today++]!;
  wmaSub += v;
  wmaSum += v * 3.0;
  let trailingWMAValue = 0.0;
  // Start of the 4-bar WMA: only its running sums matter (TA-Lib discards these smoothed values).
  // Written out in each loop: as a helper's call it cost HT_TRENDLINE ~1.3 ms per 1M bars.
  for (let i = lb === 32 ? 9 : 34; i > 0; i--) {
    v = real[today++]!;
    wmaSub += v;
    wmaSub -= trailingWMAValue;
    wmaSum += v * 4.0;
    trailingWMAValue = real[trailingWMAIdx++]!;
    wmaSum -= wmaSub;
  }

  let hIdx = 0;
  let period = 0;
  let prevQ2 = 0, prevI2 = 0, re = 0, im = 0;
  let i1OddPrev2 = 0, i1OddPrev3 = 0, i1EvenPrev2 = 0, i1EvenPrev3 = 0;
  let smoothPeriod = 0;
  let spIdx = 0;
  let dcPhase = 0, prevDCPhase = 0;
  let sine = 0, leadSine = 0, prevSine = 0, prevLeadSine = 0;
  let iTrend1 = 0, iTrend2 = 0, iTrend3 = 0;
  let daysInTrend = 0;

  for (; today < n; today++) {
    const adj = 0.075 * period + 0.54;
    const todayValue = real[today]!;
    wmaSub += todayValue;
    wmaSub -= trailingWMAValue;
    wmaSum += todayValue * 4.0;
    trailingWMAValue = real[trailingWMAIdx++]!;
    const smoothed = wmaSum * 0.1;
    wmaSum -= wmaSub;
    smoothPrice[spIdx] = smoothed;

    let q2: number;
    let i2: number;
    if (today % 2 === 0) {
      const detrender = ht(st, 0, hIdx, smoothed, adj);
      const q1 = ht(st, 10, hIdx, detrender, adj);
      if (kind === PHASOR && today >= lb) {
        out0[today] = i1EvenPrev3;
        out1![today] = q1;
      }
      const jI = ht(st, 20, hIdx, i1EvenPrev3, adj);
      const jQ = ht(st, 30, hIdx, q1, adj);
      if (++hIdx === 3) hIdx = 0;
      q2 = 0.2 * (q1 + jI) + 0.8 * prevQ2;
      i2 = 0.2 * (i1EvenPrev3 - jQ) + 0.8 * prevI2;
      i1OddPrev3 = i1OddPrev2;
      i1OddPrev2 = detrender;
    } else {
      const detrender = ht(st, 5, hIdx, smoothed, adj);
      const q1 = ht(st, 15, hIdx, detrender, adj);
      if (kind === PHASOR && today >= lb) {
        out0[today] = i1OddPrev3;
        out1![today] = q1;
      }
      const jI = ht(st, 25, hIdx, i1OddPrev3, adj);
      const jQ = ht(st, 35, hIdx, q1, adj);
      q2 = 0.2 * (q1 + jI) + 0.8 * prevQ2;
      i2 = 0.2 * (i1OddPrev3 - jQ) + 0.8 * prevI2;
      i1EvenPrev3 = i1EvenPrev2;
      i1EvenPrev2 = detrender;
    }

    re = 0.2 * (i2 * prevI2 + q2 * prevQ2) + 0.8 * re;
    im = 0.2 * (i2 * prevQ2 - q2 * prevI2) + 0.8 * im;
    prevQ2 = q2;
    prevI2 = i2;
    const prevPeriod = period;
    if (im !== 0.0 && re !== 0.0) period = 360.0 / (Math.atan(im / re) * 57.29577951308232);
    let bound = 1.5 * prevPeriod;
    if (period > bound) period = bound;
    bound = 0.67 * prevPeriod;
    if (period < bound) period = bound;
    if (period < 6) period = 6;
    else if (period > 50) period = 50;
    period = 0.2 * period + 0.8 * prevPeriod;

    if (kind !== PHASOR) {
      smoothPeriod = 0.33 * period + 0.67 * smoothPeriod;
      if (kind === DCPERIOD) {
        if (today >= lb) out0[today] = smoothPeriod;
      } else {
        const dcPeriodInt = Math.trunc(smoothPeriod + 0.5);
        if (wantPhase) {
          prevDCPhase = dcPhase;
          let realPart = 0.0;
          let imagPart = 0.0;
          let idx = spIdx;
          const row = dcPeriodInt * 50;
          for (let i = 0; i < dcPeriodInt; i++) {
            const sp = smoothPrice[idx]!;
            realPart += SIN_TABLE[row + i]! * sp;
            imagPart += COS_TABLE[row + i]! * sp;
            idx = idx === 0 ? SMOOTH_PRICE_SIZE - 1 : idx - 1;
          }
          const absImag = Math.abs(imagPart);
          if (absImag > 0.0) {
            dcPhase = Math.atan(realPart / imagPart) * 57.29577951308232;
          } else if (absImag <= 0.01) {
            if (realPart < 0.0) dcPhase -= 90.0;
            else if (realPart > 0.0) dcPhase += 90.0;
          }
          dcPhase += 90.0;
          // Compensates the one-bar lag of the WMA smoother.
          dcPhase += 360.0 / smoothPeriod;
          if (imagPart < 0.0) dcPhase += 180.0;
          if (dcPhase > 315.0) dcPhase -= 360.0;
          prevSine = sine;
          prevLeadSine = leadSine;
          sine = Math.sin(dcPhase * 0.017453292519943295);
          leadSine = Math.sin((dcPhase + 45) * 0.017453292519943295);
          if (today >= lb) {
            if (kind === DCPHASE) out0[today] = dcPhase;
            else if (kind === SINE) {
              out0[today] = sine;
              out1![today] = leadSine;
            }
          }
        }
        if (kind === TRENDMODE) {
          // Instantaneous trend: the raw price averaged over the dominant cycle, then a 4-3-2-1 WMA.
          // Summed from today backwards as TA-Lib, 4 bars per iteration and then the 0-3 left as
          // nested tests (same additions in the same order; fewer loop-back checks and array
          // reloads, and the leftover is not a second loop with its own mispredicted exit).
          let sum = 0.0;
          let idx = today;
          let i = 0;
          for (; i < dcPeriodInt - 3; i += 4, idx -= 4) {
            sum += real[idx]!; sum += real[idx - 1]!; sum += real[idx - 2]!; sum += real[idx - 3]!;
          }
          const rest = dcPeriodInt - i;
          if (rest > 0) {
            sum += real[idx]!;
            if (rest > 1) {
              sum += real[idx - 1]!;
              if (rest > 2) sum += real[idx - 2]!;
            }
          }
          if (dcPeriodInt > 0) sum = sum / dcPeriodInt;
          const trendline = (4.0 * sum + 3.0 * iTrend1 + 2.0 * iTrend2 + iTrend3) / 10.0;
          iTrend3 = iTrend2;
          iTrend2 = iTrend1;
          iTrend1 = sum;
          let trend = 1;
          // A sine / lead-sine crossing restarts the trend count (cycle mode meanwhile).
          if ((sine > leadSine && prevSine <= prevLeadSine) || (sine < leadSine && prevSine >= prevLeadSine)) {
            daysInTrend = 0;
            trend = 0;
          }
          daysInTrend++;
          if (daysInTrend < 0.5 * smoothPeriod) trend = 0;
          const phaseStep = dcPhase - prevDCPhase;
          if (smoothPeriod !== 0.0 && phaseStep > (0.67 * 360.0) / smoothPeriod && phaseStep < (1.5 * 360.0) / smoothPeriod) trend = 0;
          const sp = smoothPrice[spIdx]!;
          if (trendline !== 0.0 && Math.abs((sp - trendline) / trendline) >= 0.015) trend = 1;
          if (today >= lb) out0[today] = trend;
        }
      }
    }
    if (++spIdx === SMOOTH_PRICE_SIZE) spIdx = 0;
  }
}
