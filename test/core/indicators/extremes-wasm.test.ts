import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aroon, aroonOsc } from '../../../src/core/indicators/momentum/aroon.js';
import { willr } from '../../../src/core/indicators/momentum/willr.js';
import { max, maxIndex, min, minIndex, minMax, minMaxIndex } from '../../../src/core/indicators/math/minmax.js';
import { midpoint } from '../../../src/core/indicators/overlap/midpoint.js';
import { midprice } from '../../../src/core/indicators/overlap/midprice.js';
import {
  aroonOscWasm, aroonWasm, extremeIndexWasm, extremeWasm, EXTREMES_WASM_MIN_BARS, extremesInPlace, extremesWasmActive, extremesWorkBytes, INDEX_WASM_MIN_BARS, midWasm, minMaxIndexWasm, minMaxWasm,
  setExtremesWasm, willrWasm,
} from '../../../src/core/indicators/wasm/extremes.js';
import { heapOffset, seriesHeap } from '../../../src/core/indicators/heap.js';
import { REPO_ROOT, shared } from '../../helpers/paths.js';

/*
 * The wasm kernels of src/core/indicators/wasm/extremes.wat against the JavaScript kernels they
 * stand in for, value by value with Object.is (NaN, -0): on real candles at several periods and
 * lengths (blocks of 2,048 window starts, odd tails, n < period), and on the same candles with
 * NaN, infinities, signed zeros and ties injected, where the wasm side must either agree or hand
 * the call back to JavaScript.
 */

interface Hlc { high: Float64Array; low: Float64Array; close: Float64Array }

/** The bundled Binance daily rows of 2023 and 2024 (many symbols one after another: low prices tie often). */
function binanceDaily(): Hlc {
  const rows: number[][] = [];
  for (const year of [2023, 2024]) {
    const lines = readFileSync(join(REPO_ROOT, 'data', 'binance-daily', `binance_daily_ohlcv_${year}.csv`), 'utf8').trim().split('\n');
    const hdr = lines[0]!.split(',');
    const ix = ['high', 'low', 'close'].map((k) => hdr.indexOf(k));
    for (const l of lines.slice(1)) { const c = l.split(','); rows.push(ix.map((k) => Number(c[k]))); }
  }
  const col = (k: number) => Float64Array.from(rows, (r) => r[k]!);
  return { high: col(0), low: col(1), close: col(2) };
}

/** A freqtrade 5-minute file from ../shared when present (prices in BTC: 8 decimals, long flat runs). */
function freqtrade(): Hlc | undefined {
  const path = shared('data/freqtrade/ETH_BTC-5m.json');
  if (!existsSync(path)) return undefined;
  const rows = JSON.parse(readFileSync(path, 'utf8')) as number[][];
  const col = (k: number) => Float64Array.from(rows, (r) => r[k]!);
  return { high: col(2), low: col(3), close: col(4) };
}

const slice = (s: Hlc, from: number, n: number): Hlc =>
  ({ high: s.high.slice(from, from + n), low: s.low.slice(from, from + n), close: s.close.slice(from, from + n) });

type Fn = (s: Hlc, p: number) => Float64Array[];
const FNS: Record<string, Fn> = {
  MIDPRICE: (s, p) => [midprice(s.high, s.low, p)],
  MIDPOINT: (s, p) => [midpoint(s.close, p)],
  WILLR: (s, p) => [willr(s.high, s.low, s.close, p)],
  AROON: (s, p) => aroon(s.high, s.low, p),
  AROONOSC: (s, p) => [aroonOsc(s.high, s.low, p)],
  MINMAX: (s, p) => minMax(s.close, p),
  MAX: (s, p) => [max(s.high, p)],
  MIN: (s, p) => [min(s.low, p)],
  MINMAXINDEX: (s, p) => minMaxIndex(s.close, p),
  MAXINDEX: (s, p) => [maxIndex(s.high, p)],
  MININDEX: (s, p) => [minIndex(s.low, p)],
};

function both(fn: Fn, s: Hlc, p: number): [Float64Array[], Float64Array[]] {
  setExtremesWasm(false);
  const js = fn(s, p);
  setExtremesWasm(true);
  return [js, fn(s, p)];
}

/** The first differing cell, or undefined. */
function firstDiff(a: Float64Array[], b: Float64Array[]): string | undefined {
  for (let k = 0; k < a.length; k++) {
    for (let i = 0; i < a[k]!.length; i++) if (!Object.is(a[k]![i], b[k]![i])) return `output ${k} bar ${i}: js ${a[k]![i]} wasm ${b[k]![i]}`;
  }
  return undefined;
}

