/**
 * Four- and five-candle patterns, and the hikkake family (patterns with later confirmation).
 * Kernel layout as in single.ts (see candle-settings.ts).
 */
import type { IndicatorDef } from '../types.js';
import { heapConceal, heapHikkake, heapLadder } from '../wasm/candles.js';
import {
  BodyLong, BodyShort, Near, ShadowVeryShort,
  maxPeriod, patternDef, penetrationParam,
  sumHighLow, sumRealBody,
} from './candle-settings.js';

const breakaway = patternDef('CDLBREAKAWAY', 'Breakaway: long candle, gap, three candles extending the move, then a reversal candle closing inside the gap', '+100 bullish, -100 bearish; 0 = no pattern at this bar.', maxPeriod(BodyLong) + 4,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    let tB = sumRealBody(o, c, start - 4 - pB, start - 4);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!), w3 = +(c[i - 3]! >= o[i - 3]!), w4 = +(c[i - 4]! >= o[i - 4]!);
      let v = 0;
      if ((((w4 & w3 & w1 & (w0 ^ 1)) | ((w4 ^ 1) & (w3 ^ 1) & (w1 ^ 1) & w0)) & ((w0 & +(h[i - 2]! < h[i - 3]!) & +(l[i - 1]! < l[i - 2]!)) | ((w0 ^ 1) & +(h[i - 2]! > h[i - 3]!) & +(l[i - 1]! > l[i - 2]!)))) !== 0) {
        const aB = fB * (tB / pB);
        const c4 = (c[i - 4]! >= o[i - 4]! ? 1 : -1);
        v = Math.abs(c[i - 4]! - o[i - 4]!) > aB &&
          c4 === (c[i - 3]! >= o[i - 3]! ? 1 : -1) && (c[i - 3]! >= o[i - 3]! ? 1 : -1) === (c[i - 1]! >= o[i - 1]! ? 1 : -1) && (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -(c[i]! >= o[i]! ? 1 : -1) &&
          ((c4 === -1 && (Math.max(o[i - 3]!, c[i - 3]!) < Math.min(o[i - 4]!, c[i - 4]!)) &&
            h[i - 2]! < h[i - 3]! && l[i - 2]! < l[i - 3]! && h[i - 1]! < h[i - 2]! && l[i - 1]! < l[i - 2]! &&
            c[i]! > o[i - 3]! && c[i]! < c[i - 4]!) ||
            (c4 === 1 && (Math.min(o[i - 3]!, c[i - 3]!) > Math.max(o[i - 4]!, c[i - 4]!)) &&
              h[i - 2]! > h[i - 3]! && l[i - 2]! > l[i - 3]! && h[i - 1]! > h[i - 2]! && l[i - 1]! > l[i - 2]! &&
              c[i]! < o[i - 3]! && c[i]! > c[i - 4]!)) ? (c[i]! >= o[i]! ? 1 : -1) * 100 : 0;
      }
      out[i] = v;
      tB += Math.abs(c[i - 4]! - o[i - 4]!) - Math.abs(c[i - 4 - pB]! - o[i - 4 - pB]!);
    }
  });

