/** Three-candle patterns (and the four-candle three-line strike). Kernel layout as in single.ts. */
import type { IndicatorDef } from '../types.js';
import { heapAdvanceBlock, heapBlackCrows, heapStar, heapTasuki, heapWhiteSoldiers, type StarName } from '../wasm/candles.js';
import {
  BodyDoji, BodyLong, BodyShort, Equal, Far, Near, ShadowLong, ShadowShort, ShadowVeryShort,
  maxPeriod, patternDef, type HeapPatternKernel,
  penetrationParam, shadowRange, sumHighLow, sumRealBody, sumShadows,
} from './candle-settings.js';

const twoCrows = patternDef('CDL2CROWS', 'Two Crows: long white candle, black candle gapping up, black candle closing into the white body', '-100 when present (bearish); 0 = no pattern at this bar.', maxPeriod(BodyLong) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    let tB = sumRealBody(o, c, start - 2 - pB, start - 2);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!), w2 = +(c[i - 2]! >= o[i - 2]!);
      let v = 0;
      if ((w2 & (w1 ^ 1) & (w0 ^ 1)) !== 0) {
        const aB = fB * (tB / pB);
        v = (c[i - 2]! >= o[i - 2]! ? 1 : -1) === 1 && Math.abs(c[i - 2]! - o[i - 2]!) > aB &&
          (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -1 && (Math.min(o[i - 1]!, c[i - 1]!) > Math.max(o[i - 2]!, c[i - 2]!)) &&
          (c[i]! >= o[i]! ? 1 : -1) === -1 && o[i]! < o[i - 1]! && o[i]! > c[i - 1]! &&
          c[i]! > o[i - 2]! && c[i]! < c[i - 2]! ? -100 : 0;
      }
      out[i] = v;
      tB += Math.abs(c[i - 2]! - o[i - 2]!) - Math.abs(c[i - 2 - pB]! - o[i - 2 - pB]!);
    }
  });

const threeBlackCrows = patternDef('CDL3BLACKCROWS', 'Three Black Crows: after a white candle, three declining black candles each opening in the prior body with tiny lower shadows', '-100 when present; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort) + 3,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    let tV2 = sumHighLow(h, l, start - 2 - pV, start - 2);
    let tV1 = sumHighLow(h, l, start - 1 - pV, start - 1);
    let tV0 = sumHighLow(h, l, start - pV, start);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!), w2 = +(c[i - 2]! >= o[i - 2]!), w3 = +(c[i - 3]! >= o[i - 3]!);
      let v = 0;
      if ((w3 & (w2 ^ 1) & (w1 ^ 1) & (w0 ^ 1)) !== 0) {
        const aV2 = fV * (tV2 / pV);
        const aV1 = fV * (tV1 / pV);
        const aV0 = fV * (tV0 / pV);
        v = (c[i - 3]! >= o[i - 3]! ? 1 : -1) === 1 && (c[i - 2]! >= o[i - 2]! ? 1 : -1) === -1 && (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -1 && (c[i]! >= o[i]! ? 1 : -1) === -1 &&
          o[i - 1]! < o[i - 2]! && o[i - 1]! > c[i - 2]! &&
          o[i]! < o[i - 1]! && o[i]! > c[i - 1]! &&
          h[i - 3]! > c[i - 2]! &&
          c[i - 2]! > c[i - 1]! && c[i - 1]! > c[i]! &&
          ((c[i - 2]! >= o[i - 2]! ? o[i - 2]! : c[i - 2]!) - l[i - 2]!) < aV2 && ((c[i - 1]! >= o[i - 1]! ? o[i - 1]! : c[i - 1]!) - l[i - 1]!) < aV1 && ((c[i]! >= o[i]! ? o[i]! : c[i]!) - l[i]!) < aV0 ? -100 : 0;
      }
      out[i] = v;
      tV2 += (h[i - 2]! - l[i - 2]!) - (h[i - 2 - pV]! - l[i - 2 - pV]!);
      tV1 += (h[i - 1]! - l[i - 1]!) - (h[i - 1 - pV]! - l[i - 1 - pV]!);
      tV0 += (h[i]! - l[i]!) - (h[i - pV]! - l[i - pV]!);
    }
  }, [],
  // Series in the heap: the wasm kernel (wasm/candles.wat).
  (o, h, l, c, out, start) => {
    const pV = ShadowVeryShort.avgPeriod | 0;
    return heapBlackCrows(o, h, l, c, out, start, pV, ShadowVeryShort.factor, sumHighLow(h, l, start - 2 - pV, start - 2),
      sumHighLow(h, l, start - 1 - pV, start - 1), sumHighLow(h, l, start - pV, start));
  });

const threeInside = patternDef('CDL3INSIDE', 'Three Inside Up/Down: harami confirmed by a third candle closing beyond the first open', '+100 up (bullish), -100 down (bearish); 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tB = sumRealBody(o, c, start - 2 - pB, start - 2);
    let tS = sumRealBody(o, c, start - 1 - pS, start - 1);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w2 = +(c[i - 2]! >= o[i - 2]!);
      let v = 0;
      if (((w2 ^ w0) & (+(o[i - 1]! < o[i - 2]!) | +(o[i - 1]! < c[i - 2]!)) & (+(c[i - 1]! < o[i - 2]!) | +(c[i - 1]! < c[i - 2]!)) & (+(o[i - 1]! > o[i - 2]!) | +(o[i - 1]! > c[i - 2]!)) & (+(c[i - 1]! > o[i - 2]!) | +(c[i - 1]! > c[i - 2]!))) !== 0) {
        const aB = fB * (tB / pB);
        const aS = fS * (tS / pS);
        const c2 = (c[i - 2]! >= o[i - 2]! ? 1 : -1);
        const c0 = (c[i]! >= o[i]! ? 1 : -1);
        v = Math.abs(c[i - 2]! - o[i - 2]!) > aB && Math.abs(c[i - 1]! - o[i - 1]!) <= aS &&
          Math.max(o[i - 1]!, c[i - 1]!) < Math.max(o[i - 2]!, c[i - 2]!) && Math.min(o[i - 1]!, c[i - 1]!) > Math.min(o[i - 2]!, c[i - 2]!) &&
          ((c2 === 1 && c0 === -1 && c[i]! < o[i - 2]!) || (c2 === -1 && c0 === 1 && c[i]! > o[i - 2]!)) ? -c2 * 100 : 0;
      }
      out[i] = v;
      tB += Math.abs(c[i - 2]! - o[i - 2]!) - Math.abs(c[i - 2 - pB]! - o[i - 2 - pB]!);
      tS += Math.abs(c[i - 1]! - o[i - 1]!) - Math.abs(c[i - 1 - pS]! - o[i - 1 - pS]!);
    }
  });

const threeLineStrike = patternDef('CDL3LINESTRIKE', 'Three-Line Strike: three same-color candles in a row then one opposite candle erasing them', '+100 bullish (three white then black), -100 bearish; 0 = no pattern at this bar.', maxPeriod(Near) + 3,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pN = Near.avgPeriod, fN = Near.factor;
    let tN3 = sumHighLow(h, l, start - 3 - pN, start - 3);
    let tN2 = sumHighLow(h, l, start - 2 - pN, start - 2);
    // The three previous bars (prices, colours) and the ranges that move the totals are carried
    // in locals, each read once: one open, one close and two ranges read per bar instead of
    // re-reading four bars' opens and closes (the same values, so the same results).
    let o1 = o[start - 1]!, c1 = c[start - 1]!, o2 = o[start - 2]!, c2 = c[start - 2]!, o3 = o[start - 3]!, c3 = c[start - 3]!;
    let w1 = +(c1 >= o1), w2 = +(c2 >= o2), w3 = +(c3 >= o3);
    let hl3 = h[start - 3]! - l[start - 3]!, old3 = h[start - 3 - pN]! - l[start - 3 - pN]!;
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!;
      const w0 = +(c0 >= o0);
      const hl2 = h[i - 2]! - l[i - 2]!, old2 = h[i - 2 - pN]! - l[i - 2 - pN]!;
      let v = 0;
      if ((((w3 & w2 & w1 & (w0 ^ 1)) | ((w3 ^ 1) & (w2 ^ 1) & (w1 ^ 1) & w0)) & ((w1 & +(c1 > c2) & +(c2 > c3) & +(o0 > c1) & +(c0 < o3)) | ((w1 ^ 1) & +(c1 < c2) & +(c2 < c3) & +(o0 < c1) & +(c0 > o3)))) !== 0) {
        const aN3 = fN * (tN3 / pN);
        const aN2 = fN * (tN2 / pN);
        const s1 = (c1 >= o1 ? 1 : -1);
        v = (c3 >= o3 ? 1 : -1) === (c2 >= o2 ? 1 : -1) && (c2 >= o2 ? 1 : -1) === s1 && (c0 >= o0 ? 1 : -1) === -s1 &&
          o2 >= Math.min(o3, c3) - aN3 && o2 <= Math.max(o3, c3) + aN3 &&
          o1 >= Math.min(o2, c2) - aN2 && o1 <= Math.max(o2, c2) + aN2 &&
          ((s1 === 1 && c1 > c2 && c2 > c3 && o0 > c1 && c0 < o3) ||
            (s1 === -1 && c1 < c2 && c2 < c3 && o0 < c1 && c0 > o3)) ? s1 * 100 : 0;
      }
      out[i] = v;
      tN3 += hl3 - old3;
      tN2 += hl2 - old2;
      o3 = o2; c3 = c2; w3 = w2; o2 = o1; c2 = c1; w2 = w1; o1 = o0; c1 = c0; w1 = w0;
      hl3 = hl2; old3 = old2;
    }
  });

