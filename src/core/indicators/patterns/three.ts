/** Three-candle patterns (and the four-candle three-line strike). */
import type { IndicatorDef } from '../types.js';
import {
  BodyDoji, BodyLong, BodyShort, Equal, Far, Near, ShadowLong, ShadowShort, ShadowVeryShort,
  runningAvg, bodyBottom, bodyTop, candleGapDown, candleGapUp, color, lowerShadow, maxPeriod, patternDef,
  penetrationParam, realBody, realBodyGapDown, realBodyGapUp, upperShadow, type Candles, type CandleSetting,
} from './candle-settings.js';

const twoCrows = patternDef('CDL2CROWS', 'Two Crows: long white candle, black candle gapping up, black candle closing into the white body', '-100 when present (bearish); 0 = no pattern at this bar.', maxPeriod(BodyLong) + 2,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    const bl = runningAvg(BodyLong, d, start, 2);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 2) === 1 && realBody(d, i - 2) > bl.at(i - 2) &&
        color(d, i - 1) === -1 && realBodyGapUp(d, i - 1, i - 2) &&
        color(d, i) === -1 && o[i]! < o[i - 1]! && o[i]! > c[i - 1]! &&
        c[i]! > o[i - 2]! && c[i]! < c[i - 2]! ? -100 : 0;
      bl.advance(i);
    }
  });

const threeBlackCrows = patternDef('CDL3BLACKCROWS', 'Three Black Crows: after a white candle, three declining black candles each opening in the prior body with tiny lower shadows', '-100 when present; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort) + 3,
  (d, out, start) => {
    const { o, h, c } = d;
    const n = o.length;
    const vs2 = runningAvg(ShadowVeryShort, d, start, 2);
    const vs1 = runningAvg(ShadowVeryShort, d, start, 1);
    const vs0 = runningAvg(ShadowVeryShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 3) === 1 && color(d, i - 2) === -1 && color(d, i - 1) === -1 && color(d, i) === -1 &&
        o[i - 1]! < o[i - 2]! && o[i - 1]! > c[i - 2]! &&
        o[i]! < o[i - 1]! && o[i]! > c[i - 1]! &&
        h[i - 3]! > c[i - 2]! &&
        c[i - 2]! > c[i - 1]! && c[i - 1]! > c[i]! &&
        lowerShadow(d, i - 2) < vs2.at(i - 2) && lowerShadow(d, i - 1) < vs1.at(i - 1) && lowerShadow(d, i) < vs0.at(i) ? -100 : 0;
      vs2.advance(i);
      vs1.advance(i);
      vs0.advance(i);
    }
  });

const threeInside = patternDef('CDL3INSIDE', 'Three Inside Up/Down: harami confirmed by a third candle closing beyond the first open', '+100 up (bullish), -100 down (bearish); 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 2,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    const bl = runningAvg(BodyLong, d, start, 2);
    const bs = runningAvg(BodyShort, d, start, 1);
    for (let i = start; i < n; i++) {
      const c2 = color(d, i - 2);
      const c0 = color(d, i);
      out[i] = realBody(d, i - 2) > bl.at(i - 2) && realBody(d, i - 1) <= bs.at(i - 1) &&
        bodyTop(d, i - 1) < bodyTop(d, i - 2) && bodyBottom(d, i - 1) > bodyBottom(d, i - 2) &&
        ((c2 === 1 && c0 === -1 && c[i]! < o[i - 2]!) || (c2 === -1 && c0 === 1 && c[i]! > o[i - 2]!)) ? -c2 * 100 : 0;
      bl.advance(i);
      bs.advance(i);
    }
  });

