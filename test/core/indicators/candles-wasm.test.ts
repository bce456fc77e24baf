/**
 * The wasm candlestick kernels (wasm/candles.ts) against the JavaScript kernels they stand in for
 * on series in the series heap, bit for bit (Object.is, so NaN and the sign of zero count): the
 * same pattern runs once on ordinary arrays (the JavaScript kernel) and once on heap arrays (the
 * wasm kernel), laid out alike in one backing array, and every cell of both backing arrays must
 * agree, outputs and inputs alike. Real data (all bundled USDT daily pairs, and BTC/USDT hourly
 * when the shared data is there), the same with NaN, infinities, signed zeros, empty and inverted
 * ranges injected; lengths around the kernels' 8-bar turns, the lookback and MIN_BARS; inputs at
 * odd cell offsets (not 16-byte aligned); outputs over an input (left to the JavaScript kernel).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Arena } from '../../../src/core/indicators/arena.js';
import { heapOffset, seriesHeap } from '../../../src/core/indicators/heap.js';
import { computeInto, getIndicator, resolveParams } from '../../../src/core/indicators/registry.js';
import type { IndicatorDef } from '../../../src/core/indicators/types.js';
import { candleKernelRuns, MIN_BARS, setCandleKernels } from '../../../src/core/indicators/wasm/candles.js';
import { mulberry32 } from '../../../src/core/ml/gbdt/rng.js';
import { BTC_1H, bundledUsdtDaily, sharedBtcHourly } from '../../helpers/bundled-candles.js';
import { requires } from '../../helpers/requires.js';

type Cols = Record<'open' | 'high' | 'low' | 'close', Float64Array>;
const KEYS = ['open', 'high', 'low', 'close'] as const;

/** The patterns with a wasm kernel. */
export const CANDLE_WASM_PATTERNS = ['CDLDOJI', 'CDLRICKSHAWMAN', 'CDLTASUKIGAP', 'CDLCONCEALBABYSWALL', 'CDLHIKKAKE',
  'CDLMORNINGSTAR', 'CDLEVENINGSTAR', 'CDLMORNINGDOJISTAR', 'CDLEVENINGDOJISTAR',
  'CDLDRAGONFLYDOJI', 'CDLGRAVESTONEDOJI', 'CDLTAKURI', 'CDLLONGLEGGEDDOJI', 'CDLADVANCEBLOCK',
  'CDL3WHITESOLDIERS', 'CDLLADDERBOTTOM', 'CDL3BLACKCROWS'];

/** The same bars with ~3% of the cells replaced by specials and ~2% of bars given an empty or inverted range. */
function withSpecials(c: Cols): Cols {
  let seed = 4242;
  const rnd = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
  const specials = [NaN, Infinity, -Infinity, 0, -0, 1e-300, -1e300, 5e-324];
  const out = { open: c.open.slice(), high: c.high.slice(), low: c.low.slice(), close: c.close.slice() };
  const n = c.close.length;
  for (let i = 0; i < n; i++) {
    for (const k of KEYS) if (rnd() < 0.008) out[k][i] = specials[Math.floor(rnd() * specials.length)]!;
    const r = rnd();
    if (r < 0.01) { out.low[i] = out.high[i]!; out.close[i] = out.high[i]!; out.open[i] = out.high[i]!; } // flat doji
    else if (r < 0.02) { const t = out.low[i]!; out.low[i] = out.high[i]!; out.high[i] = t; } // inverted
  }
  return out;
}

/**
 * The bars with a concealing baby swallow planted every 23 bars (rare in real data: none in the
 * bundled candles), built from the bars' own prices and sizes, each of its conditions broken at
 * random in ~1 of 8 plantings, so every test in the kernel meets both outcomes.
 */