const threeOutside = patternDef('CDL3OUTSIDE', 'Three Outside Up/Down: engulfing confirmed by a third candle closing further', '+100 up (bullish), -100 down (bearish); 0 = no pattern at this bar.', 3,
  (o, h, l, c, out, start) => {
    const n = o.length;
    for (let i = start; i < n; i++) {
      const c0 = c[i]!, o1 = o[i - 1]!, c1 = c[i - 1]!, o2 = o[i - 2]!, c2 = c[i - 2]!;
      const w1 = +(c1 >= o1), w2 = +(c2 >= o2);
      // all tests as 0/1 numbers (see BRANCH-FREE in candle-settings.ts)
      const up = w1 & (w2 ^ 1) & +(c1 > o2) & +(o1 < c2) & +(c0 > c1);
      const down = (w1 ^ 1) & w2 & +(o1 > c2) & +(c1 < o2) & +(c0 < c1);
      out[i] = 100 * (up - down);
    }
  });

const threeStarsInSouth = patternDef('CDL3STARSINSOUTH', 'Three Stars In The South: three shrinking black candles, the last a small marubozu inside the second', '+100 when present (bullish); 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort, ShadowLong, BodyLong, BodyShort) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const fL = ShadowLong.factor;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tB = sumRealBody(o, c, start - 2 - pB, start - 2);
    let tV1 = sumHighLow(h, l, start - 1 - pV, start - 1);
    let tV0 = sumHighLow(h, l, start - pV, start);
    let tS = sumRealBody(o, c, start - pS, start);
    // The two previous bars are carried in locals; the cheap mask adds to the three black
    // candles TA-Lib's plain comparisons (second candle opening and reaching down inside the
    // first, third inside the second's range), rarely all true; the exact test follows.
    let o1 = o[start - 1]!, h1 = h[start - 1]!, l1 = l[start - 1]!, c1 = c[start - 1]!;
    let o2 = o[start - 2]!, h2 = h[start - 2]!, l2 = l[start - 2]!, c2 = c[start - 2]!;
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      let v = 0;
      if ((+(c2 < o2) & +(c1 < o1) & +(c0 < o0) & +(o1 > c2) & +(o1 <= h2) & +(l1 < c2) & +(l1 >= l2) & +(l0 > l1) & +(h0 < h1)) !== 0) {
        const aB = fB * (tB / pB);
        const aV1 = fV * (tV1 / pV);
        const aV0 = fV * (tV0 / pV);
        const aS = fS * (tS / pS);
        v = (c2 >= o2 ? 1 : -1) === -1 && (c1 >= o1 ? 1 : -1) === -1 && (c0 >= o0 ? 1 : -1) === -1 &&
          Math.abs(c2 - o2) > aB && ((c2 >= o2 ? o2 : c2) - l2) > fL * Math.abs(c2 - o2) &&
          Math.abs(c1 - o1) < Math.abs(c2 - o2) &&
          o1 > c2 && o1 <= h2 && l1 < c2 && l1 >= l2 &&
          ((c1 >= o1 ? o1 : c1) - l1) > aV1 &&
          Math.abs(c0 - o0) < aS && ((c0 >= o0 ? o0 : c0) - l0) < aV0 && (h0 - (c0 >= o0 ? c0 : o0)) < aV0 &&
          l0 > l1 && h0 < h1 ? 100 : 0;
      }
      out[i] = v;
      tB += Math.abs(c2 - o2) - Math.abs(c[i - 2 - pB]! - o[i - 2 - pB]!);
      tV1 += (h1 - l1) - (h[i - 1 - pV]! - l[i - 1 - pV]!);
      tV0 += (h0 - l0) - (h[i - pV]! - l[i - pV]!);
      tS += Math.abs(c0 - o0) - Math.abs(c[i - pS]! - o[i - pS]!);
      o2 = o1; h2 = h1; l2 = l1; c2 = c1;
      o1 = o0; h1 = h0; l1 = l0; c1 = c0;
    }
  });

const threeWhiteSoldiers = patternDef('CDL3WHITESOLDIERS', 'Three Advancing White Soldiers: three rising white candles opening within the prior body with tiny upper shadows', '+100 when present; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort, BodyShort, Far, Near) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    const pN = Near.avgPeriod, fN = Near.factor;
    const pF = Far.avgPeriod, fF = Far.factor;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tV2 = sumHighLow(h, l, start - 2 - pV, start - 2);
    let tV1 = sumHighLow(h, l, start - 1 - pV, start - 1);
    let tV0 = sumHighLow(h, l, start - pV, start);
    let tN2 = sumHighLow(h, l, start - 2 - pN, start - 2);
    let tN1 = sumHighLow(h, l, start - 1 - pN, start - 1);
    let tF2 = sumHighLow(h, l, start - 2 - pF, start - 2);
    let tF1 = sumHighLow(h, l, start - 1 - pF, start - 1);
    let tS = sumRealBody(o, c, start - pS, start);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!), w2 = +(c[i - 2]! >= o[i - 2]!);
      let v = 0;
      if ((w2 & w1 & w0 & +(c[i]! > c[i - 1]!) & +(c[i - 1]! > c[i - 2]!)) !== 0) {
        const aV2 = fV * (tV2 / pV);
        const aV1 = fV * (tV1 / pV);
        const aV0 = fV * (tV0 / pV);
        const aN2 = fN * (tN2 / pN);
        const aN1 = fN * (tN1 / pN);
        const aF2 = fF * (tF2 / pF);
        const aF1 = fF * (tF1 / pF);
        const aS = fS * (tS / pS);
        v = (c[i - 2]! >= o[i - 2]! ? 1 : -1) === 1 && (h[i - 2]! - (c[i - 2]! >= o[i - 2]! ? c[i - 2]! : o[i - 2]!)) < aV2 &&
          (c[i - 1]! >= o[i - 1]! ? 1 : -1) === 1 && (h[i - 1]! - (c[i - 1]! >= o[i - 1]! ? c[i - 1]! : o[i - 1]!)) < aV1 &&
          (c[i]! >= o[i]! ? 1 : -1) === 1 && (h[i]! - (c[i]! >= o[i]! ? c[i]! : o[i]!)) < aV0 &&
          c[i]! > c[i - 1]! && c[i - 1]! > c[i - 2]! &&
          o[i - 1]! > o[i - 2]! && o[i - 1]! <= c[i - 2]! + aN2 &&
          o[i]! > o[i - 1]! && o[i]! <= c[i - 1]! + aN1 &&
          Math.abs(c[i - 1]! - o[i - 1]!) > Math.abs(c[i - 2]! - o[i - 2]!) - aF2 &&
          Math.abs(c[i]! - o[i]!) > Math.abs(c[i - 1]! - o[i - 1]!) - aF1 &&
          Math.abs(c[i]! - o[i]!) > aS ? 100 : 0;
      }
      out[i] = v;
      const hl2 = (h[i - 2]! - l[i - 2]!);
      const hl1 = (h[i - 1]! - l[i - 1]!);
      tV2 += hl2 - (h[i - 2 - pV]! - l[i - 2 - pV]!);
      tV1 += hl1 - (h[i - 1 - pV]! - l[i - 1 - pV]!);
      tV0 += (h[i]! - l[i]!) - (h[i - pV]! - l[i - pV]!);
      tF2 += hl2 - (h[i - 2 - pF]! - l[i - 2 - pF]!);
      tN2 += hl2 - (h[i - 2 - pN]! - l[i - 2 - pN]!);
      tF1 += hl1 - (h[i - 1 - pF]! - l[i - 1 - pF]!);
      tN1 += hl1 - (h[i - 1 - pN]! - l[i - 1 - pN]!);
      tS += Math.abs(c[i]! - o[i]!) - Math.abs(c[i - pS]! - o[i - pS]!);
    }
  }, [],
  // Series in the heap: the wasm kernel (wasm/candles.wat), the totals started as above.
  (o, h, l, c, out, start) => {
    const pv = ShadowVeryShort.avgPeriod | 0, pn = Near.avgPeriod | 0, pf = Far.avgPeriod | 0, ps = BodyShort.avgPeriod | 0;
    return heapWhiteSoldiers(o, h, l, c, out, start, {
      pv, fv: ShadowVeryShort.factor,
      v2: sumHighLow(h, l, start - 2 - pv, start - 2), v1: sumHighLow(h, l, start - 1 - pv, start - 1), v0: sumHighLow(h, l, start - pv, start),
      pn, fn: Near.factor, n2: sumHighLow(h, l, start - 2 - pn, start - 2), n1: sumHighLow(h, l, start - 1 - pn, start - 1),
      pf, ff: Far.factor, f2: sumHighLow(h, l, start - 2 - pf, start - 2), f1: sumHighLow(h, l, start - 1 - pf, start - 1),
      ps, fs: BodyShort.factor, s: sumRealBody(o, c, start - ps, start),
    });
  });

