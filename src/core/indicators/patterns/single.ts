/** One-candle patterns (and the hammer family, which also looks at the prior candle). */
import type { IndicatorDef } from '../types.js';
import {
  BodyDoji, BodyLong, BodyShort, Near, ShadowLong, ShadowShort, ShadowVeryLong, ShadowVeryShort,
  runningAvg, color, highLowRange, lowerShadow, maxPeriod, patternDef, realBody, realBodyGapDown,
  realBodyGapUp, upperShadow,
} from './candle-settings.js';

const DOJI_LB = maxPeriod(BodyDoji);
const doji = patternDef('CDLDOJI', 'Doji: open and close virtually equal', '+100 when present (indecision, not a direction); 0 = no pattern at this bar.', DOJI_LB,
  (d, out, start) => {
    const n = d.o.length;
    const doj = runningAvg(BodyDoji, d, start);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) <= doj.at(i) ? 100 : 0;
      doj.advance(i);
    }
  });

const dragonfly = patternDef('CDLDRAGONFLYDOJI', 'Dragonfly Doji: doji with a long lower shadow and no upper shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowVeryShort),
  (d, out, start) => {
    const n = d.o.length;
    const doj = runningAvg(BodyDoji, d, start);
    const vs = runningAvg(ShadowVeryShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) <= doj.at(i) && upperShadow(d, i) < vs.at(i) && lowerShadow(d, i) > vs.at(i) ? 100 : 0;
      doj.advance(i);
      vs.advance(i);
    }
  });

const gravestone = patternDef('CDLGRAVESTONEDOJI', 'Gravestone Doji: doji with a long upper shadow and no lower shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowVeryShort),
  (d, out, start) => {
    const n = d.o.length;
    const doj = runningAvg(BodyDoji, d, start);
    const vs = runningAvg(ShadowVeryShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) <= doj.at(i) && lowerShadow(d, i) < vs.at(i) && upperShadow(d, i) > vs.at(i) ? 100 : 0;
      doj.advance(i);
      vs.advance(i);
    }
  });

const longLegged = patternDef('CDLLONGLEGGEDDOJI', 'Long Legged Doji: doji with a long upper or lower shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowLong),
  (d, out, start) => {
    const n = d.o.length;
    const doj = runningAvg(BodyDoji, d, start);
    const sl = runningAvg(ShadowLong, d, start);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) <= doj.at(i) && (lowerShadow(d, i) > sl.at(i) || upperShadow(d, i) > sl.at(i)) ? 100 : 0;
      doj.advance(i);
      sl.advance(i);
    }
  });

const rickshaw = patternDef('CDLRICKSHAWMAN', 'Rickshaw Man: doji with two long shadows and the body near the middle of the range', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowLong, Near),
  (d, out, start) => {
    const n = d.o.length;
    const doj = runningAvg(BodyDoji, d, start);
    const sl = runningAvg(ShadowLong, d, start);
    const near = runningAvg(Near, d, start);
    for (let i = start; i < n; i++) {
      const mid = d.l[i]! + highLowRange(d, i) / 2;
      out[i] = realBody(d, i) <= doj.at(i) &&
        lowerShadow(d, i) > sl.at(i) && upperShadow(d, i) > sl.at(i) &&
        Math.min(d.o[i]!, d.c[i]!) <= mid + near.at(i) &&
        Math.max(d.o[i]!, d.c[i]!) >= mid - near.at(i) ? 100 : 0;
      doj.advance(i);
      sl.advance(i);
      near.advance(i);
    }
  });

const takuri = patternDef('CDLTAKURI', 'Takuri: dragonfly doji with a very long lower shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowVeryShort, ShadowVeryLong),
  (d, out, start) => {
    const n = d.o.length;
    const doj = runningAvg(BodyDoji, d, start);
    const vs = runningAvg(ShadowVeryShort, d, start);
    const vl = runningAvg(ShadowVeryLong, d, start);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) <= doj.at(i) && upperShadow(d, i) < vs.at(i) && lowerShadow(d, i) > vl.at(i) ? 100 : 0;
      doj.advance(i);
      vs.advance(i);
      vl.advance(i);
    }
  });

