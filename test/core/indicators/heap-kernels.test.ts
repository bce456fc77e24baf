/**
 * The wasm element-wise kernels (wasm/elementwise.ts) against the JavaScript kernels they replace
 * for series in the series heap, bit for bit (Object.is, so NaN and the sign of zero count): the
 * same function, parameters and memory layout run once on ordinary arrays (the JavaScript path)
 * and once on heap arrays (the wasm path), and every cell of both backing buffers must agree,
 * outputs and inputs alike. Real data, the same with NaN, infinities, signed zeros and empty
 * ranges injected, lengths around the kernels' 4-bar and 2-bar steps and the periods, inputs at
 * odd cell offsets (not 16-byte aligned), outputs aliasing inputs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Arena } from '../../../src/core/indicators/arena.js';
import { heapOffset, seriesHeap } from '../../../src/core/indicators/heap.js';
import { computeInto, getIndicator, resolveParams } from '../../../src/core/indicators/registry.js';
import type { IndicatorDef, InputName } from '../../../src/core/indicators/types.js';
import { heapKernelRuns, MIN_BARS, setHeapKernels } from '../../../src/core/indicators/wasm/elementwise.js';
import { BTC_1H, bundledUsdtDaily, sharedBtcHourly } from '../../helpers/bundled-candles.js';
import { requires } from '../../helpers/requires.js';

type Cols = Record<'open' | 'high' | 'low' | 'close' | 'volume', Float64Array>;

/** The same bars with ~4% of the cells replaced by specials and ~2% of bars given an empty or inverted range. */
function withSpecials(c: Cols): Cols {
  let seed = 12345;
  const rnd = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
  const specials = [NaN, Infinity, -Infinity, 0, -0, 1e-300, -1e300];
  const out = { open: c.open.slice(), high: c.high.slice(), low: c.low.slice(), close: c.close.slice(), volume: c.volume.slice() };
  const n = c.close.length;
  for (let i = 0; i < n; i++) {
    for (const k of ['open', 'high', 'low', 'close', 'volume'] as const) {
      if (rnd() < 0.008) out[k][i] = specials[Math.floor(rnd() * specials.length)]!;
    }
    const r = rnd();
    if (r < 0.01) { out.low[i] = out.high[i]!; out.close[i] = out.high[i]!; } // empty range, close on it
    else if (r < 0.02) { const t = out.low[i]!; out.low[i] = out.high[i]!; out.high[i] = t; } // inverted
  }
  return out;
}

const pick = (c: Cols, k: InputName): Float64Array =>
  k === 'real' ? c.close : k === 'real0' ? c.high : k === 'real1' ? c.low : c[k as keyof Cols];

interface Case { name: string; params: Record<string, number>[] }
const CASES: Case[] = [
  { name: 'ADD', params: [{}] }, { name: 'SUB', params: [{}] }, { name: 'MULT', params: [{}] }, { name: 'DIV', params: [{}] },
  { name: 'MOM', params: [{}, { timePeriod: 1 }, { timePeriod: 5 }] },
  { name: 'ROC', params: [{}, { timePeriod: 1 }] }, { name: 'ROCP', params: [{}, { timePeriod: 3 }] },
  { name: 'ROCR', params: [{}, { timePeriod: 2 }] }, { name: 'ROCR100', params: [{}, { timePeriod: 7 }] },
  { name: 'MEDPRICE', params: [{}] }, { name: 'TYPPRICE', params: [{}] }, { name: 'WCLPRICE', params: [{}] },
  { name: 'AVGPRICE', params: [{}] }, { name: 'BOP', params: [{}] }, { name: 'TRANGE', params: [{}] }, { name: 'AD', params: [{}] },
  { name: 'ADOSC', params: [{}, { fastPeriod: 2, slowPeriod: 2 }, { fastPeriod: 10, slowPeriod: 3 }, { fastPeriod: 5, slowPeriod: 30 }] },
];

/** Where the output goes relative to the inputs. */
type Layout = 'apart' | 'alias-first' | 'alias-last' | 'overlap-below';

const GARBAGE = 12345.678;
const arena = new Arena();

/**
 * Runs `def` with the inputs laid out in one backing array of `total` cells, first input at cell
 * 1 (odd: 8-byte but not 16-byte aligned), each next one 3 cells after the previous ends, the
 * output after them (or over an input, per `layout`); returns the whole backing array.
 */