const advanceBlock = patternDef('CDLADVANCEBLOCK', 'Advance Block: three rising white candles showing weakening bodies and/or growing upper shadows', '-100 when present (bearish); 0 = no pattern at this bar.', maxPeriod(Near, Far, BodyLong, ShadowShort, ShadowLong) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pS = ShadowShort.avgPeriod, fS = ShadowShort.factor;
    const fL = ShadowLong.factor;
    const pN = Near.avgPeriod, fN = Near.factor;
    const pF = Far.avgPeriod, fF = Far.factor;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    let tS2 = sumShadows(o, h, l, c, start - 2 - pS, start - 2);
    let tS1 = sumShadows(o, h, l, c, start - 1 - pS, start - 1);
    let tS0 = sumShadows(o, h, l, c, start - pS, start);
    let tN2 = sumHighLow(h, l, start - 2 - pN, start - 2);
    let tN1 = sumHighLow(h, l, start - 1 - pN, start - 1);
    let tF2 = sumHighLow(h, l, start - 2 - pF, start - 2);
    let tF1 = sumHighLow(h, l, start - 1 - pF, start - 1);
    let tB = sumRealBody(o, c, start - 2 - pB, start - 2);
    // Carried in locals: the two previous bars' values, their shadow ranges and high-low ranges,
    // and the totals' trailing terms: the totals at offsets 2, 1, 0 of one setting drop the
    // consecutive bars i-2-p, i-1-p, i-p, so each bar reads only the newest trailing bar per
    // setting and passes the older ones down (same values, same additions as before).
    let o1 = o[start - 1]!, c1 = c[start - 1]!, o2 = o[start - 2]!, c2 = c[start - 2]!;
    let sr1 = shadowRange(o, h, l, c, start - 1), sr2 = shadowRange(o, h, l, c, start - 2);
    let hl1 = h[start - 1]! - l[start - 1]!, hl2 = h[start - 2]! - l[start - 2]!;
    let srT1 = shadowRange(o, h, l, c, start - 1 - pS), srT2 = shadowRange(o, h, l, c, start - 2 - pS);
    let hlF2 = h[start - 2 - pF]! - l[start - 2 - pF]!, hlN2 = h[start - 2 - pN]! - l[start - 2 - pN]!;
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const w0 = +(c0 >= o0), w1 = +(c1 >= o1), w2 = +(c2 >= o2);
      let v = 0;
      if ((w2 & w1 & w0 & +(c0 > c1) & +(c1 > c2)) !== 0) {
        const aS2 = fS * (tS2 / pS) / 2.0;
        const aS1 = fS * (tS1 / pS) / 2.0;
        const aS0 = fS * (tS0 / pS) / 2.0;
        const aN2 = fN * (tN2 / pN);
        const aN1 = fN * (tN1 / pN);
        const aF2 = fF * (tF2 / pF);
        const aF1 = fF * (tF1 / pF);
        const aB = fB * (tB / pB);
        let hit = (c[i - 2]! >= o[i - 2]! ? 1 : -1) === 1 && (c[i - 1]! >= o[i - 1]! ? 1 : -1) === 1 && (c[i]! >= o[i]! ? 1 : -1) === 1 &&
          c[i]! > c[i - 1]! && c[i - 1]! > c[i - 2]! &&
          o[i - 1]! > o[i - 2]! && o[i - 1]! <= c[i - 2]! + aN2 &&
          o[i]! > o[i - 1]! && o[i]! <= c[i - 1]! + aN1 &&
          Math.abs(c[i - 2]! - o[i - 2]!) > aB && (h[i - 2]! - (c[i - 2]! >= o[i - 2]! ? c[i - 2]! : o[i - 2]!)) < aS2;
        if (hit) {
          const rb2 = Math.abs(c[i - 2]! - o[i - 2]!);
          const rb1 = Math.abs(c[i - 1]! - o[i - 1]!);
          const rb0 = Math.abs(c[i]! - o[i]!);
          hit = (rb1 < rb2 - aF2 && rb0 < rb1 + aN1) ||
            rb0 < rb1 - aF1 ||
            (rb0 < rb1 && rb1 < rb2 && ((h[i]! - (c[i]! >= o[i]! ? c[i]! : o[i]!)) > aS0 || (h[i - 1]! - (c[i - 1]! >= o[i - 1]! ? c[i - 1]! : o[i - 1]!)) > aS1)) ||
            (rb0 < rb1 && (h[i]! - (c[i]! >= o[i]! ? c[i]! : o[i]!)) > fL * rb0);
        }
        v = hit ? -100 : 0;
      }
      out[i] = v;
      const sr0 = (h0 - (c0 >= o0 ? c0 : o0)) + ((c0 >= o0 ? o0 : c0) - l0);
      const srT0 = shadowRange(o, h, l, c, i - pS);
      const hlF1 = h[i - 1 - pF]! - l[i - 1 - pF]!, hlN1 = h[i - 1 - pN]! - l[i - 1 - pN]!;
      tS2 += sr2 - srT2;
      tS1 += sr1 - srT1;
      tS0 += sr0 - srT0;
      tF2 += hl2 - hlF2;
      tN2 += hl2 - hlN2;
      tF1 += hl1 - hlF1;
      tN1 += hl1 - hlN1;
      tB += Math.abs(c2 - o2) - Math.abs(c[i - 2 - pB]! - o[i - 2 - pB]!);
      o2 = o1; c2 = c1; sr2 = sr1; hl2 = hl1; srT2 = srT1; hlF2 = hlF1; hlN2 = hlN1;
      o1 = o0; c1 = c0; sr1 = sr0; hl1 = h0 - l0; srT1 = srT0;
    }
  }, [],
  // Series in the heap: the wasm kernel (wasm/candles.wat), the totals started as above.
  (o, h, l, c, out, start) => {
    const ps = ShadowShort.avgPeriod | 0, pn = Near.avgPeriod | 0, pf = Far.avgPeriod | 0, pb = BodyLong.avgPeriod | 0;
    return heapAdvanceBlock(o, h, l, c, out, start, {
      ps, fs: ShadowShort.factor, fl: ShadowLong.factor,
      s2: sumShadows(o, h, l, c, start - 2 - ps, start - 2), s1: sumShadows(o, h, l, c, start - 1 - ps, start - 1), s0: sumShadows(o, h, l, c, start - ps, start),
      pn, fn: Near.factor, n2: sumHighLow(h, l, start - 2 - pn, start - 2), n1: sumHighLow(h, l, start - 1 - pn, start - 1),
      pf, ff: Far.factor, f2: sumHighLow(h, l, start - 2 - pf, start - 2), f1: sumHighLow(h, l, start - 1 - pf, start - 1),
      pb, fb: BodyLong.factor, b: sumRealBody(o, c, start - 2 - pb, start - 2),
    });
  });

