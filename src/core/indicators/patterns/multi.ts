/** Four- and five-candle patterns, and the hikkake family (patterns with later confirmation). */
import type { IndicatorDef } from '../types.js';
import {
  BodyLong, BodyShort, Near, ShadowVeryShort,
  runningAvg, bodyBottom, bodyTop, color, lowerShadow, maxPeriod, patternDef, penetrationParam, realBody,
  realBodyGapDown, realBodyGapUp, upperShadow, type Candles,
} from './candle-settings.js';

const breakaway = patternDef('CDLBREAKAWAY', 'Breakaway: long candle, gap, three candles extending the move, then a reversal candle closing inside the gap', '+100 bullish, -100 bearish; 0 = no pattern at this bar.', maxPeriod(BodyLong) + 4,
  (d, out, start) => {
    const { o, h, l, c } = d;
    const n = o.length;
    const bl = runningAvg(BodyLong, d, start, 4);
    for (let i = start; i < n; i++) {
      const c4 = color(d, i - 4);
      out[i] = realBody(d, i - 4) > bl.at(i - 4) &&
        c4 === color(d, i - 3) && color(d, i - 3) === color(d, i - 1) && color(d, i - 1) === -color(d, i) &&
        ((c4 === -1 && realBodyGapDown(d, i - 3, i - 4) &&
          h[i - 2]! < h[i - 3]! && l[i - 2]! < l[i - 3]! && h[i - 1]! < h[i - 2]! && l[i - 1]! < l[i - 2]! &&
          c[i]! > o[i - 3]! && c[i]! < c[i - 4]!) ||
          (c4 === 1 && realBodyGapUp(d, i - 3, i - 4) &&
            h[i - 2]! > h[i - 3]! && l[i - 2]! > l[i - 3]! && h[i - 1]! > h[i - 2]! && l[i - 1]! > l[i - 2]! &&
            c[i]! < o[i - 3]! && c[i]! > c[i - 4]!)) ? color(d, i) * 100 : 0;
      bl.advance(i);
    }
  });

const concealBabySwallow = patternDef('CDLCONCEALBABYSWALL', 'Concealing Baby Swallow: two black marubozu, a black candle gapping down with an upper shadow into the prior body, a black candle engulfing it', '+100 when present; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort) + 3,
  (d, out, start) => {
    const { h, l, c } = d;
    const n = c.length;
    const vs3 = runningAvg(ShadowVeryShort, d, start, 3);
    const vs2 = runningAvg(ShadowVeryShort, d, start, 2);
    const vs1 = runningAvg(ShadowVeryShort, d, start, 1);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 3) === -1 && color(d, i - 2) === -1 && color(d, i - 1) === -1 && color(d, i) === -1 &&
        lowerShadow(d, i - 3) < vs3.at(i - 3) && upperShadow(d, i - 3) < vs3.at(i - 3) &&
        lowerShadow(d, i - 2) < vs2.at(i - 2) && upperShadow(d, i - 2) < vs2.at(i - 2) &&
        realBodyGapDown(d, i - 1, i - 2) &&
        upperShadow(d, i - 1) > vs1.at(i - 1) &&
        h[i - 1]! > c[i - 2]! &&
        h[i]! > h[i - 1]! && l[i]! < l[i - 1]! ? 100 : 0;
      vs3.advance(i);
      vs2.advance(i);
      vs1.advance(i);
    }
  });

const ladderBottom = patternDef('CDLLADDERBOTTOM', 'Ladder Bottom: three falling black candles, a black candle with an upper shadow, then a white candle gapping up above it', '+100 when present; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort) + 4,
  (d, out, start) => {
    const { o, h, c } = d;
    const n = o.length;
    const vs = runningAvg(ShadowVeryShort, d, start, 1);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 4) === -1 && color(d, i - 3) === -1 && color(d, i - 2) === -1 &&
        o[i - 4]! > o[i - 3]! && o[i - 3]! > o[i - 2]! &&
        c[i - 4]! > c[i - 3]! && c[i - 3]! > c[i - 2]! &&
        color(d, i - 1) === -1 && upperShadow(d, i - 1) > vs.at(i - 1) &&
        color(d, i) === 1 && o[i]! > o[i - 1]! && c[i]! > h[i - 1]! ? 100 : 0;
      vs.advance(i);
    }
  });