const concealBabySwallow = patternDef('CDLCONCEALBABYSWALL', 'Concealing Baby Swallow: two black marubozu, a black candle gapping down with an upper shadow into the prior body, a black candle engulfing it', '+100 when present; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort) + 3,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    let tV3 = sumHighLow(h, l, start - 3 - pV, start - 3);
    let tV2 = sumHighLow(h, l, start - 2 - pV, start - 2);
    let tV1 = sumHighLow(h, l, start - 1 - pV, start - 1);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!), w2 = +(c[i - 2]! >= o[i - 2]!), w3 = +(c[i - 3]! >= o[i - 3]!);
      let v = 0;
      if (((w3 ^ 1) & (w2 ^ 1) & (w1 ^ 1) & (w0 ^ 1)) !== 0) {
        const aV3 = fV * (tV3 / pV);
        const aV2 = fV * (tV2 / pV);
        const aV1 = fV * (tV1 / pV);
        v = (c[i - 3]! >= o[i - 3]! ? 1 : -1) === -1 && (c[i - 2]! >= o[i - 2]! ? 1 : -1) === -1 && (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -1 && (c[i]! >= o[i]! ? 1 : -1) === -1 &&
          ((c[i - 3]! >= o[i - 3]! ? o[i - 3]! : c[i - 3]!) - l[i - 3]!) < aV3 && (h[i - 3]! - (c[i - 3]! >= o[i - 3]! ? c[i - 3]! : o[i - 3]!)) < aV3 &&
          ((c[i - 2]! >= o[i - 2]! ? o[i - 2]! : c[i - 2]!) - l[i - 2]!) < aV2 && (h[i - 2]! - (c[i - 2]! >= o[i - 2]! ? c[i - 2]! : o[i - 2]!)) < aV2 &&
          (Math.max(o[i - 1]!, c[i - 1]!) < Math.min(o[i - 2]!, c[i - 2]!)) &&
          (h[i - 1]! - (c[i - 1]! >= o[i - 1]! ? c[i - 1]! : o[i - 1]!)) > aV1 &&
          h[i - 1]! > c[i - 2]! &&
          h[i]! > h[i - 1]! && l[i]! < l[i - 1]! ? 100 : 0;
      }
      out[i] = v;
      tV3 += (h[i - 3]! - l[i - 3]!) - (h[i - 3 - pV]! - l[i - 3 - pV]!);
      tV2 += (h[i - 2]! - l[i - 2]!) - (h[i - 2 - pV]! - l[i - 2 - pV]!);
      tV1 += (h[i - 1]! - l[i - 1]!) - (h[i - 1 - pV]! - l[i - 1 - pV]!);
    }
  }, [],
  // Series in the heap: the wasm kernel (wasm/candles.wat).
  (o, h, l, c, out, start) => {
    const pV = ShadowVeryShort.avgPeriod | 0;
    return heapConceal(o, h, l, c, out, start, pV, ShadowVeryShort.factor, sumHighLow(h, l, start - 3 - pV, start - 3),
      sumHighLow(h, l, start - 2 - pV, start - 2), sumHighLow(h, l, start - 1 - pV, start - 1));
  });

const ladderBottom = patternDef('CDLLADDERBOTTOM', 'Ladder Bottom: three falling black candles, a black candle with an upper shadow, then a white candle gapping up above it', '+100 when present; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort) + 4,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    let tV = sumHighLow(h, l, start - 1 - pV, start - 1);
    // The four previous bars' colours (and the last bar's range) are carried in locals.
    let w1 = +(c[start - 1]! >= o[start - 1]!), w2 = +(c[start - 2]! >= o[start - 2]!), w3 = +(c[start - 3]! >= o[start - 3]!), w4 = +(c[start - 4]! >= o[start - 4]!);
    let hl1 = h[start - 1]! - l[start - 1]!;
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!);
      let v = 0;
      if (((w4 ^ 1) & (w3 ^ 1) & (w2 ^ 1) & (w1 ^ 1) & w0) !== 0) {
        const aV = fV * (tV / pV);
        v = (c[i - 4]! >= o[i - 4]! ? 1 : -1) === -1 && (c[i - 3]! >= o[i - 3]! ? 1 : -1) === -1 && (c[i - 2]! >= o[i - 2]! ? 1 : -1) === -1 &&
          o[i - 4]! > o[i - 3]! && o[i - 3]! > o[i - 2]! &&
          c[i - 4]! > c[i - 3]! && c[i - 3]! > c[i - 2]! &&
          (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -1 && (h[i - 1]! - (c[i - 1]! >= o[i - 1]! ? c[i - 1]! : o[i - 1]!)) > aV &&
          (c[i]! >= o[i]! ? 1 : -1) === 1 && o[i]! > o[i - 1]! && c[i]! > h[i - 1]! ? 100 : 0;
      }
      out[i] = v;
      tV += hl1 - (h[i - 1 - pV]! - l[i - 1 - pV]!);
      w4 = w3; w3 = w2; w2 = w1; w1 = w0; hl1 = h[i]! - l[i]!;
    }
  }, [],
  // Series in the heap: the wasm kernel (wasm/candles.wat).
  (o, h, l, c, out, start) => {
    const pV = ShadowVeryShort.avgPeriod | 0;
    return heapLadder(o, h, l, c, out, start, pV, ShadowVeryShort.factor, sumHighLow(h, l, start - 1 - pV, start - 1));
  });