/**
 * Morning/evening (doji) star: long candle, small (doji: `doji`) star gapping away, strong
 * reversal candle closing `pen` of the first body into it.
 */
/** The star kernels' wasm counterparts for series in the heap (wasm/candles.wat). */
function starHeap(doji: boolean, bullish: boolean): HeapPatternKernel {
  const kind: StarName = doji ? (bullish ? 'morningdojistar' : 'eveningdojistar') : (bullish ? 'morningstar' : 'eveningstar');
  return (o, h, l, c, out, start, pen) => {
    const pB = BodyLong.avgPeriod | 0, pS = BodyShort.avgPeriod | 0;
    const pT = (doji ? BodyDoji.avgPeriod : BodyShort.avgPeriod) | 0;
    const fT = doji ? BodyDoji.factor : BodyShort.factor;
    const tT = doji ? sumHighLow(h, l, start - 1 - pT, start - 1) : sumRealBody(o, c, start - 1 - pT, start - 1);
    return heapStar(kind, o, h, l, c, out, start, pB, BodyLong.factor, sumRealBody(o, c, start - 2 - pB, start - 2),
      pT, fT, tT, pS, BodyShort.factor, sumRealBody(o, c, start - pS, start), pen);
  };
}

function starKernel(doji: boolean, bullish: boolean) {
  return (o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number, pen: number) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pT = doji ? BodyDoji.avgPeriod : BodyShort.avgPeriod;
    const fT = doji ? BodyDoji.factor : BodyShort.factor;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tB = sumRealBody(o, c, start - 2 - pB, start - 2);
    // BodyDoji measures the high-low range, BodyShort the real body.
    let tT = doji ? sumHighLow(h, l, start - 1 - pT, start - 1) : sumRealBody(o, c, start - 1 - pT, start - 1);
    let tS = sumRealBody(o, c, start - pS, start);
    const want = bullish ? 1 : -1;
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w2 = +(c[i - 2]! >= o[i - 2]!);
      let v = 0;
      if (((bullish ? (w2 ^ 1) & w0 : w2 & (w0 ^ 1)) & (bullish ? (+(o[i - 1]! < o[i - 2]!) & +(o[i - 1]! < c[i - 2]!) & +(c[i - 1]! < o[i - 2]!) & +(c[i - 1]! < c[i - 2]!)) : (+(o[i - 1]! > o[i - 2]!) & +(o[i - 1]! > c[i - 2]!) & +(c[i - 1]! > o[i - 2]!) & +(c[i - 1]! > c[i - 2]!)))) !== 0) {
        const aB = fB * (tB / pB);
        const aT = fT * (tT / pT);
        const aS = fS * (tS / pS);
        v = Math.abs(c[i - 2]! - o[i - 2]!) > aB && (c[i - 2]! >= o[i - 2]! ? 1 : -1) === -want &&
          Math.abs(c[i - 1]! - o[i - 1]!) <= aT &&
          (bullish ? (Math.max(o[i - 1]!, c[i - 1]!) < Math.min(o[i - 2]!, c[i - 2]!)) : (Math.min(o[i - 1]!, c[i - 1]!) > Math.max(o[i - 2]!, c[i - 2]!))) &&
          Math.abs(c[i]! - o[i]!) > aS && (c[i]! >= o[i]! ? 1 : -1) === want &&
          (bullish ? c[i]! > c[i - 2]! + Math.abs(c[i - 2]! - o[i - 2]!) * pen : c[i]! < c[i - 2]! - Math.abs(c[i - 2]! - o[i - 2]!) * pen) ? want * 100 : 0;
      }
      out[i] = v;
      tB += Math.abs(c[i - 2]! - o[i - 2]!) - Math.abs(c[i - 2 - pB]! - o[i - 2 - pB]!);
      tT += doji ? (h[i - 1]! - l[i - 1]!) - (h[i - 1 - pT]! - l[i - 1 - pT]!) : Math.abs(c[i - 1]! - o[i - 1]!) - Math.abs(c[i - 1 - pT]! - o[i - 1 - pT]!);
      tS += Math.abs(c[i]! - o[i]!) - Math.abs(c[i - pS]! - o[i - pS]!);
    }
  };
}

const STAR_LB = maxPeriod(BodyShort, BodyLong) + 2;
const DOJISTAR_LB = maxPeriod(BodyDoji, BodyLong, BodyShort) + 2;
const eveningStar = patternDef('CDLEVENINGSTAR', 'Evening Star: long white candle, small star gapping up, black candle closing deep into the first', '-100 when present; 0 = no pattern at this bar.', STAR_LB,
  starKernel(false, false), [penetrationParam(0.3)], starHeap(false, false));
const morningStar = patternDef('CDLMORNINGSTAR', 'Morning Star: long black candle, small star gapping down, white candle closing deep into the first', '+100 when present; 0 = no pattern at this bar.', STAR_LB,
  starKernel(false, true), [penetrationParam(0.3)], starHeap(false, true));
const eveningDojiStar = patternDef('CDLEVENINGDOJISTAR', 'Evening Doji Star: long white candle, doji gapping up, black candle closing deep into the first', '-100 when present; 0 = no pattern at this bar.', DOJISTAR_LB,
  starKernel(true, false), [penetrationParam(0.3)], starHeap(true, false));
const morningDojiStar = patternDef('CDLMORNINGDOJISTAR', 'Morning Doji Star: long black candle, doji gapping down, white candle closing deep into the first', '+100 when present; 0 = no pattern at this bar.', DOJISTAR_LB,
  starKernel(true, true), [penetrationParam(0.3)], starHeap(true, true));

const abandonedBaby = patternDef('CDLABANDONEDBABY', 'Abandoned Baby: long candle, doji with shadows gapping away, opposite candle gapping back', '+100 bullish, -100 bearish; 0 = no pattern at this bar.', DOJISTAR_LB,
  (o, h, l, c, out, start, pen) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tB = sumRealBody(o, c, start - 2 - pB, start - 2);
    let tD = sumHighLow(h, l, start - 1 - pD, start - 1);
    let tS = sumRealBody(o, c, start - pS, start);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w2 = +(c[i - 2]! >= o[i - 2]!);
      let v = 0;
      if (((w2 ^ w0) & ((w2 & (w0 ^ 1) & +(l[i - 1]! > h[i - 2]!) & +(h[i]! < l[i - 1]!)) | ((w2 ^ 1) & w0 & +(h[i - 1]! < l[i - 2]!) & +(l[i]! > h[i - 1]!)))) !== 0) {
        const aB = fB * (tB / pB);
        const aD = fD * (tD / pD);
        const aS = fS * (tS / pS);
        const c2 = (c[i - 2]! >= o[i - 2]! ? 1 : -1);
        const c0 = (c[i]! >= o[i]! ? 1 : -1);
        v = Math.abs(c[i - 2]! - o[i - 2]!) > aB && Math.abs(c[i - 1]! - o[i - 1]!) <= aD && Math.abs(c[i]! - o[i]!) > aS &&
          ((c2 === 1 && c0 === -1 && c[i]! < c[i - 2]! - Math.abs(c[i - 2]! - o[i - 2]!) * pen &&
            (l[i - 1]! > h[i - 2]!) && (h[i]! < l[i - 1]!)) ||
            (c2 === -1 && c0 === 1 && c[i]! > c[i - 2]! + Math.abs(c[i - 2]! - o[i - 2]!) * pen &&
              (h[i - 1]! < l[i - 2]!) && (l[i]! > h[i - 1]!))) ? c0 * 100 : 0;
      }
      out[i] = v;
      tB += Math.abs(c[i - 2]! - o[i - 2]!) - Math.abs(c[i - 2 - pB]! - o[i - 2 - pB]!);
      tD += (h[i - 1]! - l[i - 1]!) - (h[i - 1 - pD]! - l[i - 1 - pD]!);
      tS += Math.abs(c[i]! - o[i]!) - Math.abs(c[i - pS]! - o[i - pS]!);
    }
  }, [penetrationParam(0.3)]);

