/** Two-candle patterns. */
import type { IndicatorDef } from '../types.js';
import {
  BodyDoji, BodyLong, BodyShort, Equal, ShadowVeryShort, type Candles, type CandleSetting,
  runningAvg, candleGapDown, candleGapUp, color, lowerShadow, maxPeriod, patternDef, penetrationParam,
  realBody, realBodyGapDown, realBodyGapUp, upperShadow,
} from './candle-settings.js';

const dojiStar = patternDef('CDLDOJISTAR', 'Doji Star: long candle then a doji gapping away in its direction', '-100 after a white candle (bearish), +100 after a black one (bullish); 0 = no pattern at this bar.', maxPeriod(BodyDoji, BodyLong) + 1,
  (d, out, start) => {
    const n = d.o.length;
    const bl = runningAvg(BodyLong, d, start, 1);
    const doj = runningAvg(BodyDoji, d, start);
    for (let i = start; i < n; i++) {
      const c1 = color(d, i - 1);
      out[i] = realBody(d, i - 1) > bl.at(i - 1) && realBody(d, i) <= doj.at(i) &&
        ((c1 === 1 && realBodyGapUp(d, i, i - 1)) || (c1 === -1 && realBodyGapDown(d, i, i - 1))) ? -c1 * 100 : 0;
      bl.advance(i);
      doj.advance(i);
    }
  });

const engulfing = patternDef('CDLENGULFING', 'Engulfing: second real body engulfs the first of opposite color', '+100/-100 bullish/bearish, ±80 when an open or close only matches; 0 = no pattern at this bar.', 2,
  (d, out, start) => {
    const { o, c } = d;
    const n = o.length;
    for (let i = start; i < n; i++) {
      const c0 = color(d, i);
      const c1 = color(d, i - 1);
      if ((c0 === 1 && c1 === -1 &&
          ((c[i]! >= o[i - 1]! && o[i]! < c[i - 1]!) || (c[i]! > o[i - 1]! && o[i]! <= c[i - 1]!))) ||
        (c0 === -1 && c1 === 1 &&
          ((o[i]! >= c[i - 1]! && c[i]! < o[i - 1]!) || (o[i]! > c[i - 1]! && c[i]! <= o[i - 1]!)))) {
        out[i] = o[i]! !== c[i - 1]! && c[i]! !== o[i - 1]! ? c0 * 100 : c0 * 80;
      } else {
        out[i] = 0;
      }
    }
  });

function haramiKernel(second: CandleSetting) {
  return (d: Candles, out: Float64Array, start: number) => {
    const { o, c } = d;
    const n = o.length;
    const bl = runningAvg(BodyLong, d, start, 1);
    const bs = runningAvg(second, d, start);
    for (let i = start; i < n; i++) {
      out[i] = 0;
      if (realBody(d, i - 1) > bl.at(i - 1) && realBody(d, i) <= bs.at(i)) {
        const top0 = Math.max(c[i]!, o[i]!);
        const bot0 = Math.min(c[i]!, o[i]!);
        const top1 = Math.max(c[i - 1]!, o[i - 1]!);
        const bot1 = Math.min(c[i - 1]!, o[i - 1]!);
        if (top0 < top1 && bot0 > bot1) out[i] = -color(d, i - 1) * 100;
        else if (top0 <= top1 && bot0 >= bot1) out[i] = -color(d, i - 1) * 80;
      }
      bl.advance(i);
      bs.advance(i);
    }
  };
}

const harami = patternDef('CDLHARAMI', 'Harami: long candle then a short body inside it', '+100/-100 bullish/bearish (against the first candle), ±80 when a body edge only touches; 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 1,
  haramiKernel(BodyShort));

const haramiCross = patternDef('CDLHARAMICROSS', 'Harami Cross: long candle then a doji inside its body', '+100/-100 bullish/bearish (against the first candle), ±80 when a body edge only touches; 0 = no pattern at this bar.', maxPeriod(BodyDoji, BodyLong) + 1,
  haramiKernel(BodyDoji));