const matHold = patternDef('CDLMATHOLD', 'Mat Hold: long white candle, three small reaction candles holding above its body, then a white candle to new highs', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 4,
  (d, out, start, p) => {
    const { o, h, c } = d;
    const n = o.length;
    const pen = p.penetration!;
    const bl4 = runningAvg(BodyLong, d, start, 4);
    const bs3 = runningAvg(BodyShort, d, start, 3);
    const bs2 = runningAvg(BodyShort, d, start, 2);
    const bs1 = runningAvg(BodyShort, d, start, 1);
    for (let i = start; i < n; i++) {
      const floor = c[i - 4]! - realBody(d, i - 4) * pen;
      out[i] = color(d, i - 4) === 1 && color(d, i - 3) === -1 && color(d, i) === 1 &&
        realBodyGapUp(d, i - 3, i - 4) &&
        bodyBottom(d, i - 2) < c[i - 4]! && bodyBottom(d, i - 1) < c[i - 4]! &&
        bodyBottom(d, i - 2) > floor && bodyBottom(d, i - 1) > floor &&
        bodyTop(d, i - 2) < o[i - 3]! && bodyTop(d, i - 1) < bodyTop(d, i - 2) &&
        o[i]! > c[i - 1]! && c[i]! > Math.max(h[i - 3]!, h[i - 2]!, h[i - 1]!) &&
        realBody(d, i - 4) > bl4.at(i - 4) &&
        realBody(d, i - 3) < bs3.at(i - 3) && realBody(d, i - 2) < bs2.at(i - 2) && realBody(d, i - 1) < bs1.at(i - 1) ? 100 : 0;
      bl4.advance(i);
      bs3.advance(i);
      bs2.advance(i);
      bs1.advance(i);
    }
  }, [penetrationParam(0.5)]);

const riseFall3Methods = patternDef('CDLRISEFALL3METHODS', 'Rising/Falling Three Methods: long candle, three small counter-trend candles within its range, long candle resuming the trend', '+100 rising, -100 falling; 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 4,
  (d, out, start) => {
    const { o, h, l, c } = d;
    const n = o.length;
    const bl4 = runningAvg(BodyLong, d, start, 4);
    const bs3 = runningAvg(BodyShort, d, start, 3);
    const bs2 = runningAvg(BodyShort, d, start, 2);
    const bs1 = runningAvg(BodyShort, d, start, 1);
    const bl0 = runningAvg(BodyLong, d, start);
    for (let i = start; i < n; i++) {
      const c4 = color(d, i - 4);
      out[i] = realBody(d, i - 4) > bl4.at(i - 4) &&
        realBody(d, i - 3) < bs3.at(i - 3) && realBody(d, i - 2) < bs2.at(i - 2) && realBody(d, i - 1) < bs1.at(i - 1) &&
        realBody(d, i) > bl0.at(i) &&
        c4 === -color(d, i - 3) && color(d, i - 3) === color(d, i - 2) && color(d, i - 2) === color(d, i - 1) &&
        color(d, i - 1) === -color(d, i) &&
        bodyBottom(d, i - 3) < h[i - 4]! && bodyTop(d, i - 3) > l[i - 4]! &&
        bodyBottom(d, i - 2) < h[i - 4]! && bodyTop(d, i - 2) > l[i - 4]! &&
        bodyBottom(d, i - 1) < h[i - 4]! && bodyTop(d, i - 1) > l[i - 4]! &&
        c[i - 2]! * c4 < c[i - 3]! * c4 && c[i - 1]! * c4 < c[i - 2]! * c4 &&
        o[i]! * c4 > c[i - 1]! * c4 && c[i]! * c4 > c[i - 4]! * c4 ? 100 * c4 : 0;
      bl4.advance(i);
      bs3.advance(i);
      bs2.advance(i);
      bs1.advance(i);
      bl0.advance(i);
    }
  });

