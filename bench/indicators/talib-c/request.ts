/**
 * Per-request cost in V8: the 10-indicator "API request" on one W-candle window, same windows and
 * indicators as talib_request.c (adapted from the issue 18 harness, shared/bench/talib-c).
 *   node --expose-gc --import tsx bench/indicators/talib-c/request.ts sextant|sextant-default|ixjb94 data.bin N W reps runs > out.json
 * sextant:         IndicatorRunner (prepared parameters, outputs and temporaries reused across requests).
 * sextant-default: runIndicator per indicator, fresh output arrays per call (the allocating API).
 * ixjb94:          @ixjb94/indicators IndicatorsSync (from bench/indicators/node_modules), plain arrays (its declared type).
 * Inputs are prepared outside the timed region; 10,000 warm-up requests, then `runs` runs of `reps`
 * requests, a forced GC before each run (outside the timing); median µs/request. `gcs` counts the
 * garbage collections V8 ran inside the timed runs (0 = nothing allocated that needed collecting).
 * `per`: each of the ten indicators alone (sextant: its prepared kernel through a runner of its own;
 * ixjb94: its call), same windows rotated, 2,000 warm-up calls, `runs` runs of reps/10 calls, median
 * µs per call (talib_request.c prints the same for C).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { IndicatorRunner, prepareIndicator, runIndicator } from '../../../src/core/indicators/registry.js';

const [lib, file, nStr, wStr, repsStr, runsStr] = process.argv.slice(2);
const N = +nStr!, W = +wStr!, REPS = +repsStr!, RUNS = +runsStr!;
const NW = 64;
const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});
const raw = readFileSync(file!);
const all = new Float64Array(raw.buffer, raw.byteOffset, 6 * N);
interface Win { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array }
const wins: Win[] = [];
for (let w = 0; w < NW; w++) {
  const off = 1000 + w * 15000;
  const s = (k: number) => all.slice(k * N + off, k * N + off + W);
  wins.push({ open: s(0), high: s(1), low: s(2), close: s(3), volume: s(4) });
}

const HERE = import.meta.dirname;
const PEERS = join(HERE, '..');
// The checksum lives in a typed array: a module-level `let` number is boxed, and `sink += x`
// would allocate a heap number per request (GCs charged to every JS side alike).
const sink = new Float64Array(1);
// A request adds its first indicator's last value to `sink` itself: a double returned from a
// call that is not inlined is boxed, which would allocate once per request.
let request: (i: number) => void;
let lastValues: (i: number) => number[];
/** The ten indicators one at a time, for the per-indicator breakdown (each adds a value to `sink`). */
let perCalls: ((i: number) => void)[] = [];
let version: string;

const PLAN: [string, 'c' | 'hlc' | 'hlcv' | 'cv', Record<string, number>][] = [
  ['SMA', 'c', { timePeriod: 20 }],
  ['EMA', 'c', { timePeriod: 21 }],
  ['RSI', 'c', { timePeriod: 14 }],
  ['MACD', 'c', { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 }],
  ['BBANDS', 'c', { timePeriod: 20, nbDevUp: 2, nbDevDn: 2, maType: 0 }],
  ['ATR', 'hlc', { timePeriod: 14 }],
  ['ADX', 'hlc', { timePeriod: 14 }],
  ['MFI', 'hlcv', { timePeriod: 14 }],
  ['STOCH', 'hlc', { fastK_Period: 14, slowK_Period: 3, slowK_MAType: 0, slowD_Period: 3, slowD_MAType: 0 }],
  ['OBV', 'cv', {}],
];
// Input lists per window, built once (outside the timing) like the C side's pointers.
const inputsOf = (c: Win, k: string): Float64Array[] =>
  k === 'c' ? [c.close] : k === 'hlc' ? [c.high, c.low, c.close] : k === 'hlcv' ? [c.high, c.low, c.close, c.volume] : [c.close, c.volume];
const winInputs = wins.map((w) => PLAN.map(([, k]) => inputsOf(w, k)));