const counterattack = patternDef('CDLCOUNTERATTACK', 'Counterattack: two long opposite candles with equal closes', '+100 bullish (white second), -100 bearish; 0 = no pattern at this bar.', maxPeriod(Equal, BodyLong) + 1,
  (d, out, start) => {
    const { c } = d;
    const n = c.length;
    const eq = runningAvg(Equal, d, start, 1);
    const bl1 = runningAvg(BodyLong, d, start, 1);
    const bl0 = runningAvg(BodyLong, d, start);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 1) === -color(d, i) &&
        realBody(d, i - 1) > bl1.at(i - 1) && realBody(d, i) > bl0.at(i) &&
        c[i]! <= c[i - 1]! + eq.at(i - 1) && c[i]! >= c[i - 1]! - eq.at(i - 1) ? color(d, i) * 100 : 0;
      eq.advance(i);
      bl1.advance(i);
      bl0.advance(i);
    }
  });

const darkCloud = patternDef('CDLDARKCLOUDCOVER', 'Dark Cloud Cover: long white candle, then a black one opening above its high and closing deep into its body', '-100 when present; 0 = no pattern at this bar.', maxPeriod(BodyLong) + 1,
  (d, out, start, p) => {
    const { o, h, c } = d;
    const n = c.length;
    const pen = p.penetration!;
    const bl = runningAvg(BodyLong, d, start, 1);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 1) === 1 && realBody(d, i - 1) > bl.at(i - 1) &&
        color(d, i) === -1 && o[i]! > h[i - 1]! && c[i]! > o[i - 1]! &&
        c[i]! < c[i - 1]! - realBody(d, i - 1) * pen ? -100 : 0;
      bl.advance(i);
    }
  }, [penetrationParam(0.5)]);

const piercing = patternDef('CDLPIERCING', 'Piercing Pattern: long black candle, then a long white one opening below its low and closing above its midpoint', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyLong) + 1,
  (d, out, start) => {
    const { o, l, c } = d;
    const n = c.length;
    const bl1 = runningAvg(BodyLong, d, start, 1);
    const bl0 = runningAvg(BodyLong, d, start);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 1) === -1 && realBody(d, i - 1) > bl1.at(i - 1) &&
        color(d, i) === 1 && realBody(d, i) > bl0.at(i) &&
        o[i]! < l[i - 1]! && c[i]! < o[i - 1]! && c[i]! > c[i - 1]! + realBody(d, i - 1) * 0.5 ? 100 : 0;
      bl1.advance(i);
      bl0.advance(i);
    }
  });

const homingPigeon = patternDef('CDLHOMINGPIGEON', 'Homing Pigeon: long black candle then a short black one inside its body', '+100 when present (bullish); 0 = no pattern at this bar.', maxPeriod(BodyShort, BodyLong) + 1,
  (d, out, start) => {
    const { o, c } = d;
    const n = c.length;
    const bl = runningAvg(BodyLong, d, start, 1);
    const bs = runningAvg(BodyShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 1) === -1 && color(d, i) === -1 &&
        realBody(d, i - 1) > bl.at(i - 1) && realBody(d, i) <= bs.at(i) &&
        o[i]! < o[i - 1]! && c[i]! > c[i - 1]! ? 100 : 0;
      bl.advance(i);
      bs.advance(i);
    }
  });

type NeckRule = (d: Candles, i: number, eq: number) => boolean;
function neckKernel(rule: NeckRule) {
  return (d: Candles, out: Float64Array, start: number) => {
    const { o, l } = d;
    const n = o.length;
    const eq = runningAvg(Equal, d, start, 1);
    const bl = runningAvg(BodyLong, d, start, 1);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 1) === -1 && realBody(d, i - 1) > bl.at(i - 1) &&
        color(d, i) === 1 && o[i]! < l[i - 1]! && rule(d, i, eq.at(i - 1)) ? -100 : 0;
      eq.advance(i);
      bl.advance(i);
    }
  };
}
const NECK_LB = maxPeriod(Equal, BodyLong) + 1;

const inNeck = patternDef('CDLINNECK', 'In-Neck: long black candle, then a white one opening below its low and closing just into its body', '-100 when present (bearish continuation); 0 = no pattern at this bar.', NECK_LB,
  neckKernel((d, i, eq) => d.c[i]! <= d.c[i - 1]! + eq && d.c[i]! >= d.c[i - 1]!));

const onNeck = patternDef('CDLONNECK', 'On-Neck: long black candle, then a white one opening below its low and closing at its low', '-100 when present (bearish continuation); 0 = no pattern at this bar.', NECK_LB,
  neckKernel((d, i, eq) => d.c[i]! <= d.l[i - 1]! + eq && d.c[i]! >= d.l[i - 1]! - eq));