const threeLineStrike = patternDef('CDL3LINESTRIKE', 'Three-Line Strike: three same-color candles in a row then one opposite candle erasing them', '+100 bullish (three white then black), -100 bearish; 0 = no pattern at this bar.', maxPeriod(Near) + 3,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    const near3 = runningAvg(Near, d, start, 3);
    const near2 = runningAvg(Near, d, start, 2);
    for (let i = start; i < n; i++) {
      const c1 = color(d, i - 1);
      out[i] = color(d, i - 3) === color(d, i - 2) && color(d, i - 2) === c1 && color(d, i) === -c1 &&
        o[i - 2]! >= bodyBottom(d, i - 3) - near3.at(i - 3) && o[i - 2]! <= bodyTop(d, i - 3) + near3.at(i - 3) &&
        o[i - 1]! >= bodyBottom(d, i - 2) - near2.at(i - 2) && o[i - 1]! <= bodyTop(d, i - 2) + near2.at(i - 2) &&
        ((c1 === 1 && c[i - 1]! > c[i - 2]! && c[i - 2]! > c[i - 3]! && o[i]! > c[i - 1]! && c[i]! < o[i - 3]!) ||
          (c1 === -1 && c[i - 1]! < c[i - 2]! && c[i - 2]! < c[i - 3]! && o[i]! < c[i - 1]! && c[i]! > o[i - 3]!)) ? c1 * 100 : 0;
      near3.advance(i);
      near2.advance(i);
    }
  });

const threeOutside = patternDef('CDL3OUTSIDE', 'Three Outside Up/Down: engulfing confirmed by a third candle closing further', '+100 up (bullish), -100 down (bearish); 0 = no pattern at this bar.', 3,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    for (let i = start; i < n; i++) {
      const c1 = color(d, i - 1);
      const c2 = color(d, i - 2);
      out[i] = (c1 === 1 && c2 === -1 && c[i - 1]! > o[i - 2]! && o[i - 1]! < c[i - 2]! && c[i]! > c[i - 1]!) ||
        (c1 === -1 && c2 === 1 && o[i - 1]! > c[i - 2]! && c[i - 1]! < o[i - 2]! && c[i]! < c[i - 1]!) ? c1 * 100 : 0;
    }
  });

const threeStarsInSouth = patternDef('CDL3STARSINSOUTH', 'Three Stars In The South: three shrinking black candles, the last a small marubozu inside the second', '+100 when present (bullish); 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort, ShadowLong, BodyLong, BodyShort) + 2,
  (d, out, start) => {
    const { o, h, l, c } = d;
    const n = o.length;
    const bl = runningAvg(BodyLong, d, start, 2);
    const sl = runningAvg(ShadowLong, d, start, 2);
    const vs1 = runningAvg(ShadowVeryShort, d, start, 1);
    const vs0 = runningAvg(ShadowVeryShort, d, start);
    const bs = runningAvg(BodyShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 2) === -1 && color(d, i - 1) === -1 && color(d, i) === -1 &&
        realBody(d, i - 2) > bl.at(i - 2) && lowerShadow(d, i - 2) > sl.at(i - 2) &&
        realBody(d, i - 1) < realBody(d, i - 2) &&
        o[i - 1]! > c[i - 2]! && o[i - 1]! <= h[i - 2]! && l[i - 1]! < c[i - 2]! && l[i - 1]! >= l[i - 2]! &&
        lowerShadow(d, i - 1) > vs1.at(i - 1) &&
        realBody(d, i) < bs.at(i) && lowerShadow(d, i) < vs0.at(i) && upperShadow(d, i) < vs0.at(i) &&
        l[i]! > l[i - 1]! && h[i]! < h[i - 1]! ? 100 : 0;
      bl.advance(i);
      sl.advance(i);
      vs1.advance(i);
      vs0.advance(i);
      bs.advance(i);
    }
  });

const threeWhiteSoldiers = patternDef('CDL3WHITESOLDIERS', 'Three Advancing White Soldiers: three rising white candles opening within the prior body with tiny upper shadows', '+100 when present; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort, BodyShort, Far, Near) + 2,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    const vs2 = runningAvg(ShadowVeryShort, d, start, 2);
    const vs1 = runningAvg(ShadowVeryShort, d, start, 1);
    const vs0 = runningAvg(ShadowVeryShort, d, start);
    const near2 = runningAvg(Near, d, start, 2);
    const near1 = runningAvg(Near, d, start, 1);
    const far2 = runningAvg(Far, d, start, 2);
    const far1 = runningAvg(Far, d, start, 1);
    const bs = runningAvg(BodyShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 2) === 1 && upperShadow(d, i - 2) < vs2.at(i - 2) &&
        color(d, i - 1) === 1 && upperShadow(d, i - 1) < vs1.at(i - 1) &&
        color(d, i) === 1 && upperShadow(d, i) < vs0.at(i) &&
        c[i]! > c[i - 1]! && c[i - 1]! > c[i - 2]! &&
        o[i - 1]! > o[i - 2]! && o[i - 1]! <= c[i - 2]! + near2.at(i - 2) &&
        o[i]! > o[i - 1]! && o[i]! <= c[i - 1]! + near1.at(i - 1) &&
        realBody(d, i - 1) > realBody(d, i - 2) - far2.at(i - 2) &&
        realBody(d, i) > realBody(d, i - 1) - far1.at(i - 1) &&
        realBody(d, i) > bs.at(i) ? 100 : 0;
      vs2.advance(i);
      vs1.advance(i);
      vs0.advance(i);
      far2.advance(i);
      near2.advance(i);
      far1.advance(i);
      near1.advance(i);
      bs.advance(i);
    }
  });

