/** Two-candle patterns. Kernel layout as in single.ts (see candle-settings.ts). */
import type { IndicatorDef } from '../types.js';
import {
  BodyDoji, BodyLong, BodyShort, Equal, ShadowVeryShort,
  color, maxPeriod, patternDef, penetrationParam,
  sumHighLow, sumRealBody,
} from './candle-settings.js';

const dojiStar = patternDef('CDLDOJISTAR', 'Doji Star: long candle then a doji gapping away in its direction', '-100 after a white candle (bearish), +100 after a black one (bullish); 0 = no pattern at this bar.', maxPeriod(BodyDoji, BodyLong) + 1,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    let tB = sumRealBody(o, c, start - 1 - pB, start - 1);
    let tD = sumHighLow(h, l, start - pD, start);
    // The previous bar is carried in locals (one read per array per bar; the test below used to
    // read it up to eight times). Same comparisons on the same values.
    let o1 = o[start - 1]!, c1 = c[start - 1]!;
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!;
      const w1 = +(c1 >= o1);
      let v = 0;
      if (((w1 & (+(o0 > o1) & +(o0 > c1) & +(c0 > o1) & +(c0 > c1))) | ((w1 ^ 1) & (+(o0 < o1) & +(o0 < c1) & +(c0 < o1) & +(c0 < c1)))) !== 0) {
        const aB = fB * (tB / pB);
        const aD = fD * (tD / pD);
        const col1 = (c1 >= o1 ? 1 : -1);
        v = Math.abs(c1 - o1) > aB && Math.abs(c0 - o0) <= aD &&
          ((col1 === 1 && (Math.min(o0, c0) > Math.max(o1, c1))) || (col1 === -1 && (Math.max(o0, c0) < Math.min(o1, c1)))) ? -col1 * 100 : 0;
      }
      out[i] = v;
      tB += Math.abs(c1 - o1) - Math.abs(c[i - 1 - pB]! - o[i - 1 - pB]!);
      tD += (h[i]! - l[i]!) - (h[i - pD]! - l[i - pD]!);
      o1 = o0; c1 = c0;
    }
  });

const engulfing = patternDef('CDLENGULFING', 'Engulfing: second real body engulfs the first of opposite color', '+100/-100 bullish/bearish, ±80 when an open or close only matches; 0 = no pattern at this bar.', 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!, o1 = o[i - 1]!, c1 = c[i - 1]!;
      const w0 = +(c0 >= o0), w1 = +(c1 >= o1);
      // all tests as 0/1 numbers (see BRANCH-FREE in candle-settings.ts)
      const bull = w0 & (w1 ^ 1) & ((+(c0 >= o1) & +(o0 < c1)) | (+(c0 > o1) & +(o0 <= c1)));
      const bear = (w0 ^ 1) & w1 & ((+(o0 >= c1) & +(c0 < o1)) | (+(o0 > c1) & +(c0 <= o1)));
      // 100 when neither the open nor the close only matches, else 80
      out[i] = (bull - bear) * (80 + 20 * (+(o0 !== c1) & +(c0 !== o1)));
    }
  });