const matHold = patternDef('CDLMATHOLD', 'Mat Hold: long white candle, three small reaction candles holding above its body, then a white candle to new highs', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 4,
  (o, h, l, c, out, start, pen) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tB4 = sumRealBody(o, c, start - 4 - pB, start - 4);
    let tS3 = sumRealBody(o, c, start - 3 - pS, start - 3);
    let tS2 = sumRealBody(o, c, start - 2 - pS, start - 2);
    let tS1 = sumRealBody(o, c, start - 1 - pS, start - 1);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w3 = +(c[i - 3]! >= o[i - 3]!), w4 = +(c[i - 4]! >= o[i - 4]!);
      let v = 0;
      if ((w4 & (w3 ^ 1) & w0) !== 0) {
        const aB4 = fB * (tB4 / pB);
        const aS3 = fS * (tS3 / pS);
        const aS2 = fS * (tS2 / pS);
        const aS1 = fS * (tS1 / pS);
        const floor = c[i - 4]! - Math.abs(c[i - 4]! - o[i - 4]!) * pen;
        v = (c[i - 4]! >= o[i - 4]! ? 1 : -1) === 1 && (c[i - 3]! >= o[i - 3]! ? 1 : -1) === -1 && (c[i]! >= o[i]! ? 1 : -1) === 1 &&
          (Math.min(o[i - 3]!, c[i - 3]!) > Math.max(o[i - 4]!, c[i - 4]!)) &&
          Math.min(o[i - 2]!, c[i - 2]!) < c[i - 4]! && Math.min(o[i - 1]!, c[i - 1]!) < c[i - 4]! &&
          Math.min(o[i - 2]!, c[i - 2]!) > floor && Math.min(o[i - 1]!, c[i - 1]!) > floor &&
          Math.max(o[i - 2]!, c[i - 2]!) < o[i - 3]! && Math.max(o[i - 1]!, c[i - 1]!) < Math.max(o[i - 2]!, c[i - 2]!) &&
          o[i]! > c[i - 1]! && c[i]! > Math.max(h[i - 3]!, h[i - 2]!, h[i - 1]!) &&
          Math.abs(c[i - 4]! - o[i - 4]!) > aB4 &&
          Math.abs(c[i - 3]! - o[i - 3]!) < aS3 && Math.abs(c[i - 2]! - o[i - 2]!) < aS2 && Math.abs(c[i - 1]! - o[i - 1]!) < aS1 ? 100 : 0;
      }
      out[i] = v;
      tB4 += Math.abs(c[i - 4]! - o[i - 4]!) - Math.abs(c[i - 4 - pB]! - o[i - 4 - pB]!);
      tS3 += Math.abs(c[i - 3]! - o[i - 3]!) - Math.abs(c[i - 3 - pS]! - o[i - 3 - pS]!);
      tS2 += Math.abs(c[i - 2]! - o[i - 2]!) - Math.abs(c[i - 2 - pS]! - o[i - 2 - pS]!);
      tS1 += Math.abs(c[i - 1]! - o[i - 1]!) - Math.abs(c[i - 1 - pS]! - o[i - 1 - pS]!);
    }
  }, [penetrationParam(0.5)]);