const advanceBlock = patternDef('CDLADVANCEBLOCK', 'Advance Block: three rising white candles showing weakening bodies and/or growing upper shadows', '-100 when present (bearish); 0 = no pattern at this bar.', maxPeriod(Near, Far, BodyLong, ShadowShort, ShadowLong) + 2,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    const ss2 = runningAvg(ShadowShort, d, start, 2);
    const ss1 = runningAvg(ShadowShort, d, start, 1);
    const ss0 = runningAvg(ShadowShort, d, start);
    const sl1 = runningAvg(ShadowLong, d, start, 1);
    const sl0 = runningAvg(ShadowLong, d, start);
    const near2 = runningAvg(Near, d, start, 2);
    const near1 = runningAvg(Near, d, start, 1);
    const far2 = runningAvg(Far, d, start, 2);
    const far1 = runningAvg(Far, d, start, 1);
    const bl = runningAvg(BodyLong, d, start, 2);
    for (let i = start; i < n; i++) {
      let hit = color(d, i - 2) === 1 && color(d, i - 1) === 1 && color(d, i) === 1 &&
        c[i]! > c[i - 1]! && c[i - 1]! > c[i - 2]! &&
        o[i - 1]! > o[i - 2]! && o[i - 1]! <= c[i - 2]! + near2.at(i - 2) &&
        o[i]! > o[i - 1]! && o[i]! <= c[i - 1]! + near1.at(i - 1) &&
        realBody(d, i - 2) > bl.at(i - 2) && upperShadow(d, i - 2) < ss2.at(i - 2);
      if (hit) {
        const rb2 = realBody(d, i - 2);
        const rb1 = realBody(d, i - 1);
        const rb0 = realBody(d, i);
        hit = (rb1 < rb2 - far2.at(i - 2) && rb0 < rb1 + near1.at(i - 1)) ||
          rb0 < rb1 - far1.at(i - 1) ||
          (rb0 < rb1 && rb1 < rb2 && (upperShadow(d, i) > ss0.at(i) || upperShadow(d, i - 1) > ss1.at(i - 1))) ||
          (rb0 < rb1 && upperShadow(d, i) > sl0.at(i));
      }
      out[i] = hit ? -100 : 0;
      ss2.advance(i);
      ss1.advance(i);
      ss0.advance(i);
      sl1.advance(i);
      sl0.advance(i);
      far2.advance(i);
      near2.advance(i);
      far1.advance(i);
      near1.advance(i);
      bl.advance(i);
    }
  });

/** Morning/evening (doji) star: long candle, small (doji) star gapping away, strong reversal candle. */
function starKernel(starSetting: CandleSetting, bullish: boolean) {
  return (d: Candles, out: Float64Array, start: number, p: Readonly<Record<string, number>>) => {
    const { c } = d;
    const n = c.length;
    const pen = p.penetration!;
    const bl = runningAvg(BodyLong, d, start, 2);
    const star = runningAvg(starSetting, d, start, 1);
    const bs = runningAvg(BodyShort, d, start);
    const want = bullish ? 1 : -1;
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i - 2) > bl.at(i - 2) && color(d, i - 2) === -want &&
        realBody(d, i - 1) <= star.at(i - 1) &&
        (bullish ? realBodyGapDown(d, i - 1, i - 2) : realBodyGapUp(d, i - 1, i - 2)) &&
        realBody(d, i) > bs.at(i) && color(d, i) === want &&
        (bullish ? c[i]! > c[i - 2]! + realBody(d, i - 2) * pen : c[i]! < c[i - 2]! - realBody(d, i - 2) * pen) ? want * 100 : 0;
      bl.advance(i);
      star.advance(i);
      bs.advance(i);
    }
  };
}