const highWave = patternDef('CDLHIGHWAVE', 'High-Wave Candle: short body with very long upper and lower shadows', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyShort, ShadowVeryLong),
  (d, out, start) => {
    const n = d.o.length;
    const bs = runningAvg(BodyShort, d, start);
    const vl = runningAvg(ShadowVeryLong, d, start);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) < bs.at(i) && upperShadow(d, i) > vl.at(i) && lowerShadow(d, i) > vl.at(i) ? color(d, i) * 100 : 0;
      bs.advance(i);
      vl.advance(i);
    }
  });

const spinningTop = patternDef('CDLSPINNINGTOP', 'Spinning Top: short body with shadows longer than the body', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyShort),
  (d, out, start) => {
    const n = d.o.length;
    const bs = runningAvg(BodyShort, d, start);
    for (let i = start; i < n; i++) {
      const rb = realBody(d, i);
      out[i] = rb < bs.at(i) && upperShadow(d, i) > rb && lowerShadow(d, i) > rb ? color(d, i) * 100 : 0;
      bs.advance(i);
    }
  });

const longLine = patternDef('CDLLONGLINE', 'Long Line Candle: long body with short shadows', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyLong, ShadowShort),
  (d, out, start) => {
    const n = d.o.length;
    const bl = runningAvg(BodyLong, d, start);
    const ss = runningAvg(ShadowShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) > bl.at(i) && upperShadow(d, i) < ss.at(i) && lowerShadow(d, i) < ss.at(i) ? color(d, i) * 100 : 0;
      bl.advance(i);
      ss.advance(i);
    }
  });

const shortLine = patternDef('CDLSHORTLINE', 'Short Line Candle: short body with short shadows', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyShort, ShadowShort),
  (d, out, start) => {
    const n = d.o.length;
    const bs = runningAvg(BodyShort, d, start);
    const ss = runningAvg(ShadowShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) < bs.at(i) && upperShadow(d, i) < ss.at(i) && lowerShadow(d, i) < ss.at(i) ? color(d, i) * 100 : 0;
      bs.advance(i);
      ss.advance(i);
    }
  });

const marubozu = patternDef('CDLMARUBOZU', 'Marubozu: long body with no or very short shadows', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyLong, ShadowVeryShort),
  (d, out, start) => {
    const n = d.o.length;
    const bl = runningAvg(BodyLong, d, start);
    const vs = runningAvg(ShadowVeryShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) > bl.at(i) && upperShadow(d, i) < vs.at(i) && lowerShadow(d, i) < vs.at(i) ? color(d, i) * 100 : 0;
      bl.advance(i);
      vs.advance(i);
    }
  });

const closingMarubozu = patternDef('CDLCLOSINGMARUBOZU', 'Closing Marubozu: long body with no shadow on the closing side', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyLong, ShadowVeryShort),
  (d, out, start) => {
    const n = d.o.length;
    const bl = runningAvg(BodyLong, d, start);
    const vs = runningAvg(ShadowVeryShort, d, start);
    for (let i = start; i < n; i++) {
      const col = color(d, i);
      out[i] = realBody(d, i) > bl.at(i) &&
        ((col === 1 && upperShadow(d, i) < vs.at(i)) || (col === -1 && lowerShadow(d, i) < vs.at(i))) ? col * 100 : 0;
      bl.advance(i);
      vs.advance(i);
    }
  });

const beltHold = patternDef('CDLBELTHOLD', 'Belt-hold: long body with no shadow on the opening side', '+100 bullish (white), -100 bearish (black); 0 = no pattern at this bar.', maxPeriod(BodyLong, ShadowVeryShort),
  (d, out, start) => {
    const n = d.o.length;
    const bl = runningAvg(BodyLong, d, start);
    const vs = runningAvg(ShadowVeryShort, d, start);
    for (let i = start; i < n; i++) {
      const col = color(d, i);
      out[i] = realBody(d, i) > bl.at(i) &&
        ((col === 1 && lowerShadow(d, i) < vs.at(i)) || (col === -1 && upperShadow(d, i) < vs.at(i))) ? col * 100 : 0;
      bl.advance(i);
      vs.advance(i);
    }
  });