function withConcealing(c: Cols): Cols {
  const rnd = mulberry32(99);
  const out = { open: c.open.slice(), high: c.high.slice(), low: c.low.slice(), close: c.close.slice() };
  const { open: o, high: h, low: l, close: cl } = out;
  const off = () => rnd() < 0.125;
  for (let k = 20; k < cl.length; k += 23) {
    const x = c.close[k - 3]!, b = Math.abs(c.close[k]! - c.open[k]!) || x * 0.01;
    const set = (i: number, oi: number, hi: number, li: number, ci: number) => { o[i] = oi; h[i] = hi; l[i] = li; cl[i] = ci; };
    // two black marubozu
    set(k - 3, x, x + (off() ? b : 0), x - b - (off() ? b : 0), off() ? x + b : x - b);
    const y = x - b * (off() ? 0 : 0.5);
    set(k - 2, y, y + (off() ? b : 0), y - b - (off() ? b : 0), off() ? y + b : y - b);
    // black, gapping down, upper shadow into the prior body
    const c2 = cl[k - 2]!, o1 = c2 - (off() ? -b * 0.2 : b * 0.2);
    const h1 = off() ? o1 + b * 0.01 : c2 + b * 0.1;
    set(k - 1, o1, h1, o1 - b * 1.2, off() ? o1 + b : o1 - b);
    // black, engulfing bar k - 1's range
    set(k, h1 + (off() ? -b * 0.05 : b * 0.05) - b * 0.01, h1 + (off() ? 0 : b * 0.05), l[k - 1]! - (off() ? 0 : b * 0.05), off() ? h1 + b : l[k - 1]!);
  }
  return out;
}

/**
 * The bars with three candles planted every 17 bars from the bars' own prices and sizes: mostly
 * white, each opening near or within the prior body, bodies and shadows drawn at random around the
 * settings' thresholds, so three white soldiers and advance blocks (rare in real data) occur and
 * each of their conditions meets both outcomes.
 */
function withSoldiers(c: Cols): Cols {
  const rnd = mulberry32(17);
  const out = { open: c.open.slice(), high: c.high.slice(), low: c.low.slice(), close: c.close.slice() };
  for (let k = 20; k < out.close.length; k += 17) {
    const x = c.close[k - 2]!, b = Math.abs(c.close[k]! - c.open[k]!) || x * 0.01;
    let po = x, pc = x;
    for (let j = 0; j < 3; j++) {
      const i = k - 2 + j;
      const body = b * (0.3 + 1.4 * rnd());
      const o = j === 0 ? x : po + (pc - po) * (1.3 * rnd() - 0.1);
      const cl = o + body * (rnd() < 0.08 ? -1 : 1);
      out.open[i] = o; out.close[i] = cl;
      out.high[i] = Math.max(o, cl) + b * (rnd() < 0.5 ? 0.02 * rnd() : 0.6 * rnd());
      out.low[i] = Math.min(o, cl) - b * 0.5 * rnd();
      po = o; pc = cl;
    }
  }
  return out;
}

/**
 * The bars with a ladder bottom's five candles planted every 19 bars from the bars' own prices and
 * sizes: four mostly-black candles with mostly falling opens and closes (ties at times), the fourth
 * with an upper shadow around ShadowVeryShort, then a mostly-white candle opening and closing near
 * the fourth's open and high, so every condition meets both outcomes.
 */
function withLadders(c: Cols): Cols {
  const rnd = mulberry32(19);
  const out = { open: c.open.slice(), high: c.high.slice(), low: c.low.slice(), close: c.close.slice() };
  const pick = (a: number, b: number) => (rnd() < 0.1 ? a : b);
  for (let k = 20; k < out.close.length; k += 19) {
    const x = c.close[k - 4]!, b = Math.abs(c.close[k]! - c.open[k]!) || x * 0.01;
    let po = x + b, pc = x;
    for (let j = 0; j < 4; j++) {
      const i = k - 4 + j;
      const o = j === 0 ? po : pick(po, po - b * (rnd() - 0.1));
      const cl = rnd() < 0.08 ? o + b * rnd() : pick(pc, Math.min(o, pc) - b * rnd());
      out.open[i] = o; out.close[i] = cl;
      out.high[i] = Math.max(o, cl) + b * (j === 3 ? 0.6 * rnd() : 0.05 * rnd());
      out.low[i] = Math.min(o, cl) - b * 0.3 * rnd();
      po = o; pc = cl;
    }
    const o0 = po + b * (0.4 * rnd() - 0.05), c0 = pick(out.high[k - 1]!, out.high[k - 1]! + b * (0.6 * rnd() - 0.1));
    out.open[k] = o0; out.close[k] = c0;
    out.high[k] = Math.max(o0, c0) + b * 0.2 * rnd(); out.low[k] = Math.min(o0, c0) - b * 0.2 * rnd();
  }
  return out;
}