const triStar = patternDef('CDLTRISTAR', 'Tristar: three dojis, the middle one gapping away', '+100 bullish (bottom), -100 bearish (top); 0 = no pattern at this bar.', maxPeriod(BodyDoji) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    let tD = sumHighLow(h, l, start - 2 - pD, start - 2);
    // The two previous bars are carried in locals, and the three doji tests are one 0/1 mask
    // (see BRANCH-FREE in candle-settings.ts): three dojis in a row are rare, so the branch is
    // predictable where the && chain was not.
    let o1 = o[start - 1]!, c1 = c[start - 1]!, hl1 = h[start - 1]! - l[start - 1]!;
    let o2 = o[start - 2]!, c2 = c[start - 2]!, hl2 = h[start - 2]! - l[start - 2]!;
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!;
      const avg = fD * (tD / pD);
      tD += hl2 - (h[i - 2 - pD]! - l[i - 2 - pD]!);
      let v = 0;
      if ((+(Math.abs(c2 - o2) <= avg) & +(Math.abs(c1 - o1) <= avg) & +(Math.abs(c0 - o0) <= avg)) !== 0) {
        if ((Math.min(o1, c1) > Math.max(o2, c2)) && Math.max(o0, c0) < Math.max(o1, c1)) v = -100;
        if ((Math.max(o1, c1) < Math.min(o2, c2)) && Math.min(o0, c0) > Math.min(o1, c1)) v = 100;
      }
      out[i] = v;
      o2 = o1; c2 = c1; hl2 = hl1;
      o1 = o0; c1 = c0; hl1 = h[i]! - l[i]!;
    }
  });

const unique3River = patternDef('CDLUNIQUE3RIVER', 'Unique 3 River: long black candle, black harami with a lower low, small white candle', '+100 when present (bullish); 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tB = sumRealBody(o, c, start - 2 - pB, start - 2);
    let tS = sumRealBody(o, c, start - pS, start);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!), w2 = +(c[i - 2]! >= o[i - 2]!);
      let v = 0;
      if (((w2 ^ 1) & (w1 ^ 1) & w0) !== 0) {
        const aB = fB * (tB / pB);
        const aS = fS * (tS / pS);
        v = (c[i - 2]! >= o[i - 2]! ? 1 : -1) === -1 && (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -1 && (c[i]! >= o[i]! ? 1 : -1) === 1 &&
          c[i - 1]! > c[i - 2]! && o[i - 1]! <= o[i - 2]! && l[i - 1]! < l[i - 2]! && o[i]! > l[i - 1]! &&
          Math.abs(c[i - 2]! - o[i - 2]!) > aB && Math.abs(c[i]! - o[i]!) < aS ? 100 : 0;
      }
      out[i] = v;
      tB += Math.abs(c[i - 2]! - o[i - 2]!) - Math.abs(c[i - 2 - pB]! - o[i - 2 - pB]!);
      tS += Math.abs(c[i]! - o[i]!) - Math.abs(c[i - pS]! - o[i - pS]!);
    }
  });

const upsideGap2Crows = patternDef('CDLUPSIDEGAP2CROWS', 'Upside Gap Two Crows: long white candle, small black gapping up, black engulfing it but closing above the first', '-100 when present; 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tB = sumRealBody(o, c, start - 2 - pB, start - 2);
    let tS = sumRealBody(o, c, start - 1 - pS, start - 1);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!), w2 = +(c[i - 2]! >= o[i - 2]!);
      let v = 0;
      if ((w2 & (w1 ^ 1) & (w0 ^ 1)) !== 0) {
        const aB = fB * (tB / pB);
        const aS = fS * (tS / pS);
        v = (c[i - 2]! >= o[i - 2]! ? 1 : -1) === 1 && Math.abs(c[i - 2]! - o[i - 2]!) > aB &&
          (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -1 && Math.abs(c[i - 1]! - o[i - 1]!) <= aS && (Math.min(o[i - 1]!, c[i - 1]!) > Math.max(o[i - 2]!, c[i - 2]!)) &&
          (c[i]! >= o[i]! ? 1 : -1) === -1 && o[i]! > o[i - 1]! && c[i]! < c[i - 1]! && c[i]! > c[i - 2]! ? -100 : 0;
      }
      out[i] = v;
      tB += Math.abs(c[i - 2]! - o[i - 2]!) - Math.abs(c[i - 2 - pB]! - o[i - 2 - pB]!);
      tS += Math.abs(c[i - 1]! - o[i - 1]!) - Math.abs(c[i - 1 - pS]! - o[i - 1 - pS]!);
    }
  });

const identical3Crows = patternDef('CDLIDENTICAL3CROWS', 'Identical Three Crows: three declining black candles each opening at the prior close', '-100 when present; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort, Equal) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    const pE = Equal.avgPeriod, fE = Equal.factor;
    let tV2 = sumHighLow(h, l, start - 2 - pV, start - 2);
    let tV1 = sumHighLow(h, l, start - 1 - pV, start - 1);
    let tV0 = sumHighLow(h, l, start - pV, start);
    let tE2 = sumHighLow(h, l, start - 2 - pE, start - 2);
    let tE1 = sumHighLow(h, l, start - 1 - pE, start - 1);
    for (let i = start; i < n; i++) {
      const w0 = +(c[i]! >= o[i]!), w1 = +(c[i - 1]! >= o[i - 1]!), w2 = +(c[i - 2]! >= o[i - 2]!);
      let v = 0;
      if (((w2 ^ 1) & (w1 ^ 1) & (w0 ^ 1)) !== 0) {
        const aV2 = fV * (tV2 / pV);
        const aV1 = fV * (tV1 / pV);
        const aV0 = fV * (tV0 / pV);
        const aE2 = fE * (tE2 / pE);
        const aE1 = fE * (tE1 / pE);
        v = (c[i - 2]! >= o[i - 2]! ? 1 : -1) === -1 && ((c[i - 2]! >= o[i - 2]! ? o[i - 2]! : c[i - 2]!) - l[i - 2]!) < aV2 &&
          (c[i - 1]! >= o[i - 1]! ? 1 : -1) === -1 && ((c[i - 1]! >= o[i - 1]! ? o[i - 1]! : c[i - 1]!) - l[i - 1]!) < aV1 &&
          (c[i]! >= o[i]! ? 1 : -1) === -1 && ((c[i]! >= o[i]! ? o[i]! : c[i]!) - l[i]!) < aV0 &&
          c[i - 2]! > c[i - 1]! && c[i - 1]! > c[i]! &&
          o[i - 1]! <= c[i - 2]! + aE2 && o[i - 1]! >= c[i - 2]! - aE2 &&
          o[i]! <= c[i - 1]! + aE1 && o[i]! >= c[i - 1]! - aE1 ? -100 : 0;
      }
      out[i] = v;
      const hl2 = (h[i - 2]! - l[i - 2]!);
      const hl1 = (h[i - 1]! - l[i - 1]!);
      tV2 += hl2 - (h[i - 2 - pV]! - l[i - 2 - pV]!);
      tV1 += hl1 - (h[i - 1 - pV]! - l[i - 1 - pV]!);
      tV0 += (h[i]! - l[i]!) - (h[i - pV]! - l[i - pV]!);
      tE2 += hl2 - (h[i - 2 - pE]! - l[i - 2 - pE]!);
      tE1 += hl1 - (h[i - 1 - pE]! - l[i - 1 - pE]!);
    }
  });

