/**
 * SAR and SAREXT's wasm loop (wasm/sar.ts) against their JavaScript loop (overlap/sar.ts), bit for
 * bit (Object.is on every cell): series-heap arrays take the wasm loop, ordinary arrays (and heap
 * arrays with the kernel switched off) the JavaScript one. Real candles: the bundled Binance daily
 * files of 2022-2023, all symbols one after another.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { heapOffset, seriesHeap } from '../../../src/core/indicators/heap.js';
import { sar, sarext, type SarExtOptions } from '../../../src/core/indicators/overlap/sar.js';
import { runIndicator, runIndicatorInto } from '../../../src/core/indicators/registry.js';
import { SAR_WASM_MIN_BARS, sarWasmRuns, setSarWasm } from '../../../src/core/indicators/wasm/sar.js';
import { mulberry32 } from '../../../src/core/ml/gbdt/rng.js';
import { REPO_ROOT } from '../../helpers/paths.js';

function candles(): { high: Float64Array; low: Float64Array } {
  const high: number[] = [], low: number[] = [];
  for (const year of [2022, 2023]) {
    const lines = readFileSync(join(REPO_ROOT, 'data', 'binance-daily', `binance_daily_ohlcv_${year}.csv`), 'utf8').trim().split('\n');
    const hdr = lines[0]!.split(',');
    const h = hdr.indexOf('high'), l = hdr.indexOf('low');
    for (const line of lines.slice(1)) { const c = line.split(','); high.push(Number(c[h])); low.push(Number(c[l])); }
  }
  return { high: Float64Array.from(high), low: Float64Array.from(low) };
}
const DATA = candles();

const ext = (o: Partial<SarExtOptions> = {}): SarExtOptions => ({
  startValue: 0, offsetOnReverse: 0, accelerationInitLong: 0.02, accelerationLong: 0.02, accelerationMaxLong: 0.2,
  accelerationInitShort: 0.02, accelerationShort: 0.02, accelerationMaxShort: 0.2, ...o,
});
/** Parameter sets: defaults, other steps and caps, caps below the steps (TA-Lib caps them), zeros, SAREXT's start and offset. */
const SAR_PARAMS: [number, number][] = [[0.02, 0.2], [0.05, 0.5], [0.1, 0.05], [0, 0], [0.3, 1], [1e-9, 3]];
const EXT_PARAMS: SarExtOptions[] = [
  ext(), ext({ startValue: 1 }), ext({ startValue: -1 }), ext({ startValue: 25000 }), ext({ startValue: -25000 }),
  ext({ offsetOnReverse: 0.01 }), ext({ offsetOnReverse: 0.5, startValue: -3 }),
  ext({ accelerationInitLong: 0.05, accelerationLong: 0.01, accelerationMaxLong: 0.3, accelerationInitShort: 0.1, accelerationShort: 0.04, accelerationMaxShort: 0.12 }),
  ext({ accelerationInitLong: 0.5, accelerationLong: 0.4, accelerationMaxLong: 0.1, accelerationInitShort: 0, accelerationShort: 0.3, accelerationMaxShort: 0.05 }),
];

type Run = (high: Float64Array, low: Float64Array, into: Float64Array) => void;
const RUNS: [string, Run][] = [
  ...SAR_PARAMS.map(([a, m]): [string, Run] => [`SAR ${a}/${m}`, (h, l, o) => { sar(h, l, a, m, o); }]),
  ...EXT_PARAMS.map((o): [string, Run] => [`SAREXT ${JSON.stringify(o)}`, (h, l, into) => { sarext(h, l, o, into); }]),
];

function diff(want: Float64Array, got: Float64Array): string | undefined {
  if (want.length !== got.length) return `lengths ${want.length} vs ${got.length}`;
  for (let i = 0; i < want.length; i++) if (!Object.is(want[i], got[i])) return `cell ${i}: JS ${want[i]} vs wasm ${got[i]}`;
  return undefined;
}

const heapCopy = (x: Float64Array): Float64Array => {
  const a = seriesHeap.alloc(x.length);
  a.set(x);
  return a;
};

/** n bars of the candles from `from`, a fraction `rate` of the cells replaced by specials. */
function series(r: () => number, n: number, rate: number): { high: Float64Array; low: Float64Array } {
  const specials = [NaN, Infinity, -Infinity, 0, -0, 5e-324, -1, 1e300];
  const from = Math.floor(r() * (DATA.high.length - n));
  const high = DATA.high.slice(from, from + n), low = DATA.low.slice(from, from + n);
  for (const a of [high, low]) for (let i = 0; i < n; i++) if (r() < rate) a[i] = specials[Math.floor(r() * specials.length)]!;
  return { high, low };
}

afterEach(() => { setSarWasm(true); });