function runLaid(
  backing: Float64Array, def: IndicatorDef, params: Record<string, number>, src: Cols, from: number, n: number, layout: Layout,
): Float64Array {
  backing.fill(GARBAGE);
  const inputs = def.inputs.map((k, j) => {
    const v = backing.subarray(1 + j * (n + 3), 1 + j * (n + 3) + n);
    v.set(pick(src, k).subarray(from, from + n));
    return v;
  });
  const m = inputs.length;
  const out = layout === 'alias-first' ? inputs[0]!
    : layout === 'alias-last' ? inputs[m - 1]!
    : layout === 'overlap-below' ? backing.subarray(1 + (m - 1) * (n + 3) - 1, 1 + (m - 1) * (n + 3) - 1 + n)
    : backing.subarray(1 + m * (n + 3), 1 + m * (n + 3) + n);
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

const heapArrays: Float64Array[] = [];
afterAll(() => { for (const h of heapArrays) seriesHeap.free(h); });

/** The heap backing array for `total` cells (one per size, kept for the file). */
const heapBacking = new Map<number, Float64Array>();
function heapOf(total: number): Float64Array {
  let h = heapBacking.get(total);
  if (h === undefined) { h = seriesHeap.alloc(total); heapArrays.push(h); heapBacking.set(total, h); }
  return h;
}

function compare(def: IndicatorDef, params: Record<string, number>, src: Cols, from: number, n: number, layout: Layout): void {
  const total = 1 + (def.inputs.length + 1) * (n + 3);
  const js = runLaid(new Float64Array(total), def, params, src, from, n, layout);
  const heap = heapOf(total);
  expect(heapOffset(heap)).toBeGreaterThanOrEqual(0);
  const wasm = runLaid(heap, def, params, src, from, n, layout);
  const diff = firstDifference(js, wasm);
  expect(diff, `${def.name} ${JSON.stringify(params)} n=${n} from=${from} ${layout}`).toBeUndefined();
}

describe('wasm element-wise kernels on heap arrays equal the JavaScript kernels bit for bit', () => {
  for (const { name, params } of CASES) {
    it(name, () => {
      const def = getIndicator(name);
      for (const [, src] of datasets) {
        const len = src.close.length;
        for (const p of params) {
          const period = Math.max(0, def.lookback(resolveParams(def, p)));
          const lengths = [...new Set([0, 1, 2, 3, 4, 5, 17, 31, 32, 33, 34, 35, period - 1, period, period + 1, period + 2,
            MIN_BARS - 1, MIN_BARS, MIN_BARS + 1, 1001, 4099])].filter((x) => x >= 0);
          for (const n of lengths) {
            for (const from of [0, 7, len - n]) compare(def, p, src, from, n, 'apart');
          }
          // the whole series, and the output over an input (the very cells, or shifted by one)
          compare(def, p, src, 0, len, 'apart');
          for (const layout of ['alias-first', 'alias-last', 'overlap-below'] as const) {
            for (const n of [3, 33, 1001]) compare(def, p, src, 5, n, layout);
          }
        }
      }
    });
  }

  it('takes the wasm kernel for heap arrays of MIN_BARS bars and more, the JavaScript one otherwise', () => {
    const def = getIndicator('ADD');
    const [, src] = datasets[0]!;
    let before = heapKernelRuns();
    compare(def, {}, src, 0, MIN_BARS, 'apart');
    expect(heapKernelRuns()).toBe(before + 1);
    before = heapKernelRuns();
    compare(def, {}, src, 0, MIN_BARS - 1, 'apart');
    compare(def, {}, src, 0, 1000, 'overlap-below');
    expect(heapKernelRuns()).toBe(before);
    for (const name of ['MOM', 'TRANGE', 'ADOSC', 'ROC']) {
      // lagged or NaN-prefixed kernels leave an aliased output to JavaScript
      before = heapKernelRuns();
      compare(getIndicator(name), {}, src, 0, 1000, 'alias-first');
      expect(heapKernelRuns(), name).toBe(before);
    }
    before = heapKernelRuns();
    compare(getIndicator('AD'), {}, src, 0, 1000, 'alias-first');
    expect(heapKernelRuns()).toBe(before + 1);
  });

  it('with the wasm kernels turned off, heap arrays take the JavaScript kernels (same values)', () => {
    setHeapKernels(false);
    try {
      const before = heapKernelRuns();
      const [, src] = datasets[datasets.length - 1]!;
      for (const { name } of CASES) compare(getIndicator(name), {}, src, 3, 2001, 'apart');
      expect(heapKernelRuns()).toBe(before);
    } finally {
      setHeapKernels(true);
    }
  });
});