/** Long candle then a short body (BodyShort, or BodyDoji for the cross: `cross`) inside it. */
function haramiKernel(cross: boolean) {
  return (o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pS = cross ? BodyDoji.avgPeriod : BodyShort.avgPeriod;
    const fS = cross ? BodyDoji.factor : BodyShort.factor;
    let tB = sumRealBody(o, c, start - 1 - pB, start - 1);
    // BodyDoji measures the high-low range, BodyShort the real body.
    let tS = cross ? sumHighLow(h, l, start - pS, start) : sumRealBody(o, c, start - pS, start);
    // The previous bar is carried in locals and the whole test is 0/1 numbers (see BRANCH-FREE
    // in candle-settings.ts): "long then short body" is true on a large share of bars in no
    // predictable order. Same comparisons on the same values as TA-Lib's; the result is
    // 100 inside, 80 touching, with the sign against the first candle's colour (mag - 2 mag w1
    // is never -0).
    let o1 = o[start - 1]!, c1 = c[start - 1]!;
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!;
      const aB = fB * (tB / pB);
      const aS = fS * (tS / pS);
      const rb1 = Math.abs(c1 - o1), rb0 = Math.abs(c0 - o0);
      tB += rb1 - Math.abs(c[i - 1 - pB]! - o[i - 1 - pB]!);
      tS += cross ? (h[i]! - l[i]!) - (h[i - pS]! - l[i - pS]!) : rb0 - Math.abs(c[i - pS]! - o[i - pS]!);
      const top0 = Math.max(c0, o0), bot0 = Math.min(c0, o0);
      const top1 = Math.max(c1, o1), bot1 = Math.min(c1, o1);
      const m = +(rb1 > aB) & +(rb0 <= aS);
      const mag = 80 * (m & +(top0 <= top1) & +(bot0 >= bot1)) + 20 * (m & +(top0 < top1) & +(bot0 > bot1));
      out[i] = mag - 2 * mag * +(c1 >= o1);
      o1 = o0; c1 = c0;
    }
  };
}

const harami = patternDef('CDLHARAMI', 'Harami: long candle then a short body inside it', '+100/-100 bullish/bearish (against the first candle), ±80 when a body edge only touches; 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 1,
  haramiKernel(false));

const haramiCross = patternDef('CDLHARAMICROSS', 'Harami Cross: long candle then a doji inside its body', '+100/-100 bullish/bearish (against the first candle), ±80 when a body edge only touches; 0 = no pattern at this bar.', maxPeriod(BodyDoji, BodyLong) + 1,
  haramiKernel(true));

const counterattack = patternDef('CDLCOUNTERATTACK', 'Counterattack: two long opposite candles with equal closes', '+100 bullish (white second), -100 bearish; 0 = no pattern at this bar.', maxPeriod(Equal, BodyLong) + 1,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pE = Equal.avgPeriod, fE = Equal.factor;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    let tE = sumHighLow(h, l, start - 1 - pE, start - 1);
    let tB1 = sumRealBody(o, c, start - 1 - pB, start - 1);
    let tB0 = sumRealBody(o, c, start - pB, start);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!);
      let v = 0;
      if (((w1 ^ w0) & +(c[i]! <= c[i - 1]! + fE * (tE / pE)) & +(c[i]! >= c[i - 1]! - fE * (tE / pE))) !== 0) {
        const aE = fE * (tE / pE);
        const aB1 = fB * (tB1 / pB);
        const aB0 = fB * (tB0 / pB);
        v = (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -(c[i]! >= o[i]! ? 1 : -1) &&
          Math.abs(c[i - 1]! - o[i - 1]!) > aB1 && Math.abs(c[i]! - o[i]!) > aB0 &&
          c[i]! <= c[i - 1]! + aE && c[i]! >= c[i - 1]! - aE ? (c[i]! >= o[i]! ? 1 : -1) * 100 : 0;
      }
      out[i] = v;
      tE += (h[i - 1]! - l[i - 1]!) - (h[i - 1 - pE]! - l[i - 1 - pE]!);
      tB1 += Math.abs(c[i - 1]! - o[i - 1]!) - Math.abs(c[i - 1 - pB]! - o[i - 1 - pB]!);
      tB0 += Math.abs(c[i]! - o[i]!) - Math.abs(c[i - pB]! - o[i - pB]!);
    }
  });

const darkCloud = patternDef('CDLDARKCLOUDCOVER', 'Dark Cloud Cover: long white candle, then a black one opening above its high and closing deep into its body', '-100 when present; 0 = no pattern at this bar.', maxPeriod(BodyLong) + 1,
  (o, h, l, c, out, start, pen) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    let tB = sumRealBody(o, c, start - 1 - pB, start - 1);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!);
      let v = 0;
      if ((w1 & (w0 ^ 1) & +(o[i]! > h[i - 1]!)) !== 0) {
        const aB = fB * (tB / pB);
        v = (c[i - 1]! >= o[i - 1]! ? 1 : -1) === 1 && Math.abs(c[i - 1]! - o[i - 1]!) > aB &&
          (c[i]! >= o[i]! ? 1 : -1) === -1 && o[i]! > h[i - 1]! && c[i]! > o[i - 1]! &&
          c[i]! < c[i - 1]! - Math.abs(c[i - 1]! - o[i - 1]!) * pen ? -100 : 0;
      }
      out[i] = v;
      tB += Math.abs(c[i - 1]! - o[i - 1]!) - Math.abs(c[i - 1 - pB]! - o[i - 1 - pB]!);
    }
  }, [penetrationParam(0.5)]);