const riseFall3Methods = patternDef('CDLRISEFALL3METHODS', 'Rising/Falling Three Methods: long candle, three small counter-trend candles within its range, long candle resuming the trend', '+100 rising, -100 falling; 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 4,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tB4 = sumRealBody(o, c, start - 4 - pB, start - 4);
    let tS3 = sumRealBody(o, c, start - 3 - pS, start - 3);
    let tS2 = sumRealBody(o, c, start - 2 - pS, start - 2);
    let tS1 = sumRealBody(o, c, start - 1 - pS, start - 1);
    let tB0 = sumRealBody(o, c, start - pB, start);
    // The four previous bars' colours and real bodies are carried in locals: per bar the arrays
    // are read at i and at the totals' trailing bars only (the rare pattern branch reads the rest).
    let w1 = +(c[start - 1]! >= o[start - 1]!), w2 = +(c[start - 2]! >= o[start - 2]!), w3 = +(c[start - 3]! >= o[start - 3]!), w4 = +(c[start - 4]! >= o[start - 4]!);
    let rb1 = Math.abs(c[start - 1]! - o[start - 1]!), rb2 = Math.abs(c[start - 2]! - o[start - 2]!);
    let rb3 = Math.abs(c[start - 3]! - o[start - 3]!), rb4 = Math.abs(c[start - 4]! - o[start - 4]!);
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!;
      const w0 = +(c0 >= o0), rb0 = Math.abs(c0 - o0);
      let v = 0;
      if (((w4 & (w3 ^ 1) & (w2 ^ 1) & (w1 ^ 1) & w0) | ((w4 ^ 1) & w3 & w2 & w1 & (w0 ^ 1))) !== 0) {
        const aB4 = fB * (tB4 / pB);
        const aS3 = fS * (tS3 / pS);
        const aS2 = fS * (tS2 / pS);
        const aS1 = fS * (tS1 / pS);
        const aB0 = fB * (tB0 / pB);
        const c4 = (c[i - 4]! >= o[i - 4]! ? 1 : -1);
        v = Math.abs(c[i - 4]! - o[i - 4]!) > aB4 &&
          Math.abs(c[i - 3]! - o[i - 3]!) < aS3 && Math.abs(c[i - 2]! - o[i - 2]!) < aS2 && Math.abs(c[i - 1]! - o[i - 1]!) < aS1 &&
          Math.abs(c[i]! - o[i]!) > aB0 &&
          c4 === -(c[i - 3]! >= o[i - 3]! ? 1 : -1) && (c[i - 3]! >= o[i - 3]! ? 1 : -1) === (c[i - 2]! >= o[i - 2]! ? 1 : -1) && (c[i - 2]! >= o[i - 2]! ? 1 : -1) === (c[i - 1]! >= o[i - 1]! ? 1 : -1) &&
          (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -(c[i]! >= o[i]! ? 1 : -1) &&
          Math.min(o[i - 3]!, c[i - 3]!) < h[i - 4]! && Math.max(o[i - 3]!, c[i - 3]!) > l[i - 4]! &&
          Math.min(o[i - 2]!, c[i - 2]!) < h[i - 4]! && Math.max(o[i - 2]!, c[i - 2]!) > l[i - 4]! &&
          Math.min(o[i - 1]!, c[i - 1]!) < h[i - 4]! && Math.max(o[i - 1]!, c[i - 1]!) > l[i - 4]! &&
          c[i - 2]! * c4 < c[i - 3]! * c4 && c[i - 1]! * c4 < c[i - 2]! * c4 &&
          o[i]! * c4 > c[i - 1]! * c4 && c[i]! * c4 > c[i - 4]! * c4 ? 100 * c4 : 0;
      }
      out[i] = v;
      tB4 += rb4 - Math.abs(c[i - 4 - pB]! - o[i - 4 - pB]!);
      tS3 += rb3 - Math.abs(c[i - 3 - pS]! - o[i - 3 - pS]!);
      tS2 += rb2 - Math.abs(c[i - 2 - pS]! - o[i - 2 - pS]!);
      tS1 += rb1 - Math.abs(c[i - 1 - pS]! - o[i - 1 - pS]!);
      tB0 += rb0 - Math.abs(c[i - pB]! - o[i - pB]!);
      w4 = w3; w3 = w2; w2 = w1; w1 = w0;
      rb4 = rb3; rb3 = rb2; rb2 = rb1; rb1 = rb0;
    }
  });