const STAR_LB = maxPeriod(BodyShort, BodyLong) + 2;
const DOJISTAR_LB = maxPeriod(BodyDoji, BodyLong, BodyShort) + 2;
const eveningStar = patternDef('CDLEVENINGSTAR', 'Evening Star: long white candle, small star gapping up, black candle closing deep into the first', '-100 when present; 0 = no pattern at this bar.', STAR_LB,
  starKernel(BodyShort, false), [penetrationParam(0.3)]);
const morningStar = patternDef('CDLMORNINGSTAR', 'Morning Star: long black candle, small star gapping down, white candle closing deep into the first', '+100 when present; 0 = no pattern at this bar.', STAR_LB,
  starKernel(BodyShort, true), [penetrationParam(0.3)]);
const eveningDojiStar = patternDef('CDLEVENINGDOJISTAR', 'Evening Doji Star: long white candle, doji gapping up, black candle closing deep into the first', '-100 when present; 0 = no pattern at this bar.', DOJISTAR_LB,
  starKernel(BodyDoji, false), [penetrationParam(0.3)]);
const morningDojiStar = patternDef('CDLMORNINGDOJISTAR', 'Morning Doji Star: long black candle, doji gapping down, white candle closing deep into the first', '+100 when present; 0 = no pattern at this bar.', DOJISTAR_LB,
  starKernel(BodyDoji, true), [penetrationParam(0.3)]);

const abandonedBaby = patternDef('CDLABANDONEDBABY', 'Abandoned Baby: long candle, doji with shadows gapping away, opposite candle gapping back', '+100 bullish, -100 bearish; 0 = no pattern at this bar.', DOJISTAR_LB,
  (d, out, start, p) => {
    const { c } = d;
    const n = c.length;
    const pen = p.penetration!;
    const bl = runningAvg(BodyLong, d, start, 2);
    const doj = runningAvg(BodyDoji, d, start, 1);
    const bs = runningAvg(BodyShort, d, start);
    for (let i = start; i < n; i++) {
      const c2 = color(d, i - 2);
      const c0 = color(d, i);
      out[i] = realBody(d, i - 2) > bl.at(i - 2) && realBody(d, i - 1) <= doj.at(i - 1) && realBody(d, i) > bs.at(i) &&
        ((c2 === 1 && c0 === -1 && c[i]! < c[i - 2]! - realBody(d, i - 2) * pen &&
          candleGapUp(d, i - 1, i - 2) && candleGapDown(d, i, i - 1)) ||
          (c2 === -1 && c0 === 1 && c[i]! > c[i - 2]! + realBody(d, i - 2) * pen &&
            candleGapDown(d, i - 1, i - 2) && candleGapUp(d, i, i - 1))) ? c0 * 100 : 0;
      bl.advance(i);
      doj.advance(i);
      bs.advance(i);
    }
  }, [penetrationParam(0.3)]);

const triStar = patternDef('CDLTRISTAR', 'Tristar: three dojis, the middle one gapping away', '+100 bullish (bottom), -100 bearish (top); 0 = no pattern at this bar.', maxPeriod(BodyDoji) + 2,
  (d, out, start) => {
    const n = d.o.length;
    const doj = runningAvg(BodyDoji, d, start, 2);
    for (let i = start; i < n; i++) {
      out[i] = 0;
      const avg = doj.at(i - 2);
      if (realBody(d, i - 2) <= avg && realBody(d, i - 1) <= avg && realBody(d, i) <= avg) {
        if (realBodyGapUp(d, i - 1, i - 2) && bodyTop(d, i) < bodyTop(d, i - 1)) out[i] = -100;
        if (realBodyGapDown(d, i - 1, i - 2) && bodyBottom(d, i) > bodyBottom(d, i - 1)) out[i] = 100;
      }
      doj.advance(i);
    }
  });

const unique3River = patternDef('CDLUNIQUE3RIVER', 'Unique 3 River: long black candle, black harami with a lower low, small white candle', '+100 when present (bullish); 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 2,
  (d, out, start) => {
    const { o, l, c } = d;
    const n = o.length;
    const bl = runningAvg(BodyLong, d, start, 2);
    const bs = runningAvg(BodyShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 2) === -1 && color(d, i - 1) === -1 && color(d, i) === 1 &&
        c[i - 1]! > c[i - 2]! && o[i - 1]! <= o[i - 2]! && l[i - 1]! < l[i - 2]! && o[i]! > l[i - 1]! &&
        realBody(d, i - 2) > bl.at(i - 2) && realBody(d, i) < bs.at(i) ? 100 : 0;
      bl.advance(i);
      bs.advance(i);
    }
  });