const stalled = patternDef('CDLSTALLEDPATTERN', 'Stalled Pattern: two long rising white candles then a small one near the prior close', '-100 when present (bearish); 0 = no pattern at this bar.', maxPeriod(BodyLong, BodyShort, ShadowVeryShort, Near) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    const pN = Near.avgPeriod, fN = Near.factor;
    let tB2 = sumRealBody(o, c, start - 2 - pB, start - 2);
    let tB1 = sumRealBody(o, c, start - 1 - pB, start - 1);
    let tS = sumRealBody(o, c, start - pS, start);
    let tV1 = sumHighLow(h, l, start - 1 - pV, start - 1);
    let tN2 = sumHighLow(h, l, start - 2 - pN, start - 2);
    let tN1 = sumHighLow(h, l, start - 1 - pN, start - 1);
    // The two previous bars (prices, body, range, colour) are carried in locals: one read per
    // array per bar instead of re-reading bars i-1 and i-2 for the test and the six totals.
    let o1 = o[start - 1]!, c1 = c[start - 1]!, h1 = h[start - 1]!;
    let o2 = o[start - 2]!, c2 = c[start - 2]!;
    let rb1 = Math.abs(c1 - o1), rb2 = Math.abs(c2 - o2);
    let hl1 = h1 - l[start - 1]!, hl2 = h[start - 2]! - l[start - 2]!;
    let w1 = +(c1 >= o1), w2 = +(c2 >= o2);
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!, h0 = h[i]!;
      const w0 = +(c0 >= o0);
      const rb0 = Math.abs(c0 - o0);
      let v = 0;
      if ((w2 & w1 & w0 & +(c0 > c1) & +(c1 > c2)) !== 0) {
        // all three white here, so bar i-1's upper shadow is h1 - c1
        const aB2 = fB * (tB2 / pB);
        const aB1 = fB * (tB1 / pB);
        const aS = fS * (tS / pS);
        const aV1 = fV * (tV1 / pV);
        const aN2 = fN * (tN2 / pN);
        const aN1 = fN * (tN1 / pN);
        v = rb2 > aB2 && rb1 > aB1 && (h1 - c1) < aV1 &&
          o1 > o2 && o1 <= c2 + aN2 &&
          rb0 < aS &&
          o0 >= c1 - rb0 - aN1 ? -100 : 0;
      }
      out[i] = v;
      tB2 += rb2 - Math.abs(c[i - 2 - pB]! - o[i - 2 - pB]!);
      tB1 += rb1 - Math.abs(c[i - 1 - pB]! - o[i - 1 - pB]!);
      tS += rb0 - Math.abs(c[i - pS]! - o[i - pS]!);
      tV1 += hl1 - (h[i - 1 - pV]! - l[i - 1 - pV]!);
      tN2 += hl2 - (h[i - 2 - pN]! - l[i - 2 - pN]!);
      tN1 += hl1 - (h[i - 1 - pN]! - l[i - 1 - pN]!);
      o2 = o1; c2 = c1; rb2 = rb1; hl2 = hl1; w2 = w1;
      o1 = o0; c1 = c0; h1 = h0; rb1 = rb0; hl1 = h0 - l[i]!; w1 = w0;
    }
  });

const stickSandwich = patternDef('CDLSTICKSANDWICH', 'Stick Sandwich: black, white trading above the first close, black closing at the first close', '+100 when present (bullish); 0 = no pattern at this bar.', maxPeriod(Equal) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pE = Equal.avgPeriod, fE = Equal.factor;
    let tE = sumHighLow(h, l, start - 2 - pE, start - 2);
    // The two previous bars are carried in locals; the cheap mask adds the second candle trading
    // above the first close and the closes equal within Equal (rarely true) to the colours.
    let o1 = o[start - 1]!, c1 = c[start - 1]!, l1 = l[start - 1]!, hl1 = h[start - 1]! - l1;
    let o2 = o[start - 2]!, c2 = c[start - 2]!, hl2 = h[start - 2]! - l[start - 2]!;
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!, l0 = l[i]!;
      const aE = fE * (tE / pE);
      let v = 0;
      if (((+(c2 >= o2) ^ 1) & +(c1 >= o1) & (+(c0 >= o0) ^ 1) & +(l1 > c2) & +(c0 <= c2 + aE) & +(c0 >= c2 - aE)) !== 0) {
        v = (c2 >= o2 ? 1 : -1) === -1 && (c1 >= o1 ? 1 : -1) === 1 && (c0 >= o0 ? 1 : -1) === -1 &&
          l1 > c2 &&
          c0 <= c2 + aE && c0 >= c2 - aE ? 100 : 0;
      }
      out[i] = v;
      tE += hl2 - (h[i - 2 - pE]! - l[i - 2 - pE]!);
      o2 = o1; c2 = c1; hl2 = hl1;
      o1 = o0; c1 = c0; l1 = l0; hl1 = h[i]! - l0;
    }
  });

