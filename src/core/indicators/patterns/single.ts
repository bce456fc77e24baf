/**
 * One-candle patterns (and the hammer family, which also looks at the prior candle).
 * Kernel layout (see candle-settings.ts): per setting a period `p*`, a factor `f*` and a running
 * total `t*` as locals; per bar the averages are read, the totals moved, then the pattern tested.
 */
import type { IndicatorDef } from '../types.js';
import { heapDoji, heapDojiShadow, heapRickshaw, type DojiShadowName } from '../wasm/candles.js';
import {
  BodyDoji, BodyLong, BodyShort, Near, ShadowLong, ShadowShort, ShadowVeryLong, ShadowVeryShort,
  maxPeriod, patternDef, shadowRange, sumHighLow, sumRealBody, sumShadows, type CandleSetting, type HeapPatternKernel,
} from './candle-settings.js';

const doji = patternDef('CDLDOJI', 'Doji: open and close virtually equal', '+100 when present (indecision, not a direction); 0 = no pattern at this bar.', maxPeriod(BodyDoji),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pD = BodyDoji.avgPeriod | 0, fD = BodyDoji.factor;
    let tD = sumHighLow(h, l, start - pD, start);
    let i = start;
    if (pD === 10) {
      // TA-Lib's default period. Ten bars per turn, and the range of each bar kept in the local of
      // its slot, where the bar ten later (same slot, next turn) takes it off the total: no read
      // of the trailing bar's high and low (two loads and their bounds checks per bar). Each bar
      // reads the total, then moves it by (its range) - (the trailing range), in bar order, so
      // the same values as the loop below.
      let r0 = h[i - 10]! - l[i - 10]!, r1 = h[i - 9]! - l[i - 9]!, r2 = h[i - 8]! - l[i - 8]!;
      let r3 = h[i - 7]! - l[i - 7]!, r4 = h[i - 6]! - l[i - 6]!, r5 = h[i - 5]! - l[i - 5]!;
      let r6 = h[i - 4]! - l[i - 4]!, r7 = h[i - 3]! - l[i - 3]!, r8 = h[i - 2]! - l[i - 2]!;
      let r9 = h[i - 1]! - l[i - 1]!;
      for (; i < n - 9; i += 10) {
        const r0n = h[i]! - l[i]!;
        out[i] = 100 * +(Math.abs(c[i]! - o[i]!) <= fD * (tD / pD));
        tD += r0n - r0;
        r0 = r0n;
        const r1n = h[i + 1]! - l[i + 1]!;
        out[i + 1] = 100 * +(Math.abs(c[i + 1]! - o[i + 1]!) <= fD * (tD / pD));
        tD += r1n - r1;
        r1 = r1n;
        const r2n = h[i + 2]! - l[i + 2]!;
        out[i + 2] = 100 * +(Math.abs(c[i + 2]! - o[i + 2]!) <= fD * (tD / pD));
        tD += r2n - r2;
        r2 = r2n;
        const r3n = h[i + 3]! - l[i + 3]!;
        out[i + 3] = 100 * +(Math.abs(c[i + 3]! - o[i + 3]!) <= fD * (tD / pD));
        tD += r3n - r3;
        r3 = r3n;
        const r4n = h[i + 4]! - l[i + 4]!;
        out[i + 4] = 100 * +(Math.abs(c[i + 4]! - o[i + 4]!) <= fD * (tD / pD));
        tD += r4n - r4;
        r4 = r4n;
        const r5n = h[i + 5]! - l[i + 5]!;
        out[i + 5] = 100 * +(Math.abs(c[i + 5]! - o[i + 5]!) <= fD * (tD / pD));
        tD += r5n - r5;
        r5 = r5n;
        const r6n = h[i + 6]! - l[i + 6]!;
        out[i + 6] = 100 * +(Math.abs(c[i + 6]! - o[i + 6]!) <= fD * (tD / pD));
        tD += r6n - r6;
        r6 = r6n;
        const r7n = h[i + 7]! - l[i + 7]!;
        out[i + 7] = 100 * +(Math.abs(c[i + 7]! - o[i + 7]!) <= fD * (tD / pD));
        tD += r7n - r7;
        r7 = r7n;
        const r8n = h[i + 8]! - l[i + 8]!;
        out[i + 8] = 100 * +(Math.abs(c[i + 8]! - o[i + 8]!) <= fD * (tD / pD));
        tD += r8n - r8;
        r8 = r8n;
        const r9n = h[i + 9]! - l[i + 9]!;
        out[i + 9] = 100 * +(Math.abs(c[i + 9]! - o[i + 9]!) <= fD * (tD / pD));
        tD += r9n - r9;
        r9 = r9n;
      }
    }
    for (; i < n; i++) {
      const h0 = h[i]!, l0 = l[i]!;
      out[i] = 100 * +(Math.abs(c[i]! - o[i]!) <= fD * (tD / pD));
      tD += (h0 - l0) - (h[i - pD]! - l[i - pD]!);
    }
  }, [],
  // Series in the heap: the wasm kernel (wasm/candles.wat), ~0.8x the time of the loop above.
  (o, h, l, c, out, start) => {
    const pD = BodyDoji.avgPeriod | 0;
    return heapDoji(o, h, l, c, out, start, pD, BodyDoji.factor, sumHighLow(h, l, start - pD, start));
  });

