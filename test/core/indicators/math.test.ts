import { describe, it, expect } from 'vitest';
import { max, maxIndex, min, minIndex, minMax } from '../../../src/core/indicators/math/minmax.js';
import { add, div } from '../../../src/core/indicators/math/operators.js';
import { sum } from '../../../src/core/indicators/math/sum.js';
import { midpoint } from '../../../src/core/indicators/overlap/midpoint.js';
import { midprice } from '../../../src/core/indicators/overlap/midprice.js';
import { willr } from '../../../src/core/indicators/momentum/willr.js';

describe('math operators', () => {
  const x = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);

  it('MAX / MIN over a rolling window', () => {
    expect(Array.from(max(x, 3))).toEqual([NaN, NaN, 4, 4, 5, 9, 9, 9]);
    expect(Array.from(min(x, 3))).toEqual([NaN, NaN, 1, 1, 1, 1, 2, 2]);
    const [lo, hi] = minMax(x, 3);
    expect(Array.from(lo)).toEqual(Array.from(min(x, 3)));
    expect(Array.from(hi)).toEqual(Array.from(max(x, 3)));
  });

  it('*INDEX holds absolute indices; ties follow TA-Lib (newest on arrival, oldest on rescan)', () => {
    expect(Array.from(maxIndex(x, 3))).toEqual([NaN, NaN, 2, 2, 4, 5, 5, 5]);
    // an incoming value equal to the tracked minimum takes over: index moves to the newest bar
    expect(Array.from(minIndex(Float64Array.from([2, 1, 3, 1]), 3))).toEqual([NaN, NaN, 1, 3]);
    // rescan after the max leaves keeps the oldest of equal values
    const r = Float64Array.from([9, 5, 5, 1]);
    expect(Array.from(maxIndex(r, 2))).toEqual([NaN, 0, 1, 2]);
  });

  it('MAX/MIN/*INDEX equal a literal transcription of TA-Lib\'s loop (ties, NaN, signed zeros, falling runs)', () => {
    // ta_MAX.c / ta_MAXINDEX.c: test the extreme's index against the window start on every bar,
    // rescan the window with a strict compare when it fell behind, else take an incoming >= value
    const ref = (src: Float64Array, period: number, hiSide: boolean, wantIdx: boolean): Float64Array => {
      const out = new Float64Array(src.length).fill(NaN);
      let idx = -1;
      let ext = 0;
      for (let today = period - 1, trailing = 0; today < src.length; today++, trailing++) {
        const tmp = src[today]!;
        if (idx < trailing) {
          idx = trailing;
          ext = src[idx]!;
          for (let i = idx + 1; i <= today; i++) {
            const t = src[i]!;
            if (hiSide ? t > ext : t < ext) { idx = i; ext = t; }
          }
        } else if (hiSide ? tmp >= ext : tmp <= ext) {
          idx = today;
          ext = tmp;
        }
        out[today] = wantIdx ? idx : ext;
      }
      return out;
    };
    let seed = 7;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const pool = [NaN, 0, -0, 1, 1, 2, -Infinity, Infinity];
    const src = new Float64Array(3000);
    let level = 100;
    for (let i = 0; i < src.length; i++) {
      const u = rnd();
      if (u < 0.04) src[i] = pool[Math.floor(rnd() * pool.length)]!;
      else if (u < 0.07) src[i] = NaN;
      else if (u < 0.1 && i > 0) src[i] = src[i - 1]!; // a tie with the previous bar
      else {
        // long falling and rising runs: the window's first bar then often holds the extreme
        level += (Math.floor(i / 200) % 2 ? 1 : -1) * rnd() + (rnd() - 0.5) * 0.5;
        src[i] = Math.round(level * 4) / 4;
      }
    }
    const same = (a: Float64Array, b: Float64Array) => a.every((v, i) => Object.is(v, b[i]));
    // the same bars without NaN and zeros: the 5-bar MAX/MIN take their branch-free path on it
    const clean = src.map((v) => (v === v && v !== 0 ? v : 3));
    for (const x of [src, clean]) {
      for (const period of [2, 3, 4, 5, 6, 11, 12, 13, 30, 64]) {
        expect(same(max(x, period), ref(x, period, true, false))).toBe(true);
        expect(same(min(x, period), ref(x, period, false, false))).toBe(true);
        expect(same(maxIndex(x, period), ref(x, period, true, true))).toBe(true);
        expect(same(minIndex(x, period), ref(x, period, false, true))).toBe(true);
      }
    }
    // WILLR on the same trackers (its low pass has its own copy)
    const lowSeries = src.map((v, i) => (i % 7 === 3 ? v : v - 0.5));
    const closeSeries = src.map((v, i) => (i % 5 === 0 ? v : v - 0.25));
    for (const period of [2, 5, 11, 12, 14, 30]) {
      const hi = ref(src, period, true, false), lo = ref(lowSeries, period, false, false);
      const w = hi.map((h, i) => {
        const diff = (h - lo[i]!) / -100.0;
        return diff !== 0 ? (h - closeSeries[i]!) / diff : 0;
      });
      w.fill(NaN, 0, period - 1);
      expect(same(willr(src, lowSeries, closeSeries, period), w)).toBe(true);
    }
    // MIDPRICE and MIDPOINT: ta_MIDPRICE.c / ta_MIDPOINT.c rescan every window from its first
    // bar (a NaN first bar sticks, a later NaN is skipped; of tied zeros the first is kept), so
    // their reference is that loop, not MAX/MIN's tracker: on the series with NaN, infinities
    // and zeros, and on the same bars with only nonzero finite values (the trackers' path)
    const midRef = (h: Float64Array, l: Float64Array, period: number, single: boolean): Float64Array => {
      const out = new Float64Array(h.length).fill(NaN);
      for (let today = period - 1, trailing = 0; today < h.length; today++, trailing++) {
        let lowest = l[trailing]!;
        let highest = h[trailing]!;
        for (let i = trailing + 1; i <= today; i++) {
          if (single) {
            const tmp = h[i]!;
            if (tmp < lowest) lowest = tmp;
            else if (tmp > highest) highest = tmp;
          } else {
            if (l[i]! < lowest) lowest = l[i]!;
            if (h[i]! > highest) highest = h[i]!;
          }
        }
        out[today] = (highest + lowest) / 2;
      }
      return out;
    };
    const plain = src.map((v) => (Number.isFinite(v) && v !== 0 ? v : 3));
    for (const x of [src, plain]) {
      const low = x.map((v, i) => (i % 7 === 3 ? v : v - 0.5));
      for (const period of [2, 5, 11, 12, 14, 30]) {
        expect(same(midprice(x, low, period), midRef(x, low, period, false))).toBe(true);
        expect(same(midpoint(x, period), midRef(x, x, period, true))).toBe(true);
      }
    }
    // a NaN as a window's first bar makes TA-Lib's MIDPRICE NaN; the trackers would skip it
    const nanFirst = Float64Array.from([NaN, 5, 6, 7]);
    expect(Array.from(midprice(nanFirst, nanFirst, 2))).toEqual([NaN, NaN, 5.5, 6.5]);
    expect(Array.from(midpoint(Float64Array.from([1, NaN, 6, 2]), 2))).toEqual([NaN, 1, NaN, 4]);
    // fewer bars than the window, and just enough
    for (const len of [3, 4, 5, 6, 7, 8, 2999]) {
      const x = clean.subarray(0, len);
      expect(same(max(x, 5), ref(x, 5, true, false))).toBe(true);
      expect(same(min(x, 5), ref(x, 5, false, false))).toBe(true);
    }
  });

  it('SUM is a running window total', () => {
    expect(Array.from(sum(x, 2))).toEqual([NaN, 4, 5, 5, 6, 14, 11, 8]);
  });

  it('period longer than input: all NaN', () => {
    expect(Array.from(max(x, 30)).every(Number.isNaN)).toBe(true);
    expect(Array.from(sum(x, 30)).every(Number.isNaN)).toBe(true);
  });

  it('element-wise ops follow IEEE (x/0 = Infinity, NaN propagates)', () => {
    expect(Array.from(add(Float64Array.from([1, NaN]), Float64Array.from([2, 3])))).toEqual([3, NaN]);
    expect(div(Float64Array.from([1]), Float64Array.from([0]))[0]).toBe(Infinity);
  });
});