const tasukiGap = patternDef('CDLTASUKIGAP', 'Tasuki Gap: gap in the trend direction, then two opposite candles of similar size, the second not closing the gap', '+100 upside, -100 downside; 0 = no pattern at this bar.', maxPeriod(Near) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pN = Near.avgPeriod, fN = Near.factor;
    let tN = sumHighLow(h, l, start - 1 - pN, start - 1);
    // The two previous bars are carried in locals (one read per array per bar).
    let o1 = o[start - 1]!, c1 = c[start - 1]!, hl1 = h[start - 1]! - l[start - 1]!;
    let o2 = o[start - 2]!, c2 = c[start - 2]!;
    let white1 = +(c1 >= o1), black1 = +(c1 < o1);
    let i = start;
    if (pN === 5) {
      // TA-Lib's default period. Five bars per turn, and the range each bar takes off the total
      // (that of the bar 6 back) kept in the local of its slot: the bar 5 earlier in the same slot
      // added it, so no read of the trailing bar's high and low (two loads and their bounds checks
      // per bar). The same steps in bar order as the loop below, so the same values.
      let r0 = h[i - 6]! - l[i - 6]!, r1 = h[i - 5]! - l[i - 5]!, r2 = h[i - 4]! - l[i - 4]!;
      let r3 = h[i - 3]! - l[i - 3]!, r4 = h[i - 2]! - l[i - 2]!;
      for (; i < n - 4; i += 5) {
        {
          const o0 = o[i]!, c0 = c[i]!;
          const white0 = +(c0 >= o0), black0 = +(c0 < o0);
          const up = white1 & +(o1 > o2) & +(o1 > c2) & black0;
          const down = black1 & +(o1 < o2) & +(o1 < c2) & white0;
          let v = 0;
          if ((up | down) !== 0) {
            const sizeClose = +(Math.abs(Math.abs(c1 - o1) - Math.abs(c0 - o0)) < fN * (tN / pN));
            v = 100 * ((up & +(o0 < c1) & +(o0 > o1) & +(c0 < o1) & +(c0 > o2) & +(c0 > c2) & sizeClose) -
              (down & +(o0 < o1) & +(o0 > c1) & +(c0 > o1) & +(c0 < o2) & +(c0 < c2) & sizeClose));
          }
          out[i] = v;
          tN += hl1 - r0;
          r0 = hl1;
          o2 = o1; c2 = c1;
          o1 = o0; c1 = c0; hl1 = h[i]! - l[i]!;
          white1 = white0; black1 = black0;
        }
        {
          const o0 = o[i + 1]!, c0 = c[i + 1]!;
          const white0 = +(c0 >= o0), black0 = +(c0 < o0);
          const up = white1 & +(o1 > o2) & +(o1 > c2) & black0;
          const down = black1 & +(o1 < o2) & +(o1 < c2) & white0;
          let v = 0;
          if ((up | down) !== 0) {
            const sizeClose = +(Math.abs(Math.abs(c1 - o1) - Math.abs(c0 - o0)) < fN * (tN / pN));
            v = 100 * ((up & +(o0 < c1) & +(o0 > o1) & +(c0 < o1) & +(c0 > o2) & +(c0 > c2) & sizeClose) -
              (down & +(o0 < o1) & +(o0 > c1) & +(c0 > o1) & +(c0 < o2) & +(c0 < c2) & sizeClose));
          }
          out[i + 1] = v;
          tN += hl1 - r1;
          r1 = hl1;
          o2 = o1; c2 = c1;
          o1 = o0; c1 = c0; hl1 = h[i + 1]! - l[i + 1]!;
          white1 = white0; black1 = black0;
        }
        {
          const o0 = o[i + 2]!, c0 = c[i + 2]!;
          const white0 = +(c0 >= o0), black0 = +(c0 < o0);
          const up = white1 & +(o1 > o2) & +(o1 > c2) & black0;
          const down = black1 & +(o1 < o2) & +(o1 < c2) & white0;
          let v = 0;
          if ((up | down) !== 0) {
            const sizeClose = +(Math.abs(Math.abs(c1 - o1) - Math.abs(c0 - o0)) < fN * (tN / pN));
            v = 100 * ((up & +(o0 < c1) & +(o0 > o1) & +(c0 < o1) & +(c0 > o2) & +(c0 > c2) & sizeClose) -
              (down & +(o0 < o1) & +(o0 > c1) & +(c0 > o1) & +(c0 < o2) & +(c0 < c2) & sizeClose));
          }
          out[i + 2] = v;
          tN += hl1 - r2;
          r2 = hl1;
          o2 = o1; c2 = c1;
          o1 = o0; c1 = c0; hl1 = h[i + 2]! - l[i + 2]!;
          white1 = white0; black1 = black0;
        }
        {
          const o0 = o[i + 3]!, c0 = c[i + 3]!;
          const white0 = +(c0 >= o0), black0 = +(c0 < o0);
          const up = white1 & +(o1 > o2) & +(o1 > c2) & black0;
          const down = black1 & +(o1 < o2) & +(o1 < c2) & white0;
          let v = 0;
          if ((up | down) !== 0) {
            const sizeClose = +(Math.abs(Math.abs(c1 - o1) - Math.abs(c0 - o0)) < fN * (tN / pN));
            v = 100 * ((up & +(o0 < c1) & +(o0 > o1) & +(c0 < o1) & +(c0 > o2) & +(c0 > c2) & sizeClose) -
              (down & +(o0 < o1) & +(o0 > c1) & +(c0 > o1) & +(c0 < o2) & +(c0 < c2) & sizeClose));
          }
          out[i + 3] = v;
          tN += hl1 - r3;
          r3 = hl1;
          o2 = o1; c2 = c1;
          o1 = o0; c1 = c0; hl1 = h[i + 3]! - l[i + 3]!;
          white1 = white0; black1 = black0;
        }
        {
          const o0 = o[i + 4]!, c0 = c[i + 4]!;
          const white0 = +(c0 >= o0), black0 = +(c0 < o0);
          const up = white1 & +(o1 > o2) & +(o1 > c2) & black0;
          const down = black1 & +(o1 < o2) & +(o1 < c2) & white0;
          let v = 0;
          if ((up | down) !== 0) {
            const sizeClose = +(Math.abs(Math.abs(c1 - o1) - Math.abs(c0 - o0)) < fN * (tN / pN));
            v = 100 * ((up & +(o0 < c1) & +(o0 > o1) & +(c0 < o1) & +(c0 > o2) & +(c0 > c2) & sizeClose) -
              (down & +(o0 < o1) & +(o0 > c1) & +(c0 > o1) & +(c0 < o2) & +(c0 < c2) & sizeClose));
          }
          out[i + 4] = v;
          tN += hl1 - r4;
          r4 = hl1;
          o2 = o1; c2 = c1;
          o1 = o0; c1 = c0; hl1 = h[i + 4]! - l[i + 4]!;
          white1 = white0; black1 = black0;
        }
      }
    }
    for (; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!;
      const white0 = +(c0 >= o0), black0 = +(c0 < o0);
      // The gaps are min(o1,c1) > max(o2,c2) and max(o1,c1) < min(o2,c2), four comparisons each;
      // the colour each needs makes two of them follow from the other two (white: c1 >= o1 > o2
      // gives c1 > o2; black: c1 < o1 < o2 gives c1 < o2; likewise against c2), and a NaN fails
      // the colour test itself; the colours are carried from the previous bar. The same flags
      // from six comparisons per bar instead of twelve.
      const up = white1 & +(o1 > o2) & +(o1 > c2) & black0;
      const down = black1 & +(o1 < o2) & +(o1 < c2) & white0;
      let v = 0;
      if ((up | down) !== 0) {
        const sizeClose = +(Math.abs(Math.abs(c1 - o1) - Math.abs(c0 - o0)) < fN * (tN / pN));
        v = 100 * ((up & +(o0 < c1) & +(o0 > o1) & +(c0 < o1) & +(c0 > o2) & +(c0 > c2) & sizeClose) -
          (down & +(o0 < o1) & +(o0 > c1) & +(c0 > o1) & +(c0 < o2) & +(c0 < c2) & sizeClose));
      }
      out[i] = v;
      tN += hl1 - (h[i - 1 - pN]! - l[i - 1 - pN]!);
      o2 = o1; c2 = c1;
      o1 = o0; c1 = c0; hl1 = h[i]! - l[i]!;
      white1 = white0; black1 = black0;
    }
  }, [],
  // Series in the heap: the wasm kernel (wasm/candles.wat).
  (o, h, l, c, out, start) => {
    const pN = Near.avgPeriod | 0;
    return heapTasuki(o, h, l, c, out, start, pN, Near.factor, sumHighLow(h, l, start - 1 - pN, start - 1));
  });