type Layout = 'apart' | 'alias-open' | 'alias-low' | 'overlap-below';
const GARBAGE = 12345.678;
const arena = new Arena();

/**
 * Runs `def` with the four inputs in one backing array, the first at cell 1 (8-byte, not 16-byte
 * aligned), each next 3 cells after the previous ends, the output after them or over an input.
 */
function runLaid(backing: Float64Array, def: IndicatorDef, src: Cols, from: number, n: number, layout: Layout, params: Record<string, number>): Float64Array {
  backing.fill(GARBAGE);
  const inputs = KEYS.map((k, j) => {
    const v = backing.subarray(1 + j * (n + 3), 1 + j * (n + 3) + n);
    v.set(src[k].subarray(from, from + n));
    return v;
  });
  const out = layout === 'alias-open' ? inputs[0]!
    : layout === 'alias-low' ? inputs[2]!
    : layout === 'overlap-below' ? backing.subarray(1 + 3 * (n + 3) - 1, 1 + 3 * (n + 3) - 1 + n)
    : backing.subarray(1 + 4 * (n + 3), 1 + 4 * (n + 3) + n);
  computeInto(def, inputs, resolveParams(def, params), [out], arena);
  return backing;
}

function firstDifference(a: Float64Array, b: Float64Array): string | undefined {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `cell ${i}: JS ${a[i]} vs wasm ${b[i]}`;
  return undefined;
}

const datasets: [string, Cols][] = [['data/ daily', await bundledUsdtDaily()]];
if (await requires(`shared:${BTC_1H}`)) datasets.push(['BTC/USDT 1h', sharedBtcHourly()]);
for (const [label, c] of [...datasets]) datasets.push([`${label} + specials`, withSpecials(c)]);
datasets.push(['data/ daily + ladders', withLadders(datasets[0]![1])]);
datasets.push(['data/ daily + soldiers', withSoldiers(datasets[0]![1])]);
datasets.push(['data/ daily + concealing', withConcealing(datasets[0]![1])]);

const heapArrays: Float64Array[] = [];
afterAll(() => { for (const h of heapArrays) seriesHeap.free(h); });
const heapBacking = new Map<number, Float64Array>();
function heapOf(total: number): Float64Array {
  let h = heapBacking.get(total);
  if (h === undefined) { h = seriesHeap.alloc(total); heapArrays.push(h); heapBacking.set(total, h); }
  return h;
}

function compare(def: IndicatorDef, src: Cols, from: number, n: number, layout: Layout, params: Record<string, number> = {}): void {
  const total = 1 + 5 * (n + 3);
  const js = runLaid(new Float64Array(total), def, src, from, n, layout, params);
  const heap = heapOf(total);
  expect(heapOffset(heap)).toBeGreaterThanOrEqual(0);
  const wasm = runLaid(heap, def, src, from, n, layout, params);
  expect(firstDifference(js, wasm), `${def.name} ${JSON.stringify(params)} n=${n} from=${from} ${layout}`).toBeUndefined();
}

