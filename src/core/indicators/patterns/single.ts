/**
 * One-candle patterns (and the hammer family, which also looks at the prior candle).
 * Kernel layout (see candle-settings.ts): per setting a period `p*`, a factor `f*` and a running
 * total `t*` as locals; per bar the averages are read, the totals moved, then the pattern tested.
 */
import type { IndicatorDef } from '../types.js';
import {
  BodyDoji, BodyLong, BodyShort, Near, ShadowLong, ShadowShort, ShadowVeryLong, ShadowVeryShort,
  color, highLowRange, lowerShadow, maxPeriod, patternDef, realBody, realBodyGapDown, realBodyGapUp,
  shadowRange, sumHighLow, sumRealBody, sumShadows, upperShadow,
} from './candle-settings.js';

const doji = patternDef('CDLDOJI', 'Doji: open and close virtually equal', '+100 when present (indecision, not a direction); 0 = no pattern at this bar.', maxPeriod(BodyDoji),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    let tD = sumHighLow(h, l, start - pD, start);
    for (let i = start; i < n; i++) {
      const aD = fD * (tD / pD);
      tD += highLowRange(h, l, i) - highLowRange(h, l, i - pD);
      out[i] = +(realBody(o, c, i) <= aD) * 100;
    }
  });

/** Doji with one shadow very short and the other longer than `long` (dragonfly, gravestone, takuri). */
function dojiShadowKernel(longLower: boolean, veryLong: boolean) {
  return (o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number) => {
    const n = o.length;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    const fL = ShadowVeryLong.factor;
    let tD = sumHighLow(h, l, start - pD, start);
    let tV = sumHighLow(h, l, start - pV, start);
    for (let i = start; i < n; i++) {
      const aD = fD * (tD / pD);
      const aV = fV * (tV / pV);
      tD += highLowRange(h, l, i) - highLowRange(h, l, i - pD);
      tV += highLowRange(h, l, i) - highLowRange(h, l, i - pV);
      const up = upperShadow(o, h, c, i);
      const lo = lowerShadow(o, l, c, i);
      // takuri: the long shadow is measured against ShadowVeryLong (period 0: the candle's own body)
      const aLong = veryLong ? fL * realBody(o, c, i) : aV;
      out[i] = realBody(o, c, i) <= aD && (longLower ? up < aV && lo > aLong : lo < aV && up > aLong) ? 100 : 0;
    }
  };
}

const dragonfly = patternDef('CDLDRAGONFLYDOJI', 'Dragonfly Doji: doji with a long lower shadow and no upper shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowVeryShort),
  dojiShadowKernel(true, false));

const gravestone = patternDef('CDLGRAVESTONEDOJI', 'Gravestone Doji: doji with a long upper shadow and no lower shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowVeryShort),
  dojiShadowKernel(false, false));

const takuri = patternDef('CDLTAKURI', 'Takuri: dragonfly doji with a very long lower shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowVeryShort, ShadowVeryLong),
  dojiShadowKernel(true, true));

const longLegged = patternDef('CDLLONGLEGGEDDOJI', 'Long Legged Doji: doji with a long upper or lower shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowLong),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    const fL = ShadowLong.factor;
    let tD = sumHighLow(h, l, start - pD, start);
    for (let i = start; i < n; i++) {
      const aD = fD * (tD / pD);
      tD += highLowRange(h, l, i) - highLowRange(h, l, i - pD);
      const rb = realBody(o, c, i);
      const aL = fL * rb;
      out[i] = rb <= aD && (lowerShadow(o, l, c, i) > aL || upperShadow(o, h, c, i) > aL) ? 100 : 0;
    }
  });

const rickshaw = patternDef('CDLRICKSHAWMAN', 'Rickshaw Man: doji with two long shadows and the body near the middle of the range', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowLong, Near),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    const fL = ShadowLong.factor;
    const pN = Near.avgPeriod, fN = Near.factor;
    let tD = sumHighLow(h, l, start - pD, start);
    let tN = sumHighLow(h, l, start - pN, start);
    for (let i = start; i < n; i++) {
      const aD = fD * (tD / pD);
      const aN = fN * (tN / pN);
      tD += highLowRange(h, l, i) - highLowRange(h, l, i - pD);
      tN += highLowRange(h, l, i) - highLowRange(h, l, i - pN);
      const rb = realBody(o, c, i);
      const aL = fL * rb;
      const mid = l[i]! + highLowRange(h, l, i) / 2;
      out[i] = rb <= aD &&
        lowerShadow(o, l, c, i) > aL && upperShadow(o, h, c, i) > aL &&
        Math.min(o[i]!, c[i]!) <= mid + aN &&
        Math.max(o[i]!, c[i]!) >= mid - aN ? 100 : 0;
    }
  });