/*
 * Shadow tests without branching on the candle's colour: the upper shadow is h - c for a white
 * candle (w = 1) and h - o for a black one, so `upper < x` is `(w & +(h - c < x)) | (nw & +(h - o < x))`
 * (nw = 1 - w), the same comparison TA-Lib makes on whichever value applies.
 */

/**
 * The doji-with-shadows patterns' wasm kernels for series in the heap (wasm/candles.wat): BodyDoji,
 * ShadowVeryShort (its period and total are passed unused for CDLLONGLEGGEDDOJI) and the factor of
 * the period-0 shadow setting `long`.
 */
function dojiShadowHeap(kind: DojiShadowName, long: CandleSetting): HeapPatternKernel {
  return (o, h, l, c, out, start) => {
    const pD = BodyDoji.avgPeriod | 0, pV = ShadowVeryShort.avgPeriod | 0;
    return heapDojiShadow(kind, o, h, l, c, out, start, pD, BodyDoji.factor, sumHighLow(h, l, start - pD, start),
      pV, ShadowVeryShort.factor, sumHighLow(h, l, start - pV, start), long.factor);
  };
}

/**
 * Doji with one shadow very short and the other longer than `long` (takuri). Dragonfly and
 * gravestone have their own kernels: closures made by one function literal share V8's feedback and
 * optimized code, so the factory's options stay run-time tests in the loop.
 */
function dojiShadowKernel(longLower: boolean, veryLong: boolean) {
  return (o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number) => {
    const n = o.length;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    const fL = ShadowVeryLong.factor;
    let tD = sumHighLow(h, l, start - pD, start);
    let tV = sumHighLow(h, l, start - pV, start);
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const aD = fD * (tD / pD);
      const aV = fV * (tV / pV);
      const rb = Math.abs(c0 - o0);
      // takuri: the long shadow is measured against ShadowVeryLong (period 0: the candle's own body)
      const aLong = veryLong ? fL * rb : aV;
      const w = +(c0 >= o0), nw = w ^ 1;
      const shortSide = longLower
        ? (w & +(h0 - c0 < aV)) | (nw & +(h0 - o0 < aV))
        : (w & +(o0 - l0 < aV)) | (nw & +(c0 - l0 < aV));
      const longSide = longLower
        ? (w & +(o0 - l0 > aLong)) | (nw & +(c0 - l0 > aLong))
        : (w & +(h0 - c0 > aLong)) | (nw & +(h0 - o0 > aLong));
      out[i] = 100 * (+(rb <= aD) & shortSide & longSide);
      const hl = h0 - l0;
      tD += hl - (h[i - pD]! - l[i - pD]!);
      tV += hl - (h[i - pV]! - l[i - pV]!);
    }
  };
}

const dragonfly = patternDef('CDLDRAGONFLYDOJI', 'Dragonfly Doji: doji with a long lower shadow and no upper shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowVeryShort),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    let tD = sumHighLow(h, l, start - pD, start);
    let tV = sumHighLow(h, l, start - pV, start);
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const aD = fD * (tD / pD);
      const aV = fV * (tV / pV);
      const w = +(c0 >= o0), nw = w ^ 1;
      out[i] = 100 * (+(Math.abs(c0 - o0) <= aD) & ((w & +(h0 - c0 < aV)) | (nw & +(h0 - o0 < aV))) & ((w & +(o0 - l0 > aV)) | (nw & +(c0 - l0 > aV))));
      const hl = h0 - l0;
      tD += hl - (h[i - pD]! - l[i - pD]!);
      tV += hl - (h[i - pV]! - l[i - pV]!);
    }
  }, [], dojiShadowHeap('dragonfly', ShadowVeryLong));