const gapSideSideWhite = patternDef('CDLGAPSIDESIDEWHITE', 'Up/Down-gap side-by-side white lines: two similar white candles gapping away from the first', '+100 up gap, -100 down gap; 0 = no pattern at this bar.', maxPeriod(Near, Equal) + 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pN = Near.avgPeriod, fN = Near.factor;
    const pE = Equal.avgPeriod, fE = Equal.factor;
    let tN = sumHighLow(h, l, start - 1 - pN, start - 1);
    let tE = sumHighLow(h, l, start - 1 - pE, start - 1);
    // Previous bars carried in locals; the cheap mask adds TA-Lib's "opens equal within Equal"
    // test (rarely true) to the colours and the gap, so the branch into the rest is predictable.
    let o1 = o[start - 1]!, c1 = c[start - 1]!, hl1 = h[start - 1]! - l[start - 1]!;
    let o2 = o[start - 2]!, c2 = c[start - 2]!;
    let i = start;
    if (pN === 5 && pE === 5) {
      // TA-Lib's default periods. Five bars per turn, and the range each bar takes off both
      // totals (that of the bar 6 back) kept in the local of its slot: the bar 5 earlier in the
      // same slot added it, so no read of the trailing bar's high and low (see CDLTASUKIGAP). The
      // same steps in bar order as the loop below, so the same values.
      let r0 = h[i - 6]! - l[i - 6]!, r1 = h[i - 5]! - l[i - 5]!, r2 = h[i - 4]! - l[i - 4]!;
      let r3 = h[i - 3]! - l[i - 3]!, r4 = h[i - 2]! - l[i - 2]!;
      for (; i < n - 4; i += 5) {
        {
          const o0 = o[i]!, c0 = c[i]!;
          const aE = fE * (tE / pE);
          let v = 0;
          if ((+(c1 >= o1) & +(c0 >= o0) & ((+(o1 > o2) & +(o1 > c2) & +(c1 > o2) & +(c1 > c2)) | (+(o1 < o2) & +(o1 < c2) & +(c1 < o2) & +(c1 < c2))) &
            +(o0 >= o1 - aE) & +(o0 <= o1 + aE)) !== 0) {
            const aN = fN * (tN / pN);
            const up = (Math.min(o1, c1) > Math.max(o2, c2));
            v = ((up && (Math.min(o0, c0) > Math.max(o2, c2))) || ((Math.max(o1, c1) < Math.min(o2, c2)) && (Math.max(o0, c0) < Math.min(o2, c2)))) &&
              Math.abs(c0 - o0) >= Math.abs(c1 - o1) - aN && Math.abs(c0 - o0) <= Math.abs(c1 - o1) + aN ? (up ? 100 : -100) : 0;
          }
          out[i] = v;
          tN += hl1 - r0;
          tE += hl1 - r0;
          r0 = hl1;
          o2 = o1; c2 = c1;
          o1 = o0; c1 = c0; hl1 = h[i]! - l[i]!;
        }
        {
          const o0 = o[i + 1]!, c0 = c[i + 1]!;
          const aE = fE * (tE / pE);
          let v = 0;
          if ((+(c1 >= o1) & +(c0 >= o0) & ((+(o1 > o2) & +(o1 > c2) & +(c1 > o2) & +(c1 > c2)) | (+(o1 < o2) & +(o1 < c2) & +(c1 < o2) & +(c1 < c2))) &
            +(o0 >= o1 - aE) & +(o0 <= o1 + aE)) !== 0) {
            const aN = fN * (tN / pN);
            const up = (Math.min(o1, c1) > Math.max(o2, c2));
            v = ((up && (Math.min(o0, c0) > Math.max(o2, c2))) || ((Math.max(o1, c1) < Math.min(o2, c2)) && (Math.max(o0, c0) < Math.min(o2, c2)))) &&
              Math.abs(c0 - o0) >= Math.abs(c1 - o1) - aN && Math.abs(c0 - o0) <= Math.abs(c1 - o1) + aN ? (up ? 100 : -100) : 0;
          }
          out[i + 1] = v;
          tN += hl1 - r1;
          tE += hl1 - r1;
          r1 = hl1;
          o2 = o1; c2 = c1;
          o1 = o0; c1 = c0; hl1 = h[i + 1]! - l[i + 1]!;
        }
        {
          const o0 = o[i + 2]!, c0 = c[i + 2]!;
          const aE = fE * (tE / pE);
          let v = 0;
          if ((+(c1 >= o1) & +(c0 >= o0) & ((+(o1 > o2) & +(o1 > c2) & +(c1 > o2) & +(c1 > c2)) | (+(o1 < o2) & +(o1 < c2) & +(c1 < o2) & +(c1 < c2))) &
            +(o0 >= o1 - aE) & +(o0 <= o1 + aE)) !== 0) {
            const aN = fN * (tN / pN);
            const up = (Math.min(o1, c1) > Math.max(o2, c2));
            v = ((up && (Math.min(o0, c0) > Math.max(o2, c2))) || ((Math.max(o1, c1) < Math.min(o2, c2)) && (Math.max(o0, c0) < Math.min(o2, c2)))) &&
              Math.abs(c0 - o0) >= Math.abs(c1 - o1) - aN && Math.abs(c0 - o0) <= Math.abs(c1 - o1) + aN ? (up ? 100 : -100) : 0;
          }
          out[i + 2] = v;
          tN += hl1 - r2;
          tE += hl1 - r2;
          r2 = hl1;
          o2 = o1; c2 = c1;
          o1 = o0; c1 = c0; hl1 = h[i + 2]! - l[i + 2]!;
        }
        {
          const o0 = o[i + 3]!, c0 = c[i + 3]!;
          const aE = fE * (tE / pE);
          let v = 0;
          if ((+(c1 >= o1) & +(c0 >= o0) & ((+(o1 > o2) & +(o1 > c2) & +(c1 > o2) & +(c1 > c2)) | (+(o1 < o2) & +(o1 < c2) & +(c1 < o2) & +(c1 < c2))) &
            +(o0 >= o1 - aE) & +(o0 <= o1 + aE)) !== 0) {
            const aN = fN * (tN / pN);
            const up = (Math.min(o1, c1) > Math.max(o2, c2));
            v = ((up && (Math.min(o0, c0) > Math.max(o2, c2))) || ((Math.max(o1, c1) < Math.min(o2, c2)) && (Math.max(o0, c0) < Math.min(o2, c2)))) &&
              Math.abs(c0 - o0) >= Math.abs(c1 - o1) - aN && Math.abs(c0 - o0) <= Math.abs(c1 - o1) + aN ? (up ? 100 : -100) : 0;
          }
          out[i + 3] = v;
          tN += hl1 - r3;
          tE += hl1 - r3;
          r3 = hl1;
          o2 = o1; c2 = c1;
          o1 = o0; c1 = c0; hl1 = h[i + 3]! - l[i + 3]!;
        }
        {
          const o0 = o[i + 4]!, c0 = c[i + 4]!;
          const aE = fE * (tE / pE);
          let v = 0;
          if ((+(c1 >= o1) & +(c0 >= o0) & ((+(o1 > o2) & +(o1 > c2) & +(c1 > o2) & +(c1 > c2)) | (+(o1 < o2) & +(o1 < c2) & +(c1 < o2) & +(c1 < c2))) &
            +(o0 >= o1 - aE) & +(o0 <= o1 + aE)) !== 0) {
            const aN = fN * (tN / pN);
            const up = (Math.min(o1, c1) > Math.max(o2, c2));
            v = ((up && (Math.min(o0, c0) > Math.max(o2, c2))) || ((Math.max(o1, c1) < Math.min(o2, c2)) && (Math.max(o0, c0) < Math.min(o2, c2)))) &&
              Math.abs(c0 - o0) >= Math.abs(c1 - o1) - aN && Math.abs(c0 - o0) <= Math.abs(c1 - o1) + aN ? (up ? 100 : -100) : 0;
          }
          out[i + 4] = v;
          tN += hl1 - r4;
          tE += hl1 - r4;
          r4 = hl1;
          o2 = o1; c2 = c1;
          o1 = o0; c1 = c0; hl1 = h[i + 4]! - l[i + 4]!;
        }
      }
    }
    for (; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!;
      const aE = fE * (tE / pE);
      let v = 0;
      if ((+(c1 >= o1) & +(c0 >= o0) & ((+(o1 > o2) & +(o1 > c2) & +(c1 > o2) & +(c1 > c2)) | (+(o1 < o2) & +(o1 < c2) & +(c1 < o2) & +(c1 < c2))) &
        +(o0 >= o1 - aE) & +(o0 <= o1 + aE)) !== 0) {
        const aN = fN * (tN / pN);
        const up = (Math.min(o1, c1) > Math.max(o2, c2));
        v = ((up && (Math.min(o0, c0) > Math.max(o2, c2))) || ((Math.max(o1, c1) < Math.min(o2, c2)) && (Math.max(o0, c0) < Math.min(o2, c2)))) &&
          Math.abs(c0 - o0) >= Math.abs(c1 - o1) - aN && Math.abs(c0 - o0) <= Math.abs(c1 - o1) + aN ? (up ? 100 : -100) : 0;
      }
      out[i] = v;
      tN += hl1 - (h[i - 1 - pN]! - l[i - 1 - pN]!);
      tE += hl1 - (h[i - 1 - pE]! - l[i - 1 - pE]!);
      o2 = o1; c2 = c1;
      o1 = o0; c1 = c0; hl1 = h[i]! - l[i]!;
    }
  });

const xSideGap3Methods = patternDef('CDLXSIDEGAP3METHODS', 'Upside/Downside Gap Three Methods: two candles gapping in the trend, a third opposite one closing the gap', '+100 upside, -100 downside; 0 = no pattern at this bar.', 2,
  (o, h, l, c, out, start) => {
    const n = o.length;
    // Previous bars (and their colours) carried in locals. With the colours fixed, each of TA-Lib's
    // min/max tests is one comparison: upside (white, white, black) needs o1 > c2 (gap), o1 < o0 < c1
    // and o2 < c0 < c2; downside (black, black, white) o1 < c2, c1 < o0 < o1 and c2 < c0 < o2. A NaN
    // fails a comparison, or makes a candle black (TA-Lib's colour too) and then fails one, as
    // TA-Lib's NaN min/max would. The flags are the whole test, so no branch per bar.
    let o1 = o[start - 1]!, c1 = c[start - 1]!;
    let o2 = o[start - 2]!, c2 = c[start - 2]!;
    let w1 = +(c1 >= o1), w2 = +(c2 >= o2);
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, c0 = c[i]!;
      const w0 = +(c0 >= o0);
      const up = w2 & w1 & (w0 ^ 1) & +(o1 > c2) & +(o0 > o1) & +(o0 < c1) & +(c0 > o2) & +(c0 < c2);
      const down = (w2 ^ 1) & (w1 ^ 1) & w0 & +(o1 < c2) & +(o0 > c1) & +(o0 < o1) & +(c0 > c2) & +(c0 < o2);
      out[i] = 100 * (up - down);
      o2 = o1; c2 = c1; w2 = w1;
      o1 = o0; c1 = c0; w1 = w0;
    }
  });

export const threeCandlePatterns: IndicatorDef[] = [
  twoCrows, threeBlackCrows, threeInside, threeLineStrike, threeOutside, threeStarsInSouth, threeWhiteSoldiers,
  abandonedBaby, advanceBlock, eveningDojiStar, eveningStar, gapSideSideWhite, identical3Crows, morningDojiStar,
  morningStar, stalled, stickSandwich, tasukiGap, triStar, unique3River, upsideGap2Crows, xSideGap3Methods,
];
