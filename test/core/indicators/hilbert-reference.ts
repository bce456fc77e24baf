/**
 * Reference loops for MAMA and HT_TRENDLINE, in TA-Lib's order and nothing else: one pass per bar,
 * each bar finished before the next starts (the shared pass both used before they got their own,
 * reordered loops). hilbert.test.ts checks the production loops against these cell by cell.
 * Same float operations as TA-Lib's ta_MAMA.c / ta_HT_TRENDLINE.c (and as the production code,
 * including its `0 - x` where TA-Lib negates).
 */
const RAD2DEG = 180.0 / (4.0 * Math.atan(1));

/** One Hilbert FIR step; `line` = [3-slot buffer of a*x, previous b*x, previous input]. */
function hilbertStep(line: number[], idx: number, input: number, adj: number): number {
  const t = 0.0962 * input;
  let v = 0 - line[idx]!;
  line[idx] = t;
  v += t;
  v -= line[3]!;
  line[3] = 0.5769 * line[4]!;
  v += line[3]!;
  line[4] = input;
  return v * adj;
}

/** Writes MAMA (kind 'mama': out0 MAMA, out1 FAMA) or HT_TRENDLINE (out0) from the lookback on. */
export function referenceHilbert(real: Float64Array, kind: 'mama' | 'trendline', out0: Float64Array, out1: Float64Array | null, fastLimit = 0.5, slowLimit = 0.05): void {
  const n = real.length;
  const lb = kind === 'mama' ? 32 : 63;
  if (n <= lb) return;
  // [filter][parity]: detrender, Q1, jI, jQ x even, odd
  const lines = Array.from({ length: 4 }, () => [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
  let trailingWMAIdx = 0;
  let today = 0;
  let wmaSub = real[today]!;
  let wmaSum = real[today++]!;
  wmaSub += real[today]!;
  wmaSum += real[today++]! * 2.0;
  wmaSub += real[today]!;
  wmaSum += real[today++]! * 3.0;
  let trailingWMAValue = 0.0;
  for (let i = kind === 'mama' ? 9 : 34; i > 0; i--) {
    const v = real[today++]!;
    wmaSub += v;
    wmaSub -= trailingWMAValue;
    wmaSum += v * 4.0;
    trailingWMAValue = real[trailingWMAIdx++]!;
    wmaSum -= wmaSub;
  }
  let hIdx = 0;
  let period = 0, smoothPeriod = 0;
  let prevQ2 = 0, prevI2 = 0, re = 0, im = 0;
  const i1Prev2 = [0, 0];
  const i1Prev3 = [0, 0];
  let mama = 0, fama = 0, prevPhase = 0;
  let iTrend1 = 0, iTrend2 = 0, iTrend3 = 0;
  for (; today < n; today++) {
    const adj = 0.075 * period + 0.54;
    const todayValue = real[today]!;
    wmaSub += todayValue;
    wmaSub -= trailingWMAValue;
    wmaSum += todayValue * 4.0;
    trailingWMAValue = real[trailingWMAIdx++]!;
    const smoothed = wmaSum * 0.1;
    wmaSum -= wmaSub;

    const par = today % 2;
    const detrender = hilbertStep(lines[0]![par]!, hIdx, smoothed, adj);
    const q1 = hilbertStep(lines[1]![par]!, hIdx, detrender, adj);
    const i1 = i1Prev3[par]!;
    const jI = hilbertStep(lines[2]![par]!, hIdx, i1, adj);
    const jQ = hilbertStep(lines[3]![par]!, hIdx, q1, adj);
    if (par === 0 && ++hIdx === 3) hIdx = 0;
    const q2 = 0.2 * (q1 + jI) + 0.8 * prevQ2;
    const i2 = 0.2 * (i1 - jQ) + 0.8 * prevI2;
    i1Prev3[1 - par] = i1Prev2[1 - par]!;
    i1Prev2[1 - par] = detrender;

    if (kind === 'mama') {
      const alphaPhase = i1 !== 0.0 ? Math.atan(q1 / i1) * RAD2DEG : 0.0;
      let delta = prevPhase - alphaPhase;
      prevPhase = alphaPhase;
      if (delta < 1.0) delta = 1.0;
      let alpha: number;
      if (delta > 1.0) {
        alpha = fastLimit / delta;
        if (alpha < slowLimit) alpha = slowLimit;
      } else {
        alpha = fastLimit;
      }
      mama = alpha * todayValue + (1 - alpha) * mama;
      alpha *= 0.5;
      fama = alpha * mama + (1 - alpha) * fama;
      if (today >= lb) {
        out0[today] = mama;
        out1![today] = fama;
      }
    }

    re = 0.2 * (i2 * prevI2 + q2 * prevQ2) + 0.8 * re;
    im = 0.2 * (i2 * prevQ2 - q2 * prevI2) + 0.8 * im;
    prevQ2 = q2;
    prevI2 = i2;
    const prevPeriod = period;
    if (im !== 0.0 && re !== 0.0) period = 360.0 / (Math.atan(im / re) * RAD2DEG);
    if (period > 1.5 * prevPeriod) period = 1.5 * prevPeriod;
    if (period < 0.67 * prevPeriod) period = 0.67 * prevPeriod;
    if (period < 6) period = 6;
    else if (period > 50) period = 50;
    period = 0.2 * period + 0.8 * prevPeriod;

    if (kind === 'trendline') {
      smoothPeriod = 0.33 * period + 0.67 * smoothPeriod;
      const dc = Math.trunc(smoothPeriod + 0.5);
      let sum = 0.0;
      for (let i = 0, idx = today; i < dc; i++) sum += real[idx--]!;
      if (dc > 0) sum = sum / dc;
      const trendline = (4.0 * sum + 3.0 * iTrend1 + 2.0 * iTrend2 + iTrend3) / 10.0;
      iTrend3 = iTrend2;
      iTrend2 = iTrend1;
      iTrend1 = sum;
      if (today >= lb) out0[today] = trendline;
    }
  }
}