const hikkake = patternDef('CDLHIKKAKE', 'Hikkake: inside bar followed by a false breakout', '+100/-100 bullish/bearish at the pattern bar, +200/-200 when confirmed within 3 bars; 0 = no pattern at this bar.', 5,
  (o, h, l, c, out, start) => {
    const n = c.length;
    // TA-Lib's state (patternResult, patternIdx) without a branch per bar: a setup is true on ~1 bar
    // in 8 in no predictable order, and so is "within 3 bars of the last setup", so as `if`s both
    // were mispredicted often. Here every test is a 0/1 number (see BRANCH-FREE in
    // candle-settings.ts) and the state moves by bit-mask selects (ms, mc: 0 or -1, all bits set):
    //   pr     = patternResult (0 or ±100),
    //   until  = patternIdx + 3 while a confirmation can come, -1 once confirmed (TA-Lib sets
    //            patternIdx = 0, which no later bar satisfies: bars start at 2 and a confirmation
    //            at bar 2 or 3 cannot happen, the first setup being at bar 2 at the earliest),
    //   hIdx   = patternIdx - 1, the inside bar whose high/low a close must break (an index >= 0
    //            always, so the reads stay in bounds; they only matter while until >= i).
    // A confirmation's value is patternResult + 100 * sign = 2 * patternResult. Masks rather than
    // `x += s * (new - x)`: V8 checks int32 multiplications for overflow and -0 and additions
    // for overflow, bitwise operations need no check.
    let pr = 0, until = -1, hIdx = 0;
    // The two previous bars' high and low are carried in locals (one read per array per bar).
    let h1 = h[start - 4]!, l1 = l[start - 4]!, h2 = h[start - 5]!, l2 = l[start - 5]!;
    // TA-Lib primes the state on the 3 bars before the first output.
    for (let i = start - 3; i <= n - 1; i++) {
      const h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      // Inside bar (bar i-1 inside i-2) followed by a breakout bar i: bullish (breaks lower) or
      // bearish (breaks higher), never both.
      const inside = +(h1 < h2) & +(l1 > l2);
      const bull = inside & +(h0 < h1) & +(l0 < l1);
      const bear = inside & +(h0 > h1) & +(l0 > l1);
      const ms = -(bull | bear);
      const v100 = (-bull & 100) - (-bear & 100);
      const mc = -((~ms & 1) & +(i <= until) & ((+(pr > 0) & +(c0 > h[hIdx]!)) | (+(pr < 0) & +(c0 < l[hIdx]!))));
      const value = (ms & v100) | (mc & (pr << 1));
      pr = (ms & v100) | (~ms & pr);
      until = (ms & (i + 3)) | mc | (~(ms | mc) & until);
      hIdx = (ms & (i - 1)) | (~ms & hIdx);
      if (i >= start) out[i] = value;
      h2 = h1; l2 = l1; h1 = h0; l1 = l0;
    }
  }, [],
  // Series in the heap: the wasm kernel (wasm/candles.wat).
  heapHikkake);

const hikkakeMod = patternDef('CDLHIKKAKEMOD', 'Modified Hikkake: hikkake whose first inside bar closes near its extreme', '+100/-100 bullish/bearish at the pattern bar, +200/-200 when confirmed within 3 bars; 0 = no pattern at this bar.', Math.max(1, Near.avgPeriod) + 5,
  (o, h, l, c, out, start) => {
    const n = c.length;
    let patternIdx = 0;
    let patternResult = 0;
    // TA-Lib primes the state (and the Near average, two candles back) on the 3 bars before the first output.
    const pN = Near.avgPeriod, fN = Near.factor;
    const first = start - 3;
    let tN = sumHighLow(h, l, first - 2 - pN, first - 2);
    // The three previous bars' high and low (and bar i-2's close) are carried in locals; the two
    // inside-bar tests, rarely both true, are the cheap mask before the rest.
    let h1 = h[first - 1]!, l1 = l[first - 1]!, h2 = h[first - 2]!, l2 = l[first - 2]!, h3 = h[first - 3]!, l3 = l[first - 3]!;
    let c1 = c[first - 1]!, c2 = c[first - 2]!;
    for (let i = first; i <= n - 1; i++) {
      const h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const aN = fN * (tN / pN);
      tN += (h2 - l2) - (h[i - 2 - pN]! - l[i - 2 - pN]!);
      let value = 0;
      if ((+(h2 < h3) & +(l2 > l3) & +(h1 < h2) & +(l1 > l2)) !== 0 &&
        ((h0 < h1 && l0 < l1 && c2 <= l2 + aN) ||
          (h0 > h1 && l0 > l1 && c2 >= h2 - aN))) {
        patternResult = 100 * (h0 < h1 ? 1 : -1);
        patternIdx = i;
        value = patternResult;
      } else if (i <= patternIdx + 3 &&
        ((patternResult > 0 && c0 > h[patternIdx - 1]!) || (patternResult < 0 && c0 < l[patternIdx - 1]!))) {
        value = patternResult + 100 * (patternResult > 0 ? 1 : -1);
        patternIdx = 0;
      }
      if (i >= start) out[i] = value;
      h3 = h2; l3 = l2; h2 = h1; l2 = l1; h1 = h0; l1 = l0; c2 = c1; c1 = c0;
    }
  });

export const multiCandlePatterns: IndicatorDef[] = [
  breakaway, concealBabySwallow, hikkake, hikkakeMod, ladderBottom, matHold, riseFall3Methods,
];