const piercing = patternDef('CDLPIERCING', 'Piercing Pattern: long black candle, then a long white one opening below its low and closing above its midpoint', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyLong) + 1,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    let tB1 = sumRealBody(o, c, start - 1 - pB, start - 1);
    let tB0 = sumRealBody(o, c, start - pB, start);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!);
      let v = 0;
      if (((w1 ^ 1) & w0 & +(o[i]! < l[i - 1]!)) !== 0) {
        const aB1 = fB * (tB1 / pB);
        const aB0 = fB * (tB0 / pB);
        v = (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -1 && Math.abs(c[i - 1]! - o[i - 1]!) > aB1 &&
          (c[i]! >= o[i]! ? 1 : -1) === 1 && Math.abs(c[i]! - o[i]!) > aB0 &&
          o[i]! < l[i - 1]! && c[i]! < o[i - 1]! && c[i]! > c[i - 1]! + Math.abs(c[i - 1]! - o[i - 1]!) * 0.5 ? 100 : 0;
      }
      out[i] = v;
      tB1 += Math.abs(c[i - 1]! - o[i - 1]!) - Math.abs(c[i - 1 - pB]! - o[i - 1 - pB]!);
      tB0 += Math.abs(c[i]! - o[i]!) - Math.abs(c[i - pB]! - o[i - pB]!);
    }
  });

const homingPigeon = patternDef('CDLHOMINGPIGEON', 'Homing Pigeon: long black candle then a short black one inside its body', '+100 when present (bullish); 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 1,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tB = sumRealBody(o, c, start - 1 - pB, start - 1);
    let tS = sumRealBody(o, c, start - pS, start);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!);
      let v = 0;
      if (((w1 ^ 1) & (w0 ^ 1) & +(o[i]! < o[i - 1]!) & +(c[i]! > c[i - 1]!)) !== 0) {
        const aB = fB * (tB / pB);
        const aS = fS * (tS / pS);
        v = (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -1 && (c[i]! >= o[i]! ? 1 : -1) === -1 &&
          Math.abs(c[i - 1]! - o[i - 1]!) > aB && Math.abs(c[i]! - o[i]!) <= aS &&
          o[i]! < o[i - 1]! && c[i]! > c[i - 1]! ? 100 : 0;
      }
      out[i] = v;
      tB += Math.abs(c[i - 1]! - o[i - 1]!) - Math.abs(c[i - 1 - pB]! - o[i - 1 - pB]!);
      tS += Math.abs(c[i]! - o[i]!) - Math.abs(c[i - pS]! - o[i - pS]!);
    }
  });

/**
 * Long black candle, then a white one opening below its low and closing at a level `rule` picks:
 * 0 in-neck (at or just above the prior close), 1 on-neck (at the prior low), 2 thrusting (into the
 * body, below its middle).
 */
function neckKernel(rule: 0 | 1 | 2) {
  return (o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number) => {
    const n = o.length;
    const pE = Equal.avgPeriod, fE = Equal.factor;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    let tE = sumHighLow(h, l, start - 1 - pE, start - 1);
    let tB = sumRealBody(o, c, start - 1 - pB, start - 1);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!);
      let v = 0;
      if (((w1 ^ 1) & w0 & +(o[i]! < l[i - 1]!)) !== 0) {
        const aE = fE * (tE / pE);
        const aB = fB * (tB / pB);
        const ci = c[i]!;
        v = (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -1 && Math.abs(c[i - 1]! - o[i - 1]!) > aB &&
          (c[i]! >= o[i]! ? 1 : -1) === 1 && o[i]! < l[i - 1]! &&
          (rule === 0 ? ci <= c[i - 1]! + aE && ci >= c[i - 1]!
            : rule === 1 ? ci <= l[i - 1]! + aE && ci >= l[i - 1]! - aE
              : ci > c[i - 1]! + aE && ci <= c[i - 1]! + Math.abs(c[i - 1]! - o[i - 1]!) * 0.5) ? -100 : 0;
      }
      out[i] = v;
      tE += (h[i - 1]! - l[i - 1]!) - (h[i - 1 - pE]! - l[i - 1 - pE]!);
      tB += Math.abs(c[i - 1]! - o[i - 1]!) - Math.abs(c[i - 1 - pB]! - o[i - 1 - pB]!);
    }
  };
}
const NECK_LB = maxPeriod(Equal, BodyLong) + 1;