/** Inside bar (bar i-1 inside i-2) followed by a breakout bar i: +1 bullish (breaks lower), -1 bearish, 0 none. */
function hikkakeSetup(d: Candles, i: number): number {
  const { h, l } = d;
  if (!(h[i - 1]! < h[i - 2]! && l[i - 1]! > l[i - 2]!)) return 0;
  if (h[i]! < h[i - 1]! && l[i]! < l[i - 1]!) return 1;
  if (h[i]! > h[i - 1]! && l[i]! > l[i - 1]!) return -1;
  return 0;
}

const hikkake = patternDef('CDLHIKKAKE', 'Hikkake: inside bar followed by a false breakout', '+100/-100 bullish/bearish at the pattern bar, +200/-200 when confirmed within 3 bars; 0 = no pattern at this bar.', 5,
  (d, out, start) => {
    const { h, l, c } = d;
    const n = c.length;
    let patternIdx = 0;
    let patternResult = 0;
    // TA-Lib primes the state on the 3 bars before the first output.
    for (let i = start - 3; i <= n - 1; i++) {
      const setup = hikkakeSetup(d, i);
      let value = 0;
      if (setup !== 0) {
        patternResult = 100 * setup;
        patternIdx = i;
        value = patternResult;
      } else if (i <= patternIdx + 3 &&
        ((patternResult > 0 && c[i]! > h[patternIdx - 1]!) || (patternResult < 0 && c[i]! < l[patternIdx - 1]!))) {
        value = patternResult + 100 * (patternResult > 0 ? 1 : -1);
        patternIdx = 0;
      }
      if (i >= start) out[i] = value;
    }
  });

const hikkakeMod = patternDef('CDLHIKKAKEMOD', 'Modified Hikkake: hikkake whose first inside bar closes near its extreme', '+100/-100 bullish/bearish at the pattern bar, +200/-200 when confirmed within 3 bars; 0 = no pattern at this bar.', Math.max(1, Near.avgPeriod) + 5,
  (d, out, start) => {
    const { h, l, c } = d;
    const n = c.length;
    let patternIdx = 0;
    let patternResult = 0;
    // TA-Lib primes the state (and the Near average) on the 3 bars before the first output.
    const near = runningAvg(Near, d, start - 3, 2);
    for (let i = start - 3; i <= n - 1; i++) {
      let value = 0;
      if (h[i - 2]! < h[i - 3]! && l[i - 2]! > l[i - 3]! &&
        h[i - 1]! < h[i - 2]! && l[i - 1]! > l[i - 2]! &&
        ((h[i]! < h[i - 1]! && l[i]! < l[i - 1]! && c[i - 2]! <= l[i - 2]! + near.at(i - 2)) ||
          (h[i]! > h[i - 1]! && l[i]! > l[i - 1]! && c[i - 2]! >= h[i - 2]! - near.at(i - 2)))) {
        patternResult = 100 * (h[i]! < h[i - 1]! ? 1 : -1);
        patternIdx = i;
        value = patternResult;
      } else if (i <= patternIdx + 3 &&
        ((patternResult > 0 && c[i]! > h[patternIdx - 1]!) || (patternResult < 0 && c[i]! < l[patternIdx - 1]!))) {
        value = patternResult + 100 * (patternResult > 0 ? 1 : -1);
        patternIdx = 0;
      }
      if (i >= start) out[i] = value;
      near.advance(i);
    }
  });

export const multiCandlePatterns: IndicatorDef[] = [
  breakaway, concealBabySwallow, hikkake, hikkakeMod, ladderBottom, matHold, riseFall3Methods,
];