const highWave = patternDef('CDLHIGHWAVE', 'High-Wave Candle: short body with very long upper and lower shadows', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyShort, ShadowVeryLong),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    const fL = ShadowVeryLong.factor;
    let tS = sumRealBody(o, c, start - pS, start);
    for (let i = start; i < n; i++) {
      const aS = fS * (tS / pS);
      tS += realBody(o, c, i) - realBody(o, c, i - pS);
      const rb = realBody(o, c, i);
      const aL = fL * rb;
      out[i] = rb < aS && upperShadow(o, h, c, i) > aL && lowerShadow(o, l, c, i) > aL ? color(o, c, i) * 100 : 0;
    }
  });

const spinningTop = patternDef('CDLSPINNINGTOP', 'Spinning Top: short body with shadows longer than the body', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyShort),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tS = sumRealBody(o, c, start - pS, start);
    for (let i = start; i < n; i++) {
      const aS = fS * (tS / pS);
      tS += realBody(o, c, i) - realBody(o, c, i - pS);
      const rb = realBody(o, c, i);
      out[i] = rb < aS && upperShadow(o, h, c, i) > rb && lowerShadow(o, l, c, i) > rb ? color(o, c, i) * 100 : 0;
    }
  });

/** Body against BodyLong or BodyShort (`long`), both shadows against ShadowShort. */
function lineKernel(long: boolean) {
  return (o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number) => {
    const n = o.length;
    const set = long ? BodyLong : BodyShort;
    const pB = set.avgPeriod, fB = set.factor;
    const pS = ShadowShort.avgPeriod, fS = ShadowShort.factor;
    let tB = sumRealBody(o, c, start - pB, start);
    let tS = sumShadows(o, h, l, c, start - pS, start);
    for (let i = start; i < n; i++) {
      const aB = fB * (tB / pB);
      const aS = fS * (tS / pS) / 2.0;
      tB += realBody(o, c, i) - realBody(o, c, i - pB);
      tS += shadowRange(o, h, l, c, i) - shadowRange(o, h, l, c, i - pS);
      const rb = realBody(o, c, i);
      out[i] = (long ? rb > aB : rb < aB) && upperShadow(o, h, c, i) < aS && lowerShadow(o, l, c, i) < aS ? color(o, c, i) * 100 : 0;
    }
  };
}

const longLine = patternDef('CDLLONGLINE', 'Long Line Candle: long body with short shadows', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyLong, ShadowShort),
  lineKernel(true));

const shortLine = patternDef('CDLSHORTLINE', 'Short Line Candle: short body with short shadows', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyShort, ShadowShort),
  lineKernel(false));

/**
 * Long body (BodyLong) with very short shadows (ShadowVeryShort): `sides` 0 = both (marubozu),
 * 1 = the closing side (closing marubozu), 2 = the opening side (belt-hold).
 */
function marubozuKernel(sides: 0 | 1 | 2) {
  return (o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number) => {
    const n = o.length;
    const pB = BodyLong.avgPeriod, fB = BodyLong.factor;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    let tB = sumRealBody(o, c, start - pB, start);
    let tV = sumHighLow(h, l, start - pV, start);
    for (let i = start; i < n; i++) {
      const aB = fB * (tB / pB);
      const aV = fV * (tV / pV);
      tB += realBody(o, c, i) - realBody(o, c, i - pB);
      tV += highLowRange(h, l, i) - highLowRange(h, l, i - pV);
      const col = color(o, c, i);
      let hit = realBody(o, c, i) > aB;
      if (hit) {
        if (sides === 0) hit = upperShadow(o, h, c, i) < aV && lowerShadow(o, l, c, i) < aV;
        else if ((sides === 1) === (col === 1)) hit = upperShadow(o, h, c, i) < aV;
        else hit = lowerShadow(o, l, c, i) < aV;
      }
      out[i] = hit ? col * 100 : 0;
    }
  };
}

const marubozu = patternDef('CDLMARUBOZU', 'Marubozu: long body with no or very short shadows', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyLong, ShadowVeryShort),
  marubozuKernel(0));