const thrusting = patternDef('CDLTHRUSTING', 'Thrusting: long black candle, then a white one opening below its low and closing into but below the middle of its body', '-100 when present; 0 = no pattern at this bar.', NECK_LB,
  neckKernel((d, i, eq) => d.c[i]! > d.c[i - 1]! + eq && d.c[i]! <= d.c[i - 1]! + realBody(d, i - 1) * 0.5));

function kickingKernel(byLength: boolean) {
  return (d: Candles, out: Float64Array, start: number) => {
    const n = d.o.length;
    const vs1 = runningAvg(ShadowVeryShort, d, start, 1);
    const vs0 = runningAvg(ShadowVeryShort, d, start);
    const bl1 = runningAvg(BodyLong, d, start, 1);
    const bl0 = runningAvg(BodyLong, d, start);
    for (let i = start; i < n; i++) {
      const c1 = color(d, i - 1);
      if (c1 === -color(d, i) &&
        realBody(d, i - 1) > bl1.at(i - 1) &&
        upperShadow(d, i - 1) < vs1.at(i - 1) && lowerShadow(d, i - 1) < vs1.at(i - 1) &&
        realBody(d, i) > bl0.at(i) &&
        upperShadow(d, i) < vs0.at(i) && lowerShadow(d, i) < vs0.at(i) &&
        ((c1 === -1 && candleGapUp(d, i, i - 1)) || (c1 === 1 && candleGapDown(d, i, i - 1)))) {
        out[i] = byLength ? color(d, realBody(d, i) > realBody(d, i - 1) ? i : i - 1) * 100 : color(d, i) * 100;
      } else {
        out[i] = 0;
      }
      bl1.advance(i);
      vs1.advance(i);
      bl0.advance(i);
      vs0.advance(i);
    }
  };
}

const KICK_LB = maxPeriod(ShadowVeryShort, BodyLong) + 1;
const kicking = patternDef('CDLKICKING', 'Kicking: two opposite marubozu with a gap between them', '+100 bullish (white second), -100 bearish; 0 = no pattern at this bar.', KICK_LB,
  kickingKernel(false));
const kickingByLength = patternDef('CDLKICKINGBYLENGTH', 'Kicking by length: kicking pattern whose direction is the longer marubozu\'s color', '+100 bullish, -100 bearish; 0 = no pattern at this bar.', KICK_LB,
  kickingKernel(true));

const matchingLow = patternDef('CDLMATCHINGLOW', 'Matching Low: two black candles with equal closes', '+100 when present (bullish); 0 = no pattern at this bar.', maxPeriod(Equal) + 1,
  (d, out, start) => {
    const { c } = d;
    const n = c.length;
    const eq = runningAvg(Equal, d, start, 1);
    for (let i = start; i < n; i++) {
      out[i] = color(d, i - 1) === -1 && color(d, i) === -1 &&
        c[i]! <= c[i - 1]! + eq.at(i - 1) && c[i]! >= c[i - 1]! - eq.at(i - 1) ? 100 : 0;
      eq.advance(i);
    }
  });

const separatingLines = patternDef('CDLSEPARATINGLINES', 'Separating Lines: opposite candles with the same open, the second a belt-hold', '+100 bullish (white second), -100 bearish; 0 = no pattern at this bar.', maxPeriod(ShadowVeryShort, BodyLong, Equal) + 1,
  (d, out, start) => {
    const { o } = d;
    const n = o.length;
    const vs = runningAvg(ShadowVeryShort, d, start);
    const bl = runningAvg(BodyLong, d, start);
    const eq = runningAvg(Equal, d, start, 1);
    for (let i = start; i < n; i++) {
      const c0 = color(d, i);
      out[i] = color(d, i - 1) === -c0 &&
        o[i]! <= o[i - 1]! + eq.at(i - 1) && o[i]! >= o[i - 1]! - eq.at(i - 1) &&
        realBody(d, i) > bl.at(i) &&
        ((c0 === 1 && lowerShadow(d, i) < vs.at(i)) || (c0 === -1 && upperShadow(d, i) < vs.at(i))) ? c0 * 100 : 0;
      vs.advance(i);
      bl.advance(i);
      eq.advance(i);
    }
  });

export const twoCandlePatterns: IndicatorDef[] = [
  counterattack, darkCloud, dojiStar, engulfing, harami, haramiCross, homingPigeon, inNeck, kicking,
  kickingByLength, matchingLow, onNeck, piercing, separatingLines, thrusting,
];