describe('wasm candlestick kernels on heap arrays equal the JavaScript kernels bit for bit', () => {
  for (const name of CANDLE_WASM_PATTERNS) {
    it(name, () => {
      const def = getIndicator(name);
      const lb = def.lookback({});
      for (const [, src] of datasets) {
        const len = src.close.length;
        const lengths = [...new Set([0, 1, lb - 1, lb, lb + 1, lb + 7, lb + 8, lb + 9, lb + 17,
          MIN_BARS - 1, MIN_BARS, MIN_BARS + 1, MIN_BARS + 3, 1001, 4099])].filter((x) => x >= 0);
        for (const n of lengths) for (const from of [0, 7, len - n]) compare(def, src, from, n, 'apart');
        compare(def, src, 0, len, 'apart');
        // the star family's penetration: none, TA-Lib's default 0.3, a whole body and more
        if (def.params.some((p) => p.name === 'penetration')) for (const penetration of [0, 1, 1.7]) compare(def, src, 0, len, 'apart', { penetration });
        for (const layout of ['alias-open', 'alias-low', 'overlap-below'] as const) compare(def, src, 5, 1001, layout);
      }
    });
  }

  it('takes the wasm kernel for apart heap arrays of MIN_BARS bars and more, the JavaScript one otherwise', () => {
    const [, src] = datasets[0]!;
    for (const name of CANDLE_WASM_PATTERNS) {
      const def = getIndicator(name);
      let before = candleKernelRuns();
      compare(def, src, 0, MIN_BARS, 'apart');
      expect(candleKernelRuns(), name).toBe(before + 1);
      before = candleKernelRuns();
      compare(def, src, 0, MIN_BARS - 1, 'apart');
      for (const layout of ['alias-open', 'alias-low', 'overlap-below'] as const) compare(def, src, 0, 1000, layout);
      expect(candleKernelRuns(), name).toBe(before);
    }
  });

  it('the planted concealing baby swallows are found on some plantings, not all (the comparison above tests both outcomes)', () => {
    const src = datasets[datasets.length - 1]![1];
    const n = src.close.length;
    const out = new Float64Array(n);
    computeInto(getIndicator('CDLCONCEALBABYSWALL'), KEYS.map((k) => src[k]), {}, [out], arena);
    let found = 0;
    for (let i = 0; i < n; i++) if (out[i] === 100) found++;
    expect(found).toBeGreaterThan(n / 23 / 10);
    expect(found).toBeLessThan(n / 23 * 0.9);
  });

  it('the planted soldiers make three white soldiers and advance blocks on some plantings, not all', () => {
    const src = datasets[datasets.length - 2]![1];
    const n = src.close.length;
    for (const [name, v] of [['CDL3WHITESOLDIERS', 100], ['CDLADVANCEBLOCK', -100]] as const) {
      const out = new Float64Array(n);
      computeInto(getIndicator(name), KEYS.map((k) => src[k]), {}, [out], arena);
      let found = 0;
      for (let i = 0; i < n; i++) if (out[i] === v) found++;
      expect(found, name).toBeGreaterThan(n / 17 / 50);
      expect(found, name).toBeLessThan(n / 17 * 0.9);
    }
  });

  it('the planted ladders make ladder bottoms on some plantings, not all', () => {
    const src = datasets[datasets.length - 3]![1];
    const n = src.close.length;
    const out = new Float64Array(n);
    computeInto(getIndicator('CDLLADDERBOTTOM'), KEYS.map((k) => src[k]), {}, [out], arena);
    let found = 0;
    for (let i = 0; i < n; i++) if (out[i] === 100) found++;
    expect(found).toBeGreaterThan(n / 19 / 50);
    expect(found).toBeLessThan(n / 19 * 0.9);
  });

  it('with the wasm kernels turned off, heap arrays take the JavaScript kernels (same values)', () => {
    setCandleKernels(false);
    try {
      const before = candleKernelRuns();
      const [, src] = datasets[datasets.length - 1]!;
      for (const name of CANDLE_WASM_PATTERNS) compare(getIndicator(name), src, 3, 2001, 'apart');
      expect(candleKernelRuns()).toBe(before);
    } finally {
      setCandleKernels(true);
    }
  });
});