const closingMarubozu = patternDef('CDLCLOSINGMARUBOZU', 'Closing Marubozu: long body with no shadow on the closing side', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyLong, ShadowVeryShort),
  marubozuKernel(1));

const beltHold = patternDef('CDLBELTHOLD', 'Belt-hold: long body with no shadow on the opening side', '+100 bullish (white), -100 bearish (black); 0 = no pattern at this bar.', maxPeriod(BodyLong, ShadowVeryShort),
  marubozuKernel(2));

/**
 * Small body, long lower shadow, very short upper shadow (hammer, hanging man), the body near the
 * prior candle's low (`hammer`) or high; Near is averaged one candle back.
 */
function hammerKernel(hammer: boolean) {
  return (o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number) => {
    const n = o.length;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    const fL = ShadowLong.factor;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    const pN = Near.avgPeriod, fN = Near.factor;
    let tS = sumRealBody(o, c, start - pS, start);
    let tV = sumHighLow(h, l, start - pV, start);
    let tN = sumHighLow(h, l, start - 1 - pN, start - 1);
    for (let i = start; i < n; i++) {
      const aS = fS * (tS / pS);
      const aV = fV * (tV / pV);
      const aN = fN * (tN / pN);
      tS += realBody(o, c, i) - realBody(o, c, i - pS);
      tV += highLowRange(h, l, i) - highLowRange(h, l, i - pV);
      tN += highLowRange(h, l, i - 1) - highLowRange(h, l, i - 1 - pN);
      const rb = realBody(o, c, i);
      out[i] = rb < aS && lowerShadow(o, l, c, i) > fL * rb && upperShadow(o, h, c, i) < aV &&
        (hammer ? Math.min(c[i]!, o[i]!) <= l[i - 1]! + aN : Math.min(c[i]!, o[i]!) >= h[i - 1]! - aN) ? (hammer ? 100 : -100) : 0;
    }
  };
}

const HAMMER_LB = maxPeriod(BodyShort, ShadowLong, ShadowVeryShort, Near) + 1;
const hammer = patternDef('CDLHAMMER', 'Hammer: small body near the prior low with a long lower shadow and almost no upper shadow', '+100 when present (bullish); 0 = no pattern at this bar.', HAMMER_LB,
  hammerKernel(true));

const hangingMan = patternDef('CDLHANGINGMAN', 'Hanging Man: small body near the prior high with a long lower shadow and almost no upper shadow', '-100 when present (bearish); 0 = no pattern at this bar.', HAMMER_LB,
  hammerKernel(false));

/** Small body, long upper shadow, very short lower shadow, body gapping down (`inverted`) or up. */
function starShapeKernel(inverted: boolean) {
  return (o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number) => {
    const n = o.length;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    const fL = ShadowLong.factor;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    let tS = sumRealBody(o, c, start - pS, start);
    let tV = sumHighLow(h, l, start - pV, start);
    for (let i = start; i < n; i++) {
      const aS = fS * (tS / pS);
      const aV = fV * (tV / pV);
      tS += realBody(o, c, i) - realBody(o, c, i - pS);
      tV += highLowRange(h, l, i) - highLowRange(h, l, i - pV);
      const rb = realBody(o, c, i);
      out[i] = rb < aS && upperShadow(o, h, c, i) > fL * rb && lowerShadow(o, l, c, i) < aV &&
        (inverted ? realBodyGapDown(o, c, i, i - 1) : realBodyGapUp(o, c, i, i - 1)) ? (inverted ? 100 : -100) : 0;
    }
  };
}

const INV_LB = maxPeriod(BodyShort, ShadowLong, ShadowVeryShort) + 1;
const invertedHammer = patternDef('CDLINVERTEDHAMMER', 'Inverted Hammer: small body gapping down with a long upper shadow and almost no lower shadow', '+100 when present (bullish); 0 = no pattern at this bar.', INV_LB,
  starShapeKernel(true));

const shootingStar = patternDef('CDLSHOOTINGSTAR', 'Shooting Star: small body gapping up with a long upper shadow and almost no lower shadow', '-100 when present (bearish); 0 = no pattern at this bar.', INV_LB,
  starShapeKernel(false));

export const singleCandlePatterns: IndicatorDef[] = [
  beltHold, closingMarubozu, doji, dragonfly, gravestone, hammer, hangingMan, highWave, invertedHammer,
  longLegged, longLine, marubozu, rickshaw, shootingStar, shortLine, spinningTop, takuri,
];
