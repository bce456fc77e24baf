import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_WASM, unsharedKernelsForTest, wasmHyperbolicForTest } from '../../../src/core/indicators/math/hyperbolic.js';
import { getIndicator, runIndicator, runIndicatorInto } from '../../../src/core/indicators/registry.js';
import { seriesHeap } from '../../../src/core/indicators/heap.js';
import { wasmAvailable } from '../../../src/core/indicators/wasm/load.js';
import { REPO_ROOT, shared } from '../../helpers/paths.js';

/*
 * wasm/hyperbolic.wat against V8's own Math.tanh / Math.sinh, bit for bit (Object.is: signed zeros
 * count, any NaN equals any NaN): the kernels must not change a single TANH or SINH output.
 */

/** Every close of the bundled Binance daily files, and of ../shared's freqtrade files when present. */
function realCloses(): Float64Array {
  const out: number[] = [];
  const dir = join(REPO_ROOT, 'data', 'binance-daily');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv')).sort()) {
    const lines = readFileSync(join(dir, f), 'utf8').trim().split('\n');
    const k = lines[0]!.split(',').indexOf('close');
    for (const l of lines.slice(1)) out.push(Number(l.split(',')[k]));
  }
  for (const name of ['ETH_BTC-5m.json', 'BTC_USDT-1h.json']) {
    const path = shared(`data/freqtrade/${name}`);
    if (existsSync(path)) for (const r of JSON.parse(readFileSync(path, 'utf8')) as number[][]) out.push(r[4]!);
  }
  return Float64Array.from(out);
}

let seed = 987654321;
const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };

/** Around every threshold of fdlibm's tanh, sinh, expm1 and exp: the boundary, its neighbours, both signs. */
function boundaries(): Float64Array {
  const F = new Float64Array(1);
  const B = new BigInt64Array(F.buffer);
  const near = (v: number, ulps: number): number => { F[0] = v; B[0] = B[0]! + BigInt(ulps); return F[0]!; };
  const edges = [
    2 ** -55, 2 ** -54, 2 ** -28, 2 ** -27, 0.5 * Math.LN2, 0.3465735912322998, 0.5 * 0.3465735912322998, 1.5 * Math.LN2,
    1.0397205352783203, 0.5 * 1.0397205352783203, 0.25, 0.5, 1, 2, 11, 22, 56 * Math.LN2, 28 * Math.LN2,
    20 * Math.LN2, 10 * Math.LN2, 19.5 * Math.LN2, 56.5 * Math.LN2, 28.25 * Math.LN2, 709.7822265625,
    709.782712893384, 710.4758600739439, 0.5 * 709.7822265625, 745.1332191019411,
  ];
  const out: number[] = [];
  for (const e of edges) {
    for (let u = -40; u <= 40; u++) { const v = near(e, u); out.push(v, -v); }
    for (let i = 0; i < 200; i++) { const v = e * (1 + (rnd() - 0.5) * 1e-3); out.push(v, -v); }
  }
  // k = (int)(invln2 x + 0.5) at each integer crossing of 2|x| / ln2 and |x| / ln2
  for (let k = -4; k <= 66; k++) {
    for (const v of [(k + 0.5) * Math.LN2 / 2, (k + 0.5) * Math.LN2]) for (let u = -3; u <= 3; u++) out.push(near(v, u), -near(v, u));
  }
  return Float64Array.from(out);
}

function specials(): Float64Array {
  const out = [NaN, -NaN, 0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1022, -(2 ** -1022),
    2 ** -1074 * 12345, Number.MAX_VALUE, -Number.MAX_VALUE, 1e307, -1e-310];
  for (let e = -1074; e <= 1023; e++) out.push(2 ** e, -(2 ** e));
  return Float64Array.from(out);
}

const uniform = (n: number, lo: number, hi: number): Float64Array => Float64Array.from({ length: n }, () => lo + (hi - lo) * rnd());

const inputs: Record<string, Float64Array> = {
  'real closes': realCloses(),
  'range boundaries': boundaries(),
  'specials and powers of two': specials(),
  'uniform [-40, 40]': uniform(200_001, -40, 40),
  'uniform [-750, 750]': uniform(100_001, -750, 750),
  'uniform [-2, 2]': uniform(100_001, -2, 2),
  // every second value from another range: the pairs whose lanes take different paths
  'alternating ranges': Float64Array.from({ length: 60_001 }, (_, i) => {
    const u = rnd();
    return [u * 2 ** -30, u, 1 + 21 * u, 22 + 700 * u, 710 + u, NaN][(i * 7 + Math.floor(rnd() * 3)) % 6]! * (rnd() < 0.5 ? -1 : 1);
  }),
};

