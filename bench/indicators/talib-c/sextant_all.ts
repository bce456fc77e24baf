/**
 * Times every Sextant indicator named in a list through its registry, default parameters, on the
 * candles written by make_data.mjs (the Sextant side of talib_all.c; same inputs, same 2 warm-up +
 * 7 timed calls, same median). Adapted from the issue 18 harness (shared/bench/talib-c).
 *
 *   node --expose-gc --import tsx bench/indicators/talib-c/sextant_all.ts data.bin N names.txt default|reuse|reuse-js [runs] [warmup] > out.ndjson
 *   node --import tsx bench/indicators/talib-c/sextant_all.ts --names     (the 161 TA-Lib names: all but "Sextant Extras")
 *
 * default: `runIndicator` as the API, CLI and services call it — fresh, NaN-prefixed output arrays
 *          per call (their allocation is timed), temporaries from the shared scratch arena.
 * reuse:   `computeInto` into outputs allocated once per function and one Arena for temporaries —
 *          TA-Lib's preallocated model, the counterpart of talib_all.c `prealloc`. Inputs and outputs
 *          are allocated with Sextant's allocator, the series heap (src/core/indicators/heap.ts), as
 *          talib_all.c mallocs its own: the element-wise functions then run their wasm kernels.
 * reuse-js: the same with ordinary Float64Arrays (as `reuse` was before the series heap): every
 *          function on its JavaScript kernel.
 * floor:   not Sextant's code: the engine floor (run.ts prints it beside talib_all.c `floor`). The plain
 *          loop out[i] = high[i] op low[i] for op = + - * written as the C one (`plain`), and the best
 *          plain-JS form found for it on node 20 (`unroll16`: 16 elements per iteration, the form
 *          math/operators.ts uses), same timing as the functions. What is left between `unroll16` and C
 *          is V8's per-access work in any JS loop (see README "### Indicators"), not Sextant's.
 * Between timed calls: default drops the previous result, forces a GC and pauses 5 ms (untimed), so
 * one call's garbage is not collected inside the next call's figure. reuse and floor allocate
 * nothing per call, so they take one such GC and pause before their warm-up calls and then run
 * warm-up and timed calls back to back, exactly as talib_all.c does: a GC and a pause before every
 * call cost the next call its warm caches (MOM, ADD, MEDPRICE ~1.1-1.2 ms back to back vs ~2.1-2.9
 * ms after gc + pause, --clock=cpu, load 9-10), a cost the C side never paid; and a GC between the
 * warm-up and the first timed call still cost that call (and less the next) the series it had
 * cached: ADD's three 8 MB series fit in the 32 MiB L3, and with heap arrays ADD took 0.37-0.45 ms
 * back to back but 0.78 ms on the call after a gc().
 * Input mapping as in talib_all.c: OHLCV by name, real -> close, real0 -> high, real1 -> low, periods -> periods.
 * Per function: median/all times, lookback, first non-NaN index, params, and per output the last
 * value, sum and sum|x| over [lookback, N) and values at the harness's 16 absolute indices.
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Arena } from '../../../src/core/indicators/arena.js';
import { seriesHeap } from '../../../src/core/indicators/heap.js';
import { computeInto, getIndicator, listIndicators, resolveParams, runIndicator } from '../../../src/core/indicators/registry.js';

if (process.argv[2] === '--names') {
  for (const d of listIndicators()) if (d.group !== 'Sextant Extras') console.log(d.name);
  process.exit(0);
}

const [file, nStr, namesFile, mode, runsStr, warmStr] = process.argv.slice(2);
if (mode !== 'default' && mode !== 'reuse' && mode !== 'reuse-js' && mode !== 'floor') throw new Error('mode: default | reuse | reuse-js | floor');
const N = +(nStr ?? 1_000_000);
const RUNS = +(runsStr ?? 7);
const WARM = +(warmStr ?? 2);
const NSAMP = 16;

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

const pause = new Int32Array(new SharedArrayBuffer(4));
const settle = () => { Atomics.wait(pause, 0, 0, 5); };

const raw = readFileSync(file!);
const all = new Float64Array(raw.buffer, raw.byteOffset, 6 * N);
// own buffer per series; in `reuse` mode an array of the series heap
const col = (k: number) => {
  if (mode !== 'reuse') return all.slice(k * N, (k + 1) * N);
  const a = seriesHeap.alloc(N);
  a.set(all.subarray(k * N, (k + 1) * N));
  return a;
};
const d = { open: col(0), high: col(1), low: col(2), close: col(3), volume: col(4), periods: col(5) };
const pick: Record<string, Float64Array> = {
  open: d.open, high: d.high, low: d.low, close: d.close, volume: d.volume,
  real: d.close, real0: d.high, real1: d.low, periods: d.periods,
};

const floorLoops: Record<string, Record<string, (a: Float64Array, b: Float64Array, o: Float64Array) => void>> = {
  plain: {
    ADD(a, b, o) { const n = a.length; for (let i = 0; i < n; i++) o[i] = a[i]! + b[i]!; },
    SUB(a, b, o) { const n = a.length; for (let i = 0; i < n; i++) o[i] = a[i]! - b[i]!; },
    MULT(a, b, o) { const n = a.length; for (let i = 0; i < n; i++) o[i] = a[i]! * b[i]!; },
  },
  unroll16: {
    ADD(a, b, o) {
      const n = a.length; let i = 0;
      for (; i < n - 15; i += 16) {
        o[i] = a[i]! + b[i]!; o[i + 1] = a[i + 1]! + b[i + 1]!; o[i + 2] = a[i + 2]! + b[i + 2]!; o[i + 3] = a[i + 3]! + b[i + 3]!;
        o[i + 4] = a[i + 4]! + b[i + 4]!; o[i + 5] = a[i + 5]! + b[i + 5]!; o[i + 6] = a[i + 6]! + b[i + 6]!; o[i + 7] = a[i + 7]! + b[i + 7]!;
        o[i + 8] = a[i + 8]! + b[i + 8]!; o[i + 9] = a[i + 9]! + b[i + 9]!; o[i + 10] = a[i + 10]! + b[i + 10]!; o[i + 11] = a[i + 11]! + b[i + 11]!;
        o[i + 12] = a[i + 12]! + b[i + 12]!; o[i + 13] = a[i + 13]! + b[i + 13]!; o[i + 14] = a[i + 14]! + b[i + 14]!; o[i + 15] = a[i + 15]! + b[i + 15]!;
      }
      for (; i < n; i++) o[i] = a[i]! + b[i]!;
    },
    SUB(a, b, o) {
      const n = a.length; let i = 0;
      for (; i < n - 15; i += 16) {
        o[i] = a[i]! - b[i]!; o[i + 1] = a[i + 1]! - b[i + 1]!; o[i + 2] = a[i + 2]! - b[i + 2]!; o[i + 3] = a[i + 3]! - b[i + 3]!;
        o[i + 4] = a[i + 4]! - b[i + 4]!; o[i + 5] = a[i + 5]! - b[i + 5]!; o[i + 6] = a[i + 6]! - b[i + 6]!; o[i + 7] = a[i + 7]! - b[i + 7]!;
        o[i + 8] = a[i + 8]! - b[i + 8]!; o[i + 9] = a[i + 9]! - b[i + 9]!; o[i + 10] = a[i + 10]! - b[i + 10]!; o[i + 11] = a[i + 11]! - b[i + 11]!;
        o[i + 12] = a[i + 12]! - b[i + 12]!; o[i + 13] = a[i + 13]! - b[i + 13]!; o[i + 14] = a[i + 14]! - b[i + 14]!; o[i + 15] = a[i + 15]! - b[i + 15]!;
      }
      for (; i < n; i++) o[i] = a[i]! - b[i]!;
    },
    MULT(a, b, o) {
      const n = a.length; let i = 0;
      for (; i < n - 15; i += 16) {
        o[i] = a[i]! * b[i]!; o[i + 1] = a[i + 1]! * b[i + 1]!; o[i + 2] = a[i + 2]! * b[i + 2]!; o[i + 3] = a[i + 3]! * b[i + 3]!;
        o[i + 4] = a[i + 4]! * b[i + 4]!; o[i + 5] = a[i + 5]! * b[i + 5]!; o[i + 6] = a[i + 6]! * b[i + 6]!; o[i + 7] = a[i + 7]! * b[i + 7]!;
        o[i + 8] = a[i + 8]! * b[i + 8]!; o[i + 9] = a[i + 9]! * b[i + 9]!; o[i + 10] = a[i + 10]! * b[i + 10]!; o[i + 11] = a[i + 11]! * b[i + 11]!;
        o[i + 12] = a[i + 12]! * b[i + 12]!; o[i + 13] = a[i + 13]! * b[i + 13]!; o[i + 14] = a[i + 14]! * b[i + 14]!; o[i + 15] = a[i + 15]! * b[i + 15]!;
      }
      for (; i < n; i++) o[i] = a[i]! * b[i]!;
    },
  },
};

const names = mode === 'floor' ? [] : readFileSync(namesFile!, 'utf8').split(/\s+/).filter(Boolean);
// BENCH_CLOCK=cpu: process CPU time (user + system, all threads: GC included), as the C side's
// CLOCK_PROCESS_CPUTIME_ID; else wall time.
const now: () => number = process.env['BENCH_CLOCK'] === 'cpu'
  ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }
  : () => performance.now();
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const num = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v);

if (mode === 'floor') {
  const o = new Float64Array(N);
  for (const [loop, fns] of Object.entries(floorLoops)) {
    for (const [name, fn] of Object.entries(fns)) {
      gc();
      settle();
      for (let w = 0; w < WARM; w++) fn(d.high, d.low, o);
      const times: number[] = [];
      for (let k = 0; k < RUNS; k++) {
        const t0 = now();
        fn(d.high, d.low, o);
        times.push(now() - t0);
      }
      process.stdout.write(JSON.stringify({ name, loop, ms: median(times), times, last: num(o[N - 1]!) }) + '\n');
    }
  }
  process.exit(0);
}

process.stderr.write(`Sextant registry (${mode}), node ${process.version}, N=${N}, runs=${RUNS}, warmup=${WARM}, ${names.length} functions\n`);
const arena = new Arena();
let sink = 0;
for (const name of names) {
  const def = getIndicator(name);
  const inputs = def.inputs.map((k) => pick[k]!);
  const params = resolveParams(def, {});
  const call: () => Float64Array[] = mode === 'default'
    ? () => runIndicator(name, inputs, {}).outputs
    : (() => {
      const outs = def.outputs.map(() => (mode === 'reuse' ? seriesHeap.alloc(N) : new Float64Array(N)));
      return () => { computeInto(def, inputs, params, outs, arena); return outs; };
    })();
  let r: Float64Array[] | null = null;
  // Let the GC's concurrent tail (sweeper/unmapper threads) finish untimed: with --clock=cpu
  // their CPU time would otherwise land in the call's figure (~1 ms of ADD's ~3 ms at load 7).
  if (mode !== 'default') { gc(); settle(); }
  for (let w = 0; w < WARM; w++) { r = call(); sink += r.length; }
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    if (mode === 'default') {
      // Drop the previous result before the GC so its arrays are not counted against this call.
      // eslint-disable-next-line no-useless-assignment
      r = null;
      gc();
      settle();
    }
    const t0 = now();
    r = call();
    times.push(now() - t0);
    sink += r.length;
  }
  const outs = r!;
  const lb = def.lookback(params);
  let firstValid = 0;
  while (firstValid < N && Number.isNaN(outs[0]![firstValid]!)) firstValid++;
  const outJson = outs.map((o, k) => {
    let sum = 0, sumAbs = 0;
    for (let i = lb; i < N; i++) { sum += o[i]!; sumAbs += Math.abs(o[i]!); }
    const samples: [number, number | string][] = [];
    for (let s = 0; s < NSAMP; s++) { const i = N - 1 - s * Math.floor(N / NSAMP); samples.push([i, num(o[i]!)]); }
    return { int: def.outputs[k]!.kind === 'integer' ? 1 : 0, last: num(o[N - 1]!), sum: num(sum), sumAbs: num(sumAbs), samples };
  });
  process.stdout.write(JSON.stringify({ name, ms: median(times), times, lookback: lb, firstValid, params, outs: outJson }) + '\n');
  if (mode === 'reuse') for (const o of outs) seriesHeap.free(o);
}
process.stderr.write(`done (sink ${sink})\n`);