const inNeck = patternDef('CDLINNECK', 'In-Neck: long black candle, then a white one opening below its low and closing just into its body', '-100 when present (bearish continuation); 0 = no pattern at this bar.', NECK_LB,
  neckKernel(0));

const onNeck = patternDef('CDLONNECK', 'On-Neck: long black candle, then a white one opening below its low and closing at its low', '-100 when present (bearish continuation); 0 = no pattern at this bar.', NECK_LB,
  neckKernel(1));

const thrusting = patternDef('CDLTHRUSTING', 'Thrusting: long black candle, then a white one opening below its low and closing into but below the middle of its body', '-100 when present; 0 = no pattern at this bar.', NECK_LB,
  neckKernel(2));

function kickingKernel(byLength: boolean) {
  return (o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number) => {
    const n = o.length;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    let tV1 = sumHighLow(h, l, start - 1 - pV, start - 1);
    let tV0 = sumHighLow(h, l, start - pV, start);
    let tB1 = sumRealBody(o, c, start - 1 - pB, start - 1);
    let tB0 = sumRealBody(o, c, start - pB, start);
    // The previous bar is carried in locals; the cheap mask is opposite colours and the candle
    // gap in the first candle's direction (rarely true), necessary for TA-Lib's test, which
    // follows in the branch on the totals as they stand before this bar's update.
    let o1 = o[start - 1]!, h1 = h[start - 1]!, l1 = l[start - 1]!, c1 = c[start - 1]!;
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const w0 = +(c0 >= o0), w1 = +(c1 >= o1);
      let v = 0;
      if (((w1 ^ w0) & ((+(l0 > h1) & (w1 ^ 1)) | (+(h0 < l1) & w1))) !== 0) {
        const aV1 = fV * (tV1 / pV);
        const aV0 = fV * (tV0 / pV);
        const aB1 = fB * (tB1 / pB);
        const aB0 = fB * (tB0 / pB);
        const col1 = (c1 >= o1 ? 1 : -1);
        if (col1 === -(c0 >= o0 ? 1 : -1) &&
          Math.abs(c1 - o1) > aB1 &&
          (h1 - (c1 >= o1 ? c1 : o1)) < aV1 && ((c1 >= o1 ? o1 : c1) - l1) < aV1 &&
          Math.abs(c0 - o0) > aB0 &&
          (h0 - (c0 >= o0 ? c0 : o0)) < aV0 && ((c0 >= o0 ? o0 : c0) - l0) < aV0 &&
          ((col1 === -1 && (l0 > h1)) || (col1 === 1 && (h0 < l1)))) {
          v = byLength ? color(o, c, Math.abs(c0 - o0) > Math.abs(c1 - o1) ? i : i - 1) * 100 : (c0 >= o0 ? 1 : -1) * 100;
        }
      }
      out[i] = v;
      tB1 += Math.abs(c1 - o1) - Math.abs(c[i - 1 - pB]! - o[i - 1 - pB]!);
      tV1 += (h1 - l1) - (h[i - 1 - pV]! - l[i - 1 - pV]!);
      tB0 += Math.abs(c0 - o0) - Math.abs(c[i - pB]! - o[i - pB]!);
      tV0 += (h0 - l0) - (h[i - pV]! - l[i - pV]!);
      o1 = o0; h1 = h0; l1 = l0; c1 = c0;
    }
  };
}