const fns = { tanh: Math.tanh, sinh: Math.sinh } as const;

/** indexes where `got` is not Math's value, with the values (the first 10) */
function mismatches(name: keyof typeof fns, x: Float64Array, got: Float64Array): string[] {
  const bad: string[] = [];
  for (let i = 0; i < x.length && bad.length < 10; i++) {
    const want = fns[name](x[i]!);
    if (!Object.is(got[i], want) && !(Number.isNaN(got[i]) && Number.isNaN(want))) bad.push(`${name}(${x[i]}) = ${got[i]}, Math ${want}`);
  }
  return bad;
}

describe.skipIf(!wasmAvailable)('hyperbolic.wat: bit for bit Math.tanh and Math.sinh', () => {
  for (const name of ['tanh', 'sinh'] as const) {
    const loop = wasmHyperbolicForTest(name)!;
    for (const [label, x] of Object.entries(inputs)) {
      it(`${name}: ${label} (${x.length} values), plain arrays, in place, and series-heap arrays`, () => {
        expect(x.length).toBeGreaterThan(1000);
        const out = new Float64Array(x.length);
        loop(x, out);
        expect(mismatches(name, x, out)).toEqual([]);
        const inPlace = x.slice();
        loop(inPlace, inPlace);
        expect(mismatches(name, x, inPlace)).toEqual([]);
        // heap: apart, in place, and overlapping by 3 cells (the copying path)
        const hx = seriesHeap.alloc(x.length + 3);
        const hy = seriesHeap.alloc(x.length);
        const x0 = hx.subarray(0, x.length);
        x0.set(x);
        loop(x0, hy);
        expect(mismatches(name, x, hy)).toEqual([]);
        loop(x0, x0);
        expect(mismatches(name, x, x0)).toEqual([]);
        hx.subarray(3).set(x);
        loop(hx.subarray(3), hx.subarray(0, x.length));
        expect(mismatches(name, x, hx.subarray(0, x.length))).toEqual([]);
        seriesHeap.free(hx);
        seriesHeap.free(hy);
      });
    }
  }

  it('the module variant for an unshared memory gives the same results', () => {
    const u = unsharedKernelsForTest()!;
    expect(u.mem.buffer).toBeInstanceOf(ArrayBuffer);
    for (const name of ['tanh', 'sinh'] as const) {
      const x = inputs['uniform [-40, 40]']!.subarray(0, 4001);
      const view = new Float64Array(u.mem.buffer, 0, x.length);
      view.set(x);
      u.kernels[name](0, 8 * x.length, 0);
      expect(mismatches(name, x, view)).toEqual([]);
    }
  });
});

describe('TANH and SINH through the registry', () => {
  for (const [ind, name] of [['TANH', 'tanh'], ['SINH', 'sinh']] as const) {
    it(`${ind}: compute and computeInto (plain and heap arrays, odd lengths and offsets, below and above ${MIN_WASM} values)`, () => {
      const def = getIndicator(ind);
      const all = Float64Array.from([...inputs['alternating ranges']!.subarray(0, 5000), ...inputs['real closes']!.subarray(0, 5000)]);
      for (const [from, n] of [[0, 1], [1, 7], [3, MIN_WASM - 1], [5, MIN_WASM], [2, MIN_WASM + 1], [11, 999], [0, all.length], [1, all.length - 1]] as const) {
        const x = all.subarray(from, from + n);
        const [out] = def.compute([x], {});
        expect(mismatches(name, x, out!)).toEqual([]);
        const [viaRun] = runIndicator(ind, [x]).outputs;
        expect(mismatches(name, x, viaRun!)).toEqual([]);
        const into = new Float64Array(n).fill(12345);
        runIndicatorInto(ind, [x], undefined, [into]);
        expect(mismatches(name, x, into)).toEqual([]);
        const hx = seriesHeap.alloc(n + 1);
        const hy = seriesHeap.alloc(n + 1);
        hx.subarray(1).set(x);
        hy.fill(12345);
        runIndicatorInto(ind, [hx.subarray(1, n + 1)], undefined, [hy.subarray(1, n + 1)]);
        expect(mismatches(name, x, hy.subarray(1, n + 1))).toEqual([]);
        seriesHeap.free(hx);
        seriesHeap.free(hy);
      }
    });
  }
});