const HAMMER_LB = maxPeriod(BodyShort, ShadowLong, ShadowVeryShort, Near) + 1;
const hammer = patternDef('CDLHAMMER', 'Hammer: small body near the prior low with a long lower shadow and almost no upper shadow', '+100 when present (bullish); 0 = no pattern at this bar.', HAMMER_LB,
  (d, out, start) => {
    const n = d.o.length;
    const bs = runningAvg(BodyShort, d, start);
    const sl = runningAvg(ShadowLong, d, start);
    const vs = runningAvg(ShadowVeryShort, d, start);
    const near = runningAvg(Near, d, start, 1);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) < bs.at(i) && lowerShadow(d, i) > sl.at(i) && upperShadow(d, i) < vs.at(i) &&
        Math.min(d.c[i]!, d.o[i]!) <= d.l[i - 1]! + near.at(i - 1) ? 100 : 0;
      bs.advance(i);
      sl.advance(i);
      vs.advance(i);
      near.advance(i);
    }
  });

const hangingMan = patternDef('CDLHANGINGMAN', 'Hanging Man: small body near the prior high with a long lower shadow and almost no upper shadow', '-100 when present (bearish); 0 = no pattern at this bar.', HAMMER_LB,
  (d, out, start) => {
    const n = d.o.length;
    const bs = runningAvg(BodyShort, d, start);
    const sl = runningAvg(ShadowLong, d, start);
    const vs = runningAvg(ShadowVeryShort, d, start);
    const near = runningAvg(Near, d, start, 1);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) < bs.at(i) && lowerShadow(d, i) > sl.at(i) && upperShadow(d, i) < vs.at(i) &&
        Math.min(d.c[i]!, d.o[i]!) >= d.h[i - 1]! - near.at(i - 1) ? -100 : 0;
      bs.advance(i);
      sl.advance(i);
      vs.advance(i);
      near.advance(i);
    }
  });

const INV_LB = maxPeriod(BodyShort, ShadowLong, ShadowVeryShort) + 1;
const invertedHammer = patternDef('CDLINVERTEDHAMMER', 'Inverted Hammer: small body gapping down with a long upper shadow and almost no lower shadow', '+100 when present (bullish); 0 = no pattern at this bar.', INV_LB,
  (d, out, start) => {
    const n = d.o.length;
    const bs = runningAvg(BodyShort, d, start);
    const sl = runningAvg(ShadowLong, d, start);
    const vs = runningAvg(ShadowVeryShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) < bs.at(i) && upperShadow(d, i) > sl.at(i) && lowerShadow(d, i) < vs.at(i) &&
        realBodyGapDown(d, i, i - 1) ? 100 : 0;
      bs.advance(i);
      sl.advance(i);
      vs.advance(i);
    }
  });

const shootingStar = patternDef('CDLSHOOTINGSTAR', 'Shooting Star: small body gapping up with a long upper shadow and almost no lower shadow', '-100 when present (bearish); 0 = no pattern at this bar.', INV_LB,
  (d, out, start) => {
    const n = d.o.length;
    const bs = runningAvg(BodyShort, d, start);
    const sl = runningAvg(ShadowLong, d, start);
    const vs = runningAvg(ShadowVeryShort, d, start);
    for (let i = start; i < n; i++) {
      out[i] = realBody(d, i) < bs.at(i) && upperShadow(d, i) > sl.at(i) && lowerShadow(d, i) < vs.at(i) &&
        realBodyGapUp(d, i, i - 1) ? -100 : 0;
      bs.advance(i);
      sl.advance(i);
      vs.advance(i);
    }
  });

export const singleCandlePatterns: IndicatorDef[] = [
  beltHold, closingMarubozu, doji, dragonfly, gravestone, hammer, hangingMan, highWave, invertedHammer,
  longLegged, longLine, marubozu, rickshaw, shootingStar, shortLine, spinningTop, takuri,
];