const upsideGap2Crows = patternDef('CDLUPSIDEGAP2CROWS', 'Upside Gap Two Crows: long white candle, small black gapping up, black engulfing it but closing above the first', '-100 when present; 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 2,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    const bl = runningAvg(BodyLong, d, start, 2);
    const bs = runningAvg(BodyShort, d, start, 1);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 2) === 1 && realBody(d, i - 2) > bl.at(i - 2) &&
        color(d, i - 1) === -1 && realBody(d, i - 1) <= bs.at(i - 1) && realBodyGapUp(d, i - 1, i - 2) &&
        color(d, i) === -1 && o[i]! > o[i - 1]! && c[i]! < c[i - 1]! && c[i]! > c[i - 2]! ? -100 : 0;
      bl.advance(i);
      bs.advance(i);
    }
  });

const identical3Crows = patternDef('CDLIDENTICAL3CROWS', 'Identical Three Crows: three declining black candles each opening at the prior close', '-100 when present; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort, Equal) + 2,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    const vs2 = runningAvg(ShadowVeryShort, d, start, 2);
    const vs1 = runningAvg(ShadowVeryShort, d, start, 1);
    const vs0 = runningAvg(ShadowVeryShort, d, start);
    const eq2 = runningAvg(Equal, d, start, 2);
    const eq1 = runningAvg(Equal, d, start, 1);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 2) === -1 && lowerShadow(d, i - 2) < vs2.at(i - 2) &&
        color(d, i - 1) === -1 && lowerShadow(d, i - 1) < vs1.at(i - 1) &&
        color(d, i) === -1 && lowerShadow(d, i) < vs0.at(i) &&
        c[i - 2]! > c[i - 1]! && c[i - 1]! > c[i]! &&
        o[i - 1]! <= c[i - 2]! + eq2.at(i - 2) && o[i - 1]! >= c[i - 2]! - eq2.at(i - 2) &&
        o[i]! <= c[i - 1]! + eq1.at(i - 1) && o[i]! >= c[i - 1]! - eq1.at(i - 1) ? -100 : 0;
      vs2.advance(i);
      vs1.advance(i);
      vs0.advance(i);
      eq2.advance(i);
      eq1.advance(i);
    }
  });

const stalled = patternDef('CDLSTALLEDPATTERN', 'Stalled Pattern: two long rising white candles then a small one near the prior close', '-100 when present (bearish); 0 = no pattern at this bar.', maxPeriod(BodyLong, BodyShort, ShadowVeryShort, Near) + 2,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    const bl2 = runningAvg(BodyLong, d, start, 2);
    const bl1 = runningAvg(BodyLong, d, start, 1);
    const bs = runningAvg(BodyShort, d, start);
    const vs1 = runningAvg(ShadowVeryShort, d, start, 1);
    const near2 = runningAvg(Near, d, start, 2);
    const near1 = runningAvg(Near, d, start, 1);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 2) === 1 && color(d, i - 1) === 1 && color(d, i) === 1 &&
        c[i]! > c[i - 1]! && c[i - 1]! > c[i - 2]! &&
        realBody(d, i - 2) > bl2.at(i - 2) && realBody(d, i - 1) > bl1.at(i - 1) &&
        upperShadow(d, i - 1) < vs1.at(i - 1) &&
        o[i - 1]! > o[i - 2]! && o[i - 1]! <= c[i - 2]! + near2.at(i - 2) &&
        realBody(d, i) < bs.at(i) &&
        o[i]! >= c[i - 1]! - realBody(d, i) - near1.at(i - 1) ? -100 : 0;
      bl2.advance(i);
      bl1.advance(i);
      bs.advance(i);
      vs1.advance(i);
      near2.advance(i);
      near1.advance(i);
    }
  });