const gravestone = patternDef('CDLGRAVESTONEDOJI', 'Gravestone Doji: doji with a long upper shadow and no lower shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowVeryShort),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    const pV = ShadowVeryShort.avgPeriod, fV = ShadowVeryShort.factor;
    let tD = sumHighLow(h, l, start - pD, start);
    let tV = sumHighLow(h, l, start - pV, start);
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const aD = fD * (tD / pD);
      const aV = fV * (tV / pV);
      const w = +(c0 >= o0), nw = w ^ 1;
      out[i] = 100 * (+(Math.abs(c0 - o0) <= aD) & ((w & +(o0 - l0 < aV)) | (nw & +(c0 - l0 < aV))) & ((w & +(h0 - c0 > aV)) | (nw & +(h0 - o0 > aV))));
      const hl = h0 - l0;
      tD += hl - (h[i - pD]! - l[i - pD]!);
      tV += hl - (h[i - pV]! - l[i - pV]!);
    }
  }, [], dojiShadowHeap('gravestone', ShadowVeryLong));

const takuri = patternDef('CDLTAKURI', 'Takuri: dragonfly doji with a very long lower shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowVeryShort, ShadowVeryLong),
  dojiShadowKernel(true, true), [], dojiShadowHeap('takuri', ShadowVeryLong));

const longLegged = patternDef('CDLLONGLEGGEDDOJI', 'Long Legged Doji: doji with a long upper or lower shadow', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowLong),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    const fL = ShadowLong.factor;
    let tD = sumHighLow(h, l, start - pD, start);
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const rb = Math.abs(c0 - o0);
      const aL = fL * rb;
      const w = +(c0 >= o0), nw = w ^ 1;
      const lower = (w & +(o0 - l0 > aL)) | (nw & +(c0 - l0 > aL));
      const upper = (w & +(h0 - c0 > aL)) | (nw & +(h0 - o0 > aL));
      out[i] = 100 * (+(rb <= fD * (tD / pD)) & (lower | upper));
      tD += (h0 - l0) - (h[i - pD]! - l[i - pD]!);
    }
  }, [], dojiShadowHeap('longlegged', ShadowLong));

const rickshaw = patternDef('CDLRICKSHAWMAN', 'Rickshaw Man: doji with two long shadows and the body near the middle of the range', '+100 when present; 0 = no pattern at this bar.', maxPeriod(BodyDoji, ShadowLong, Near),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pD = BodyDoji.avgPeriod, fD = BodyDoji.factor;
    const fL = ShadowLong.factor;
    const pN = Near.avgPeriod, fN = Near.factor;
    let tD = sumHighLow(h, l, start - pD, start);
    let tN = sumHighLow(h, l, start - pN, start);
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const rb = Math.abs(c0 - o0);
      const aL = fL * rb;
      const w = +(c0 >= o0), nw = w ^ 1;
      const shadows = ((w & +(o0 - l0 > aL)) | (nw & +(c0 - l0 > aL))) & ((w & +(h0 - c0 > aL)) | (nw & +(h0 - o0 > aL)));
      // Every flag every bar, no branch: the doji-with-long-shadows pre-test passes too often, in
      // no order, to predict. With the colour known, min/max of open and close is one of them.
      const aN = fN * (tN / pN);
      const mid = l0 + (h0 - l0) / 2;
      const lo = mid - aN, hi = mid + aN;
      const near = (w & +(o0 <= hi) & +(c0 >= lo)) | (nw & +(c0 <= hi) & +(o0 >= lo));
      out[i] = 100 * (+(rb <= fD * (tD / pD)) & shadows & near);
      const hl = h0 - l0;
      tD += hl - (h[i - pD]! - l[i - pD]!);
      tN += hl - (h[i - pN]! - l[i - pN]!);
    }
  }, [],
  // Series in the heap: the wasm kernel (wasm/candles.wat).
  (o, h, l, c, out, start) => {
    const pD = BodyDoji.avgPeriod | 0, pN = Near.avgPeriod | 0;
    return heapRickshaw(o, h, l, c, out, start, pD, BodyDoji.factor, sumHighLow(h, l, start - pD, start),
      ShadowLong.factor, pN, Near.factor, sumHighLow(h, l, start - pN, start));
  });

const highWave = patternDef('CDLHIGHWAVE', 'High-Wave Candle: short body with very long upper and lower shadows', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyShort, ShadowVeryLong),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    const fL = ShadowVeryLong.factor;
    let tS = sumRealBody(o, c, start - pS, start);
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const rb = Math.abs(c0 - o0);
      const aL = fL * rb;
      const w = +(c0 >= o0), nw = w ^ 1;
      const m = +(rb < fS * (tS / pS)) &
        ((w & +(h0 - c0 > aL)) | (nw & +(h0 - o0 > aL))) & ((w & +(o0 - l0 > aL)) | (nw & +(c0 - l0 > aL)));
      out[i] = 100 * ((m & w) - (m & nw));
      tS += rb - Math.abs(c[i - pS]! - o[i - pS]!);
    }
  });