const PERIODS = [2, 3, 4, 5, 7, 13, 14, 16, 17, 30, 31, 64, 200];

afterEach(() => { setExtremesWasm(true); });

describe('windowed extremes: wasm kernels equal the JavaScript kernels', () => {
  const daily = binanceDaily();

  it('runs the wasm kernels here (else the comparisons below compare JavaScript with itself)', () => {
    expect(extremesWasmActive()).toBe(true);
    const s = slice(daily, 0, Math.max(EXTREMES_WASM_MIN_BARS, INDEX_WASM_MIN_BARS));
    const n = s.high.length;
    const o = () => new Float64Array(n);
    expect(midWasm(s.high, s.low, 14, o())).toBe(true);
    expect(midWasm(s.close, s.close, 14, o())).toBe(true);
    expect(willrWasm(s.high, s.low, s.close, 14, o())).toBe(true);
    expect(minMaxWasm(s.close, 30, o(), o())).toBe(true);
    expect(extremeWasm(s.close, 30, false, o())).toBe(true);
    expect(extremeWasm(s.close, 30, true, o())).toBe(true);
    expect(extremeIndexWasm(s.close, 30, true, o())).toBe(true);
    expect(minMaxIndexWasm(s.close, 30, o(), o())).toBe(true);
    expect(aroonWasm(s.high, s.low, 14, o(), o())).toBe(true);
    expect(aroonOscWasm(s.high, s.low, 14, o())).toBe(true);
  });

  it('hands back to JavaScript below the length threshold, at period 1, and when turned off', () => {
    const s = slice(daily, 0, EXTREMES_WASM_MIN_BARS - 1);
    const o = new Float64Array(EXTREMES_WASM_MIN_BARS);
    expect(midWasm(s.high, s.low, 14, o)).toBe(false);
    const t = slice(daily, 0, INDEX_WASM_MIN_BARS);
    expect(minMaxWasm(t.close, 1, o, o)).toBe(false);
    expect(minMaxWasm(t.close, 14.5, o, o)).toBe(false);
    expect(minMaxIndexWasm(t.close.subarray(1), 14, o, o)).toBe(false);
    setExtremesWasm(false);
    expect(midWasm(t.high, t.low, 14, o)).toBe(false);
    expect(aroonWasm(t.high, t.low, 14, o, o)).toBe(false);
  });

  it('on real daily candles, every period, lengths across block and pair boundaries', () => {
    const lengths = [EXTREMES_WASM_MIN_BARS, EXTREMES_WASM_MIN_BARS + 1, 201, INDEX_WASM_MIN_BARS, INDEX_WASM_MIN_BARS + 1, 2048 + 13, 2048 + 14, 4097, 20_001, daily.high.length];
    for (const [name, fn] of Object.entries(FNS)) {
      for (const n of lengths) {
        for (const p of PERIODS) {
          const [js, wasm] = both(fn, slice(daily, 3 * n % 997, n), p);
          expect(firstDiff(js, wasm), `${name} n=${n} p=${p}`).toBeUndefined();
        }
      }
    }
  });

  it('with a period as long as the series or longer', () => {
    const s = slice(daily, 0, INDEX_WASM_MIN_BARS + 3);
    for (const [name, fn] of Object.entries(FNS)) {
      for (const p of [INDEX_WASM_MIN_BARS + 2, INDEX_WASM_MIN_BARS + 3, INDEX_WASM_MIN_BARS + 4, 5000]) {
        const [js, wasm] = both(fn, s, p);
        expect(firstDiff(js, wasm), `${name} p=${p}`).toBeUndefined();
      }
    }
  });

  const ft = freqtrade();
  it.runIf(ft !== undefined)('on 5-minute ETH/BTC candles from ../shared', () => {
    for (const [name, fn] of Object.entries(FNS)) {
      for (const p of [2, 5, 14, 30, 31]) {
        const [js, wasm] = both(fn, ft!, p);
        expect(firstDiff(js, wasm), `${name} p=${p}`).toBeUndefined();
      }
    }
  });

  /** The candles with `rate` of their cells replaced by `pick()` (the same cell in high, low and close). */
  function inject(s: Hlc, rate: number, seed: number, pick: (r: number) => number): Hlc {
    let st = seed >>> 0;
    const rnd = () => { st = (Math.imul(st, 1664525) + 1013904223) >>> 0; return st / 4294967296; };
    const out = { high: s.high.slice(), low: s.low.slice(), close: s.close.slice() };
    for (let i = 0; i < out.high.length; i++) {
      if (rnd() >= rate) continue;
      const k = rnd();
      const which = rnd();
      const v = pick(rnd());
      if (which < 0.4) out.high[i] = v;
      else if (which < 0.8) out.low[i] = v;
      else if (which < 0.9) out.close[i] = v;
      else { out.high[i] = v; out.low[i] = v; out.close[i] = k < 0.5 ? v : out.close[i]!; }
    }
    return out;
  }

  const specials: [string, (r: number) => number][] = [
    ['NaN', () => NaN],
    ['+-Infinity', (r) => (r < 0.5 ? Infinity : -Infinity)],
    ['+-0', (r) => (r < 0.5 ? 0 : -0)],
    ['mixed', (r) => [NaN, Infinity, -Infinity, 0, -0][Math.floor(r * 5)]!],
  ];

  it('on the candles with NaN, infinities and signed zeros injected', () => {
    const base = slice(daily, 500, 6000);
    for (const [label, pick] of specials) {
      for (const rate of [0.0005, 0.01, 0.2]) {
        const s = inject(base, rate, 17 + rate * 1e4, pick);
        for (const [name, fn] of Object.entries(FNS)) {
          for (const p of [2, 5, 14, 30]) {
            const [js, wasm] = both(fn, s, p);
            expect(firstDiff(js, wasm), `${name} ${label} rate=${rate} p=${p}`).toBeUndefined();
          }
        }
      }
    }
  });

  it('on series made of ties (rounded prices, flat runs, a constant) and with zeros and negatives', () => {
    const base = slice(daily, 1000, 5000);
    const rounded = { high: base.high.map((x) => Math.round(x / 50)), low: base.low.map((x) => Math.round(x / 50)), close: base.close.map((x) => Math.round(x / 50)) };
    const n = 3000;
    let st = 5;
    const rnd = () => { st = (Math.imul(st, 1664525) + 1013904223) >>> 0; return st / 4294967296; };
    const steps = Float64Array.from({ length: n }, () => Math.floor(rnd() * 4) - 1.5);
    const walk = new Float64Array(n);
    for (let i = 1; i < n; i++) walk[i] = walk[i - 1]! + (rnd() < 0.6 ? 0 : steps[i]!);
    const flat = { high: walk.map((x) => x + 1), low: walk.map((x) => x - 1), close: walk };
    const constant = { high: new Float64Array(n).fill(7), low: new Float64Array(n).fill(7), close: new Float64Array(n).fill(7) };
    const negative = { high: walk.map((x) => x - 0.5), low: walk.map((x) => x - 2.5), close: walk.map((x) => x - 1) };
    for (const [label, s] of Object.entries({ rounded, flat, constant, negative })) {
      for (const [name, fn] of Object.entries(FNS)) {
        for (const p of [2, 3, 5, 14, 30, 33]) {
          const [js, wasm] = both(fn, s, p);
          expect(firstDiff(js, wasm), `${name} ${label} p=${p}`).toBeUndefined();
        }
      }
    }
  });

  it('on series-heap arrays, read and written in place, and mixed with ordinary arrays', () => {
    for (const n of [4097, 4098]) {
      const s = slice(daily, 100, n);
      const inHeap = (x: Float64Array) => { const h = seriesHeap.alloc(n); h.set(x); return h; };
      const hs = { high: inHeap(s.high), low: inHeap(s.low), close: inHeap(s.close) };
      expect(heapOffset(hs.high)).toBeGreaterThanOrEqual(0);
      // outputs in the heap, each followed by a guard block: nothing may be written past bar n - 1
      const outs: Float64Array[] = [], guards: Float64Array[] = [];
      for (let k = 0; k < 2; k++) { outs.push(seriesHeap.alloc(n).fill(7)); guards.push(seriesHeap.alloc(2).fill(-7)); }
      const into: Record<string, (x: Hlc, p: number) => Float64Array[]> = {
        MIDPRICE: (x, p) => [midprice(x.high, x.low, p, outs[0])],
        MIDPOINT: (x, p) => [midpoint(x.close, p, outs[0])],
        WILLR: (x, p) => [willr(x.high, x.low, x.close, p, outs[0])],
        AROON: (x, p) => aroon(x.high, x.low, p, outs[0], outs[1]),
        AROONOSC: (x, p) => [aroonOsc(x.high, x.low, p, outs[0])],
        MINMAX: (x, p) => minMax(x.close, p, outs),
        MINMAXINDEX: (x, p) => minMaxIndex(x.close, p, outs),
        MAX: (x, p) => [max(x.high, p, outs[0])],
        MIN: (x, p) => [min(x.low, p, outs[0])],
        MAXINDEX: (x, p) => [maxIndex(x.high, p, outs[0])],
        MININDEX: (x, p) => [minIndex(x.low, p, outs[0])],
      };
      const before = extremesInPlace();
      for (const [name, fn] of Object.entries(into)) {
        for (const p of [2, 9, 14, 30, 31]) {
          setExtremesWasm(false);
          const js = FNS[name]!(s, p);
          setExtremesWasm(true);
          const wasm = fn(hs, p).map((o) => o.slice());
          expect(firstDiff(js, wasm), `${name} heap in/out n=${n} p=${p}`).toBeUndefined();
          const mixed = FNS[name]!(hs, p); // heap inputs, ordinary outputs
          expect(firstDiff(js, mixed), `${name} heap in n=${n} p=${p}`).toBeUndefined();
          const back = fn(s, p).map((o) => o.slice()); // ordinary inputs, heap outputs
          expect(firstDiff(js, back), `${name} heap out n=${n} p=${p}`).toBeUndefined();
          for (const g of guards) expect(Array.from(g), `${name} n=${n} p=${p}`).toEqual([-7, -7]);
        }
      }
      expect(extremesInPlace() - before).toBeGreaterThan(100);
      for (const a of [hs.high, hs.low, hs.close, ...outs, ...guards]) seriesHeap.free(a);
    }
  });

  it('gives a large copy block back to the series heap after the call', () => {
    const small = slice(daily, 0, 600);
    midprice(small.high, small.low, 14);
    const kept = extremesWorkBytes();
    expect(kept).toBeGreaterThan(0);
    const used = seriesHeap.stats().used;
    const big = daily; // ~55,000 bars of ordinary arrays: ~1.3 MB of copies, more than the block kept
    expect(big.high.length).toBeGreaterThan(50_000);
    expect(midWasm(big.high, big.low, 14, new Float64Array(big.high.length))).toBe(true);
    expect(extremesWorkBytes()).toBe(0);
    expect(seriesHeap.stats().used).toBe(used - kept);
  });

  it('leaves an output that shares memory with an input to the JavaScript kernel', () => {
    const s = slice(daily, 0, 3000);
    const cases: [string, (x: Hlc) => Float64Array[]][] = [
      ['MAX into its input', (x) => [max(x.close, 14, x.close)]],
      ['MIDPRICE into high', (x) => [midprice(x.high, x.low, 14, x.high)]],
      ['WILLR into close', (x) => [willr(x.high, x.low, x.close, 14, x.close)]],
      ['AROONOSC into low', (x) => [aroonOsc(x.high, x.low, 14, x.low)]],
      ['MINMAXINDEX into a shifted view', (x) => minMaxIndex(x.close.subarray(0, 2990), 30, [x.close.subarray(5), new Float64Array(2990)])],
    ];
    for (const [label, fn] of cases) {
      setExtremesWasm(false);
      const a = { high: s.high.slice(), low: s.low.slice(), close: s.close.slice() };
      const js = fn(a).map((o) => o.slice());
      setExtremesWasm(true);
      const b = { high: s.high.slice(), low: s.low.slice(), close: s.close.slice() };
      const wasm = fn(b).map((o) => o.slice());
      expect(firstDiff(js, wasm), label).toBeUndefined();
      expect(firstDiff([a.high, a.low, a.close], [b.high, b.low, b.close]), label).toBeUndefined();
    }
  });

  it('into arrays that already hold values (only the cells past the warm-up are written, the warm-up is NaN)', () => {
    const s = slice(daily, 0, 3001);
    const n = s.high.length;
    for (const on of [false, true]) {
      setExtremesWasm(on);
      const a = new Float64Array(n).fill(42), b = new Float64Array(n).fill(42);
      aroon(s.high, s.low, 14, a, b);
      expect([a[13], a[14], b[13]]).toEqual([NaN, aroon(s.high, s.low, 14)[0][14], NaN]);
    }
  });
});