const stickSandwich = patternDef('CDLSTICKSANDWICH', 'Stick Sandwich: black, white trading above the first close, black closing at the first close', '+100 when present (bullish); 0 = no pattern at this bar.', maxPeriod(Equal) + 2,
  (d, out, start) => {
    const { l, c } = d;
    const n = c.length;
    const eq = runningAvg(Equal, d, start, 2);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 2) === -1 && color(d, i - 1) === 1 && color(d, i) === -1 &&
        l[i - 1]! > c[i - 2]! &&
        c[i]! <= c[i - 2]! + eq.at(i - 2) && c[i]! >= c[i - 2]! - eq.at(i - 2) ? 100 : 0;
      eq.advance(i);
    }
  });

const tasukiGap = patternDef('CDLTASUKIGAP', 'Tasuki Gap: gap in the trend direction, then two opposite candles of similar size, the second not closing the gap', '+100 upside, -100 downside; 0 = no pattern at this bar.', maxPeriod(Near) + 2,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    const near = runningAvg(Near, d, start, 1);
    for (let i = start; i < n; i++) {
      const sizeClose = Math.abs(realBody(d, i - 1) - realBody(d, i)) < near.at(i - 1);
      out[i] = (realBodyGapUp(d, i - 1, i - 2) && color(d, i - 1) === 1 && color(d, i) === -1 &&
          o[i]! < c[i - 1]! && o[i]! > o[i - 1]! && c[i]! < o[i - 1]! && c[i]! > bodyTop(d, i - 2) && sizeClose) ||
        (realBodyGapDown(d, i - 1, i - 2) && color(d, i - 1) === -1 && color(d, i) === 1 &&
          o[i]! < o[i - 1]! && o[i]! > c[i - 1]! && c[i]! > o[i - 1]! && c[i]! < bodyBottom(d, i - 2) && sizeClose)
        ? color(d, i - 1) * 100 : 0;
      near.advance(i);
    }
  });

const gapSideSideWhite = patternDef('CDLGAPSIDESIDEWHITE', 'Up/Down-gap side-by-side white lines: two similar white candles gapping away from the first', '+100 up gap, -100 down gap; 0 = no pattern at this bar.', maxPeriod(Near, Equal) + 2,
  (d, out, start) => {
    const { o } = d;
    const n = o.length;
    const near = runningAvg(Near, d, start, 1);
    const eq = runningAvg(Equal, d, start, 1);
    for (let i = start; i < n; i++) {
      const up = realBodyGapUp(d, i - 1, i - 2);
      out[i] = ((up && realBodyGapUp(d, i, i - 2)) || (realBodyGapDown(d, i - 1, i - 2) && realBodyGapDown(d, i, i - 2))) &&
        color(d, i - 1) === 1 && color(d, i) === 1 &&
        realBody(d, i) >= realBody(d, i - 1) - near.at(i - 1) && realBody(d, i) <= realBody(d, i - 1) + near.at(i - 1) &&
        o[i]! >= o[i - 1]! - eq.at(i - 1) && o[i]! <= o[i - 1]! + eq.at(i - 1) ? (up ? 100 : -100) : 0;
      near.advance(i);
      eq.advance(i);
    }
  });

const xSideGap3Methods = patternDef('CDLXSIDEGAP3METHODS', 'Upside/Downside Gap Three Methods: two candles gapping in the trend, a third opposite one closing the gap', '+100 upside, -100 downside; 0 = no pattern at this bar.', 2,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    for (let i = start; i < n; i++) {
      const c2 = color(d, i - 2);
      out[i] = c2 === color(d, i - 1) && color(d, i - 1) === -color(d, i) &&
        o[i]! < bodyTop(d, i - 1) && o[i]! > bodyBottom(d, i - 1) &&
        c[i]! < bodyTop(d, i - 2) && c[i]! > bodyBottom(d, i - 2) &&
        ((c2 === 1 && realBodyGapUp(d, i - 1, i - 2)) || (c2 === -1 && realBodyGapDown(d, i - 1, i - 2))) ? c2 * 100 : 0;
    }
  });

export const threeCandlePatterns: IndicatorDef[] = [
  twoCrows, threeBlackCrows, threeInside, threeLineStrike, threeOutside, threeStarsInSouth, threeWhiteSoldiers,
  abandonedBaby, advanceBlock, eveningDojiStar, eveningStar, gapSideSideWhite, identical3Crows, morningDojiStar,
  morningStar, stalled, stickSandwich, tasukiGap, triStar, unique3River, upsideGap2Crows, xSideGap3Methods,
];