describe('SAR and SAREXT on series-heap arrays (wasm) equal the JavaScript loop', () => {
  it('on the real candles, every parameter set, with garbage in the outputs beforehand', () => {
    const h = heapCopy(DATA.high), l = heapCopy(DATA.low), o = seriesHeap.alloc(DATA.high.length);
    try {
      expect(heapOffset(h)).toBeGreaterThanOrEqual(0);
      for (const [label, run] of RUNS) {
        const want = new Float64Array(DATA.high.length).fill(7.5);
        run(DATA.high, DATA.low, want);
        o.fill(-3.25);
        const runs0 = sarWasmRuns();
        run(h, l, o);
        expect(sarWasmRuns() - runs0, label).toBe(1);
        expect(diff(want, o), label).toBeUndefined();
      }
    } finally { seriesHeap.free(h); seriesHeap.free(l); seriesHeap.free(o); }
  });

  it('through the registry, and against the JavaScript loop on the same heap arrays', () => {
    const n = 20_000;
    const h = heapCopy(DATA.high.subarray(0, n)), l = heapCopy(DATA.low.subarray(0, n));
    const o1 = seriesHeap.alloc(n), o2 = seriesHeap.alloc(n);
    try {
      for (const name of ['SAR', 'SAREXT']) {
        const want = runIndicator(name, [DATA.high.subarray(0, n), DATA.low.subarray(0, n)], {}).outputs[0]!;
        runIndicatorInto(name, [h, l], {}, [o1]);
        setSarWasm(false);
        const runs0 = sarWasmRuns();
        runIndicatorInto(name, [h, l], {}, [o2]);
        expect(sarWasmRuns()).toBe(runs0);
        setSarWasm(true);
        expect(diff(want, o1), name).toBeUndefined();
        expect(diff(want, o2), name).toBeUndefined();
      }
    } finally { for (const x of [h, l, o1, o2]) seriesHeap.free(x); }
  });

  it('on short series and around the threshold, and with NaN, infinities, signed zeros and subnormals in the inputs', () => {
    const r = mulberry32(0x5a2);
    const lengths = [0, 1, 2, 3, 4, SAR_WASM_MIN_BARS - 1, SAR_WASM_MIN_BARS, SAR_WASM_MIN_BARS + 1, 300, 1000, 4097];
    for (const n of lengths) {
      for (const rate of [0, 0.001, 0.02, 0.3]) {
        const { high, low } = series(r, n, rate);
        const h = heapCopy(high), l = heapCopy(low), o = seriesHeap.alloc(n);
        try {
          for (const [label, run] of RUNS) {
            const want = new Float64Array(n).fill(7.5);
            run(high, low, want);
            o.fill(-3.25);
            run(h, l, o);
            expect(diff(want, o), `${label} n=${n} rate=${rate}`).toBeUndefined();
          }
        } finally { seriesHeap.free(h); seriesHeap.free(l); seriesHeap.free(o); }
      }
    }
  });

  it('with inputs of which only some are in the heap, or a low shorter than high (the JavaScript loop runs)', () => {
    const n = 1000;
    const high = DATA.high.slice(0, n), low = DATA.low.slice(0, n);
    const h = heapCopy(high), l = heapCopy(low), o = seriesHeap.alloc(n), lShort = heapCopy(low.subarray(0, n - 5));
    try {
      for (const [label, run] of RUNS) {
        const want = new Float64Array(n);
        run(high, low, want);
        const runs0 = sarWasmRuns();
        for (const [hh, ll, oo] of [[h, low, o], [high, l, o], [h, l, new Float64Array(n)]] as const) {
          oo.fill(1);
          run(hh, ll, oo);
          expect(diff(want, oo), label).toBeUndefined();
        }
        const wantShort = new Float64Array(n);
        run(high, low.subarray(0, n - 5), wantShort);
        o.fill(1);
        run(h, lShort, o);
        expect(diff(wantShort, o), `${label} short low`).toBeUndefined();
        expect(sarWasmRuns(), label).toBe(runs0);
      }
    } finally { for (const x of [h, l, o, lShort]) seriesHeap.free(x); }
  });
});

describe('SAR and SAREXT with the output over an input (wasm reads each bar before it writes it, as JavaScript)', () => {
  it('the very cells of high or low, and the cells shifted by -3..3, in the heap and in ordinary arrays', () => {
    const n = 3000;
    const high = DATA.high.slice(5000, 5000 + n), low = DATA.low.slice(5000, 5000 + n);
    for (const [label, run] of RUNS) {
      for (const target of ['high', 'low'] as const) {
        for (const shift of [0, -3, -1, 1, 2, 3]) {
          // high at 3, low at n + 10, the output over `target` shifted by `shift`; the reference in an ordinary array
          const size = 2 * n + 20;
          const lay = (b: Float64Array) => {
            b.fill(-1.5);
            b.set(high, 3); b.set(low, n + 10);
            const at = (target === 'high' ? 3 : n + 10) + shift;
            return { h: b.subarray(3, 3 + n), l: b.subarray(n + 10, n + 10 + n), o: b.subarray(at, at + n) };
          };
          const ref = new Float64Array(size);
          const a = lay(ref);
          run(a.h, a.l, a.o);
          const heap = seriesHeap.alloc(size);
          try {
            const w = lay(heap);
            const runs0 = sarWasmRuns();
            run(w.h, w.l, w.o);
            expect(sarWasmRuns() - runs0).toBe(1);
            expect(diff(ref, heap), `${label} over ${target} shift ${shift}`).toBeUndefined();
          } finally { seriesHeap.free(heap); }
        }
      }
    }
  });
});