const spinningTop = patternDef('CDLSPINNINGTOP', 'Spinning Top: short body with shadows longer than the body', '+100 white, -100 black; 0 = no pattern at this bar.', maxPeriod(BodyShort),
  (o, h, l, c, out, start) => {
    const n = o.length;
    const pS = BodyShort.avgPeriod, fS = BodyShort.factor;
    let tS = sumRealBody(o, c, start - pS, start);
    for (let i = start; i < n; i++) {
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const rb = Math.abs(c0 - o0);
      const w = +(c0 >= o0), nw = w ^ 1;
      const m = +(rb < fS * (tS / pS)) &
        ((w & +(h0 - c0 > rb)) | (nw & +(h0 - o0 > rb))) & ((w & +(o0 - l0 > rb)) | (nw & +(c0 - l0 > rb)));
      out[i] = 100 * ((m & w) - (m & nw));
      tS += rb - Math.abs(c[i - pS]! - o[i - pS]!);
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
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const rb = Math.abs(c0 - o0);
      const aB = fB * (tB / pB);
      const aS = fS * (tS / pS) / 2.0;
      const w = +(c0 >= o0), nw = w ^ 1;
      const m = (long ? +(rb > aB) : +(rb < aB)) &
        ((w & +(h0 - c0 < aS)) | (nw & +(h0 - o0 < aS))) & ((w & +(o0 - l0 < aS)) | (nw & +(c0 - l0 < aS)));
      out[i] = 100 * ((m & w) - (m & nw));
      tB += rb - Math.abs(c[i - pB]! - o[i - pB]!);
      tS += shadowRange(o, h, l, c, i) - shadowRange(o, h, l, c, i - pS);
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
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const rb = Math.abs(c0 - o0);
      const aV = fV * (tV / pV);
      const w = +(c0 >= o0), nw = w ^ 1;
      const upper = (w & +(h0 - c0 < aV)) | (nw & +(h0 - o0 < aV));
      const lower = (w & +(o0 - l0 < aV)) | (nw & +(c0 - l0 < aV));
      // closing side: the upper shadow of a white candle, the lower of a black one
      const shadows = sides === 0 ? upper & lower : sides === 1 ? (w & upper) | (nw & lower) : (w & lower) | (nw & upper);
      const m = +(rb > fB * (tB / pB)) & shadows;
      out[i] = 100 * ((m & w) - (m & nw));
      tB += rb - Math.abs(c[i - pB]! - o[i - pB]!);
      tV += (h0 - l0) - (h[i - pV]! - l[i - pV]!);
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
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!;
      const rb = Math.abs(c0 - o0);
      const aL = fL * rb;
      const aV = fV * (tV / pV);
      const w = +(c0 >= o0), nw = w ^ 1;
      const m = +(rb < fS * (tS / pS)) &
        ((w & +(o0 - l0 > aL)) | (nw & +(c0 - l0 > aL))) & ((w & +(h0 - c0 < aV)) | (nw & +(h0 - o0 < aV)));
      let v = 0;
      if (m !== 0) {
        const aN = fN * (tN / pN);
        v = hammer ? (Math.min(c0, o0) <= l[i - 1]! + aN ? 100 : 0) : (Math.min(c0, o0) >= h[i - 1]! - aN ? -100 : 0);
      }
      out[i] = v;
      tS += rb - Math.abs(c[i - pS]! - o[i - pS]!);
      tV += (h0 - l0) - (h[i - pV]! - l[i - pV]!);
      tN += (h[i - 1]! - l[i - 1]!) - (h[i - 1 - pN]! - l[i - 1 - pN]!);
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
      const o0 = o[i]!, h0 = h[i]!, l0 = l[i]!, c0 = c[i]!, o1 = o[i - 1]!, c1 = c[i - 1]!;
      const rb = Math.abs(c0 - o0);
      const aL = fL * rb;
      const aV = fV * (tV / pV);
      const w = +(c0 >= o0), nw = w ^ 1;
      // body gap down: max(o0,c0) < min(o1,c1), as its four comparisons (up: the mirror)
      const gap = inverted
        ? +(o0 < o1) & +(o0 < c1) & +(c0 < o1) & +(c0 < c1)
        : +(o0 > o1) & +(o0 > c1) & +(c0 > o1) & +(c0 > c1);
      const m = +(rb < fS * (tS / pS)) & gap &
        ((w & +(h0 - c0 > aL)) | (nw & +(h0 - o0 > aL))) & ((w & +(o0 - l0 < aV)) | (nw & +(c0 - l0 < aV)));
      out[i] = inverted ? 100 * m : 0 - 100 * m;
      tS += rb - Math.abs(c[i - pS]! - o[i - pS]!);
      tV += (h0 - l0) - (h[i - pV]! - l[i - pV]!);
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
