/**
 * Outputs that share memory with inputs, three cases the wasm fuzz review (wasm-fuzz.test.ts) found
 * wrong: each result is compared with the same call computed apart, on a copy, by the JavaScript
 * kernels. Real closes: the bundled Binance BTC/USDT daily series, repeated to a long series.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heapMemory, heapOffset, seriesHeap } from '../../../src/core/indicators/heap.js';
import { expInto, logInto } from '../../../src/core/indicators/math/libm.js';
import { getIndicator, runIndicator, runIndicatorInto } from '../../../src/core/indicators/registry.js';
import { setExtremesWasm } from '../../../src/core/indicators/wasm/extremes.js';
import { setCandleKernels } from '../../../src/core/indicators/wasm/candles.js';
import { setSarWasm } from '../../../src/core/indicators/wasm/sar.js';
import { setStatsWasm } from '../../../src/core/indicators/wasm/stats.js';
import { setT3Wasm } from '../../../src/core/indicators/wasm/t3.js';
import { REPO_ROOT } from '../../helpers/paths.js';

function btcCloses(n: number): Float64Array {
  const lines = readFileSync(join(REPO_ROOT, 'data', 'binance-daily', 'binance_daily_ohlcv_2023.csv'), 'utf8').trim().split('\n');
  const hdr = lines[0]!.split(',');
  const sym = hdr.indexOf('symbol'), close = hdr.indexOf('close');
  const xs = lines.slice(1).map((l) => l.split(',')).filter((c) => c[sym] === 'BTCUSDT' || c[sym] === 'BTC/USDT').map((c) => Number(c[close]));
  expect(xs.length).toBeGreaterThan(300);
  return Float64Array.from({ length: n }, (_, i) => xs[i % xs.length]!);
}

const same = (a: Float64Array, b: Float64Array) => {
  expect(a.length).toBe(b.length);
  let bad = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) bad++;
  return bad;
};

describe('an output that is its own input', () => {
  // prime.ts runs a definition three times over the first bars on its first long call; it used
  // to write those runs into the caller's outputs, compounding an input that is also the output.
  // Functions without a warm-up, each cell from its own bar, are the ones that can run in place.
  it('is computed once on the first long call of a definition (priming writes elsewhere)', () => {
    const closes = btcCloses(3000).map((v) => v / 100_000);
    for (const name of ['EXP', 'SQRT', 'LN', 'TANH']) {
      const x = closes.slice();
      runIndicatorInto(name, [x], {}, [x]);
      const want = runIndicator(name, [closes], {}).outputs[0]!;
      expect(same(x, want), name).toBe(0);
    }
    const a = closes.slice(0, 2048), b = closes.slice(0, 2048).reverse();
    const want = runIndicator('ADD', [a, b], {}).outputs[0]!;
    runIndicatorInto('ADD', [a, b], {}, [a]);
    expect(same(a, want)).toBe(0);
  });
});

describe('an output over part of its input', () => {
  // The JavaScript loop (as TA-Lib C's) reads cells it has already written when the output starts
  // after the input; the wasm libm loops copied the input first.
  for (const onHeap of [false, true]) {
    it(`LN, EXP and TANH read what they wrote, as the JavaScript loop does (${onHeap ? 'series heap' : 'ordinary arrays'})`, () => {
      for (const n of [5, 300, 5000]) {
        for (const shift of [1, 3]) {
          const tanhLoop = (x: Float64Array, o: Float64Array) => { for (let i = 0; i < x.length; i++) o[i] = Math.tanh(x[i]!); };
          for (const [name, ref] of [['LN', logInto], ['EXP', expInto], ['TANH', tanhLoop]] as const) {
            const src = btcCloses(n + shift).map((v) => (name === 'LN' ? v : v / 1e5));
            const buf = onHeap ? seriesHeap.alloc(n + shift) : new Float64Array(n + shift);
            buf.set(src);
            if (onHeap) expect(heapOffset(buf)).toBeGreaterThanOrEqual(0);
            runIndicatorInto(name, [buf.subarray(0, n)], {}, [buf.subarray(shift, n + shift)]);
            const want = src.slice();
            ref(want.subarray(0, n), want.subarray(shift, n + shift));
            expect(same(buf, want), `${name} n=${n} shift=${shift}`).toBe(0);
            if (onHeap) seriesHeap.free(buf);
          }
        }
      }
    });
  }
});

describe('a heap view made after a grow', () => {
  // Two views of the same heap cells can hold different SharedArrayBuffer objects (before and after
  // a grow): the extremes kernels must still see them as the same memory and leave the call to JS.
  it('over its input gives the JavaScript kernel\'s result (MAXINDEX, MINMAXINDEX)', () => {
    expect(heapMemory()).toBeDefined();
    for (const name of ['MAXINDEX', 'MINMAXINDEX']) {
      const src = btcCloses(512);
      const x = seriesHeap.alloc(512);
      x.set(src);
      const cap = seriesHeap.stats().capacity;
      const filler = seriesHeap.alloc(cap / 8); // forces a grow: the memory's buffer is a new object
      const y = new Float64Array(heapMemory()!.buffer, x.byteOffset, 512);
      expect(y.buffer).not.toBe(x.buffer);
      const outs = name === 'MINMAXINDEX' ? [y, new Float64Array(512)] : [y];
      runIndicatorInto(name, [x], { timePeriod: 2 }, outs);
      setExtremesWasm(false);
      const ref = src.slice();
      const refOuts = name === 'MINMAXINDEX' ? [ref, new Float64Array(512)] : [ref];
      runIndicatorInto(name, [ref], { timePeriod: 2 }, refOuts);
      setExtremesWasm(true);
      expect(same(y, ref), name).toBe(0);
      seriesHeap.free(filler);
      seriesHeap.free(x);
    }
  });
});

describe('the wasm kernels of stats.wat, sar.wat, candles.wat and t3.wat with an output over an input', () => {
  // stats.wat and candles.wat leave such a call to the JavaScript kernel (theirs read inputs again
  // behind the bar they write); sar.wat runs it, reading each bar before writing it as the
  // JavaScript loop does; t3.wat runs it on the input's own cells only (it stores bar s - 5 after
  // loading bar s). Either way the cells must be the JavaScript kernel's on the same layout
  // in an ordinary array: inputs one after another, output 0 over input k shifted by d cells.
  const names = ['BETA', 'STDDEV', 'KAMA', 'ULTOSC', 'STOCH', 'STOCHF', 'SAR', 'SAREXT', 'CDLDOJI', 'CDLRICKSHAWMAN', 'CDLTASUKIGAP', 'CDLCONCEALBABYSWALL', 'CDLHIKKAKE',
    'CDLMORNINGSTAR', 'CDLEVENINGSTAR', 'CDLMORNINGDOJISTAR', 'CDLEVENINGDOJISTAR',
    'CDLDRAGONFLYDOJI', 'CDLGRAVESTONEDOJI', 'CDLTAKURI', 'CDLLONGLEGGEDDOJI', 'CDLADVANCEBLOCK', 'CDL3WHITESOLDIERS', 'CDLLADDERBOTTOM', 'CDL3BLACKCROWS', 'T3'];
  const wasmOff = (off: boolean) => { setStatsWasm(!off); setSarWasm(!off); setCandleKernels(!off); setT3Wasm(!off); };
  it('equal the JavaScript kernel on the same layout in an ordinary array, the output over each input and shifted -3..3', () => {
    const n = 600;
    const close = btcCloses(n);
    // bars from the closes: open the previous close, high and low around both
    const cols: Record<string, Float64Array> = {
      close, open: close.map((_, i) => close[i === 0 ? 0 : i - 1]!),
      high: close.map((v, i) => Math.max(v, close[i === 0 ? 0 : i - 1]!) * 1.01), low: close.map((v, i) => Math.min(v, close[i === 0 ? 0 : i - 1]!) * 0.99),
    };
    const col = (k: string) => (k === 'real' || k === 'real0' ? cols['close']! : k === 'real1' ? cols['open']! : cols[k]!);
    for (const name of names) {
      const def = getIndicator(name);
      const nin = def.inputs.length, nout = def.outputs.length;
      for (let k = 0; k < nin; k++) {
        for (const d of [-3, -2, -1, 0, 1, 2, 3]) {
          const size = (nin + nout) * (n + 4) + 8;
          const inAt = (j: number) => 4 + j * (n + 4);
          const outAt = (j: number) => (j === 0 ? inAt(k) + d : inAt(nin + j));
          const lay = (b: Float64Array) => {
            for (let i = 0; i < b.length; i++) b[i] = -7.5 - i;
            const ins = def.inputs.map((key, j) => { const v = b.subarray(inAt(j), inAt(j) + n); v.set(col(key)); return v; });
            const outs = def.outputs.map((_, j) => b.subarray(outAt(j), outAt(j) + n));
            return { ins, outs };
          };
          const ref = new Float64Array(size);
          const r = lay(ref);
          wasmOff(true);
          try { runIndicatorInto(name, r.ins, {}, r.outs); } finally { wasmOff(false); }
          const buf = seriesHeap.alloc(size);
          expect(heapOffset(buf)).toBeGreaterThanOrEqual(0);
          const w = lay(buf);
          runIndicatorInto(name, w.ins, {}, w.outs);
          expect(same(buf, ref), `${name} output over input ${k} shifted ${d}`).toBe(0);
          seriesHeap.free(buf);
        }
      }
    }
  });
});