const KICK_LB = maxPeriod(ShadowVeryShort, BodyLong) + 1;
const kicking = patternDef('CDLKICKING', 'Kicking: two opposite marubozu with a gap between them', '+100 bullish (white second), -100 bearish; 0 = no pattern at this bar.', KICK_LB,
  kickingKernel(false));
const kickingByLength = patternDef('CDLKICKINGBYLENGTH', 'Kicking by length: kicking pattern whose direction is the longer marubozu\'s color', '+100 bullish, -100 bearish; 0 = no pattern at this bar.', KICK_LB,
  kickingKernel(true));

const matchingLow = patternDef('CDLMATCHINGLOW', 'Matching Low: two black candles with equal closes', '+100 when present (bullish); 0 = no pattern at this bar.', maxPeriod(Equal) + 1,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pE = Equal.avgPeriod, fE = Equal.factor;
    let tE = sumHighLow(h, l, start - 1 - pE, start - 1);
    // The previous bar is carried in locals (one read per array per bar). Same comparisons on
    // the same values.
    let o1 = o[start - 1]!, c1 = c[start - 1]!, hl1 = h[start - 1]! - l[start - 1]!;
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!;
      const w0 = +(c0 >= o0), w1 = +(c1 >= o1);
      let v = 0;
      if ((((w1 ^ 1) & (w0 ^ 1)) & +(c0 <= c1 + fE * (tE / pE)) & +(c0 >= c1 - fE * (tE / pE))) !== 0) {
        const aE = fE * (tE / pE);
        v = (c1 >= o1 ? 1 : -1) === -1 && (c0 >= o0 ? 1 : -1) === -1 &&
          c0 <= c1 + aE && c0 >= c1 - aE ? 100 : 0;
      }
      out[i] = v;
      tE += hl1 - (h[i - 1 - pE]! - l[i - 1 - pE]!);
      o1 = o0; c1 = c0; hl1 = h[i]! - l[i]!;
    }
  });

const separatingLines = patternDef('CDLSEPARATINGLINES', 'Separating Lines: opposite candles with the same open, the second a belt-hold', '+100 bullish (white second), -100 bearish; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort, BodyLong, Equal) + 1,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pE = Equal.avgPeriod, fE = Equal.factor;
    let tV = sumHighLow(h, l, start - pV, start);
    let tB = sumRealBody(o, c, start - pB, start);
    let tE = sumHighLow(h, l, start - 1 - pE, start - 1);
    // The previous bar's values are carried in locals (one read per array per bar). The cheap
    // mask is TA-Lib's first three tests (opposite colours, opens equal within Equal), which are
    // rarely all true, so the branch into the rest is predictable (see BRANCH-FREE in candle-settings.ts).
    let o1 = o[start - 1]!, c1 = c[start - 1]!, hl1 = h[start - 1]! - l[start - 1]!;
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const aE = fE * (tE / pE);
      const rb0 = Math.abs(c0 - o0);
      let v = 0;
      if (((+(c1 >= o1) ^ +(c0 >= o0)) & +(o0 <= o1 + aE) & +(o0 >= o1 - aE)) !== 0) {
        const aV = fV * (tV / pV);
        const aB = fB * (tB / pB);
        const w = c0 >= o0;
        v = rb0 > aB && (w ? (o0 - l0) < aV : (h0 - o0) < aV) ? (w ? 100 : -100) : 0;
      }
      out[i] = v;
      const hl0 = h0 - l0;
      tV += hl0 - (h[i - pV]! - l[i - pV]!);
      tB += rb0 - Math.abs(c[i - pB]! - o[i - pB]!);
      tE += hl1 - (h[i - 1 - pE]! - l[i - 1 - pE]!);
      o1 = o0; c1 = c0; hl1 = hl0;
    }
  });

export const twoCandlePatterns: IndicatorDef[] = [
  counterattack, darkCloud, dojiStar, engulfing, harami, haramiCross, homingPigeon, inNeck, kicking,
  kickingByLength, matchingLow, onNeck, piercing, separatingLines, thrusting,
];
