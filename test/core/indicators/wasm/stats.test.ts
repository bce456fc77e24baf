/**
 * The kernels of wasm/stats.wat (BETA, STDDEV, KAMA, ULTOSC, STOCH, STOCHF) against the JavaScript
 * kernels they stand in for, bit for bit (Object.is on every cell), on long series of real candles
 * in the series heap: the bundled Binance daily candles of 2017-2024, symbols one after another
 * (~154k bars, the shape of the bench's 1M-bar series), at the registry's default parameters (the
 * ones the STOCH kernels take) and a few others, lengths of both parities (the kernels take two bars
 * per turn and an odd last bar alone). wasm-fuzz.test.ts covers perturbed data, layouts and aliasing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Arena } from '../../../../src/core/indicators/arena.js';
import { heapOffset, seriesHeap } from '../../../../src/core/indicators/heap.js';
import { computeInto, getIndicator, resolveParams } from '../../../../src/core/indicators/registry.js';
import { setStatsWasm, statsWasmDone } from '../../../../src/core/indicators/wasm/stats.js';
import { REPO_ROOT } from '../../../helpers/paths.js';

type Col = 'open' | 'high' | 'low' | 'close';
const COLS: readonly Col[] = ['open', 'high', 'low', 'close'];

function candles(): Record<Col, Float64Array> {
  const dir = join(REPO_ROOT, 'data', 'binance-daily');
  const rows: number[][] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv')).sort()) {
    const lines = readFileSync(join(dir, f), 'utf8').trim().split('\n');
    const hdr = lines[0]!.split(',');
    const ix = COLS.map((k) => hdr.indexOf(k));
    for (const l of lines.slice(1)) { const c = l.split(','); rows.push(ix.map((k) => Number(c[k]))); }
  }
  const out = {} as Record<Col, Float64Array>;
  COLS.forEach((k, j) => { out[k] = Float64Array.from(rows, (r) => r[j]!); });
  return out;
}

const DATA = candles();
const arena = new Arena();
const held: Float64Array[] = [];
const heap = (src: Float64Array, n: number): Float64Array => {
  const a = seriesHeap.alloc(n);
  a.set(src.subarray(0, n));
  held.push(a);
  return a;
};
afterAll(() => { for (const a of held) seriesHeap.free(a); });

const CASES: [string, Record<string, number>][] = [
  ['BETA', {}], ['BETA', { timePeriod: 1 }], ['BETA', { timePeriod: 30 }],
  ['STDDEV', {}], ['STDDEV', { timePeriod: 2, nbDev: -1.5 }], ['STDDEV', { timePeriod: 20, nbDev: 2 }],
  ['KAMA', {}], ['KAMA', { timePeriod: 2 }], ['KAMA', { timePeriod: 10 }],
  ['ULTOSC', {}], ['ULTOSC', { timePeriod1: 1, timePeriod2: 1, timePeriod3: 1 }], ['ULTOSC', { timePeriod1: 28, timePeriod2: 3, timePeriod3: 9 }],
  ['STOCH', {}],
  ['STOCHF', {}], ['STOCHF', { fastD_Period: 2 }], ['STOCHF', { fastD_Period: 14 }],
];

describe('stats.wat kernels equal the JavaScript kernels on real candles in the series heap', () => {
  for (const [name, ps] of CASES) {
    it(`${name} ${JSON.stringify(ps)}`, () => {
      const def = getIndicator(name);
      const params = resolveParams(def, ps);
      for (const n of [DATA.close.length, DATA.close.length - 1, 257]) {
        const pick = (k: string): Float64Array => DATA[(k === 'real' || k === 'real0' ? 'close' : k === 'real1' ? 'open' : k) as Col];
        const ins = def.inputs.map((k) => heap(pick(k), n));
        expect(ins.every((a) => heapOffset(a) >= 0)).toBe(true);
        const outW = def.outputs.map(() => heap(new Float64Array(n), n));
        const outJ = def.outputs.map(() => heap(new Float64Array(n), n));
        const done = statsWasmDone();
        computeInto(def, ins, params, outW, arena);
        expect(statsWasmDone(), 'the kernel ran to the end').toBe(done + 1);
        setStatsWasm(false);
        try { computeInto(def, ins, params, outJ, arena); } finally { setStatsWasm(true); }
        for (let k = 0; k < outW.length; k++) {
          let bad = -1;
          for (let i = 0; i < n && bad < 0; i++) if (!Object.is(outW[k]![i], outJ[k]![i])) bad = i;
          expect(bad, `${name} n=${n} output ${k} first difference at ${bad}: wasm ${outW[k]![bad]} vs JS ${outJ[k]![bad]}`).toBe(-1);
        }
      }
    });
  }
});