if (lib === 'sextant') {
  version = JSON.parse(readFileSync(join(HERE, '../../../package.json'), 'utf8')).version;
  const runner = new IndicatorRunner();
  const prepared = PLAN.map(([name, , ps]) => prepareIndicator(name, ps));
  const run = (i: number) => {
    const ins = winInputs[i & (NW - 1)]!;
    runner.begin();
    let first = 0;
    for (let k = 0; k < prepared.length; k++) {
      const o = runner.run(prepared[k]!, ins[k]!);
      if (k === 0) first = o[0]![W - 1]!;
    }
    sink[0] += first;
  };
  request = run;
  perCalls = prepared.map((p, k) => {
    const own = new IndicatorRunner();
    return (i: number) => {
      own.begin();
      sink[0] += own.run(p, winInputs[i & (NW - 1)]![k]!)[0]![W - 1]!;
    };
  });
  lastValues = (i) => {
    const ins = winInputs[i & (NW - 1)]!;
    runner.begin();
    return prepared.map((p, k) => runner.run(p, ins[k]!)[0]![W - 1]!);
  };
} else if (lib === 'sextant-default') {
  version = JSON.parse(readFileSync(join(HERE, '../../../package.json'), 'utf8')).version;
  lastValues = (i) => {
    const ins = winInputs[i & (NW - 1)]!;
    return PLAN.map(([name, , ps], k) => runIndicator(name, ins[k]!, ps).outputs[0]![W - 1]!);
  };
  request = (i) => { sink[0] += lastValues(i)[0]!; };
} else if (lib === 'ixjb94') {
  const req = createRequire(join(PEERS, 'package.json'));
  const { IndicatorsSync } = req('@ixjb94/indicators');
  version = req('@ixjb94/indicators/package.json').version;
  const ta = new IndicatorsSync();
  const arr = wins.map((w) => ({ high: Array.from(w.high), low: Array.from(w.low), close: Array.from(w.close), volume: Array.from(w.volume) }));
  const last = (a: number[]) => a[a.length - 1]!;
  const c = (i: number) => arr[i & (NW - 1)]!;
  perCalls = [
    (i) => { sink[0] += last(ta.sma(c(i).close, 20)); },
    (i) => { sink[0] += last(ta.ema(c(i).close, 21)); },
    (i) => { sink[0] += last(ta.rsi(c(i).close, 14)); },
    (i) => { sink[0] += last(ta.macd(c(i).close, 12, 26, 9)[0]); },
    (i) => { sink[0] += last(ta.bbands(c(i).close, 20, 2)[2]); },
    (i) => { sink[0] += last(ta.atr(c(i).high, c(i).low, c(i).close, 14)); },
    (i) => { sink[0] += last(ta.adx(c(i).high, c(i).low, 14)); },
    (i) => { sink[0] += last(ta.mfi(c(i).high, c(i).low, c(i).close, c(i).volume, 14)); },
    (i) => { sink[0] += last(ta.stoch(c(i).high, c(i).low, c(i).close, 14, 3, 3)[0]); },
    (i) => { sink[0] += last(ta.obv(c(i).close, c(i).volume)); },
  ];
  lastValues = (i) => {
    const c = arr[i & (NW - 1)]!;
    const bb = ta.bbands(c.close, 20, 2);
    return [
      last(ta.sma(c.close, 20)),
      last(ta.ema(c.close, 21)),
      last(ta.rsi(c.close, 14)),
      last(ta.macd(c.close, 12, 26, 9)[0]),
      last(bb[2]), // [lower, middle, upper]; upper first, as TA-Lib
      last(ta.atr(c.high, c.low, c.close, 14)),
      last(ta.adx(c.high, c.low, 14)),
      last(ta.mfi(c.high, c.low, c.close, c.volume, 14)),
      last(ta.stoch(c.high, c.low, c.close, 14, 3, 3)[0]),
      last(ta.obv(c.close, c.volume)),
    ];
  };
  request = (i) => { sink[0] += lastValues(i)[0]!; };
} else throw new Error('lib: sextant | sextant-default | ixjb94');

// BENCH_CLOCK=cpu: process CPU time (user + system, all threads: GC included), as the C side's
// CLOCK_PROCESS_CPUTIME_ID; else wall time.
const now: () => number = process.env['BENCH_CLOCK'] === 'cpu'
  ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }
  : () => performance.now();
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
for (let i = 0; i < 10_000; i++) request(i);
let gcs = 0;
let timing = false;
const obs = new PerformanceObserver((list) => { if (timing) gcs += list.getEntries().length; });
obs.observe({ entryTypes: ['gc'] });
const times: number[] = [];
for (let r = 0; r < RUNS; r++) {
  gc();
  await new Promise((res) => setTimeout(res, 20)); // deliver the forced GC's entry before timing starts
  timing = true;
  const t0 = now();
  for (let i = 0; i < REPS; i++) request(i);
  times.push(((now() - t0) * 1000) / REPS);
  await new Promise((res) => setTimeout(res, 20)); // the timed runs' GC entries arrive asynchronously
  timing = false;
}
obs.disconnect();
// Per-indicator breakdown, after the request timing (which it does not change).
const per: Record<string, number> = {};
const perReps = Math.max(1, Math.floor(REPS / 10));
for (let k = 0; k < perCalls.length; k++) {
  const call = perCalls[k]!;
  for (let i = 0; i < 2000; i++) call(i);
  const ts: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = now();
    for (let i = 0; i < perReps; i++) call(i);
    ts.push(((now() - t0) * 1000) / perReps);
  }
  per[PLAN[k]![0]] = median(ts);
}
const lastV = lastValues(0);
process.stdout.write(JSON.stringify({ lib, version, W, reps: REPS, runs: RUNS, us_per_request: median(times), times_us: times, gcs, per, last: lastV, sink: Number.isFinite(sink[0]) }) + '\n');
