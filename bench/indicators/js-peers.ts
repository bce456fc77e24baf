/**
 * bench/indicators: every registered Sextant indicator on 1,000,000 real candles, against the
 * JavaScript packages a user would pick instead, in one run.
 *
 *   node --import tsx bench/indicators/js-peers.ts [--only=SMA,EMA] [--no-peers] [--no-write] [--update] [--progress]
 *
 * Figures go to bench/out/indicators/ (git-ignored); --update writes the committed
 * bench/indicators/results.json and RESULTS.md instead. --only and --no-write write nothing; --progress (default on a TTY)
 * shows the function being timed on stderr.
 *
 * Data: the bundled Binance daily candles of every USDT pair (ReplaySource, `markets()` order),
 * concatenated pair after pair and repeated until 1,000,000 candles. Real prices and volumes;
 * the only artefact is the jump where one pair's history ends and the next one's begins.
 *
 * Peers live in bench/indicators/node_modules (`npm --prefix bench/indicators ci`), not in
 * Sextant's dependencies: the `talib` native binding (TA-Lib C through node-gyp; every TA-Lib
 * function via talib.execute), `technicalindicators` (its batch functions) and `trading-signals`
 * (its per-value `add`, the only full-series API it has). Without them Sextant is timed alone.
 *
 * Timing: a warm-up call, then the median of N calls (N shrinks for slow calls so the whole run
 * stays within a few minutes), with a forced GC before each call; the same statistic on every side.
 * Peer inputs are prepared outside the timed region in the shape each peer wants (plain arrays for
 * talib and technicalindicators, candle objects for trading-signals); storing each peer's outputs is
 * timed, as is Sextant's allocation of its aligned output arrays. TA-Lib C itself is compared in
 * run.ts (talib-c/), measured in the same run.
 *
 * Agreement: every peer result is compared with Sextant's on the same data. talib must match
 * to 1e-9 (relative) from the same first valid index; the others are compared on their last
 * 90% of values (their seeds differ) and shown with their max relative difference, so a fast
 * but different definition cannot pass as "the same work".
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ReplaySource } from '../../src/sources/market/replay/source.js';
import { listIndicators, resolveParams, runIndicator } from '../../src/core/indicators/registry.js';
import type { IndicatorDef, InputName } from '../../src/core/indicators/types.js';
import { BENCH_OUT } from '../../test/helpers/paths.js';

const HERE = import.meta.dirname;
const CANDLES = 1_000_000;
const GOAL_PEER_RATIO = 50;
const TALIB_TOL = 1e-9;
const PEER_TOL = 1e-6;
/** Timed calls after the warm-up, at most, and the time budget that shrinks them for slow calls. */
const SEXTANT_RUNS = 15;
const SEXTANT_BUDGET_MS = 200;
const PEER_RUNS = 2;
const PEER_BUDGET_MS = 400;

// ---------------------------------------------------------------------------------------------
// data

interface Data {
  n: number;
  source: string;
  open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array;
  time: Float64Array; periods: Float64Array;
}

async function loadData(n: number): Promise<Data> {
  const replay = new ReplaySource();
  const pairs = (await replay.markets()).filter((m) => m.quote === 'USDT').map((m) => m.symbol);
  const hist = pairs.map((s) => replay.history(s, '1d'));
  const total = hist.reduce((a, h) => a + h.close.length, 0);
  if (!total) throw new Error('no bundled USDT daily candles');
  const d: Data = {
    n, source: `${pairs.length} Binance USDT pairs, daily (${total} real candles), concatenated and repeated ${(n / total).toFixed(2)}x`,
    open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n),
    volume: new Float64Array(n), time: new Float64Array(n), periods: new Float64Array(n),
  };
  let at = 0;
  while (at < n) {
    for (const h of hist) {
      const k = Math.min(h.close.length, n - at);
      if (k <= 0) break;
      d.open.set(h.open.subarray(0, k), at);
      d.high.set(h.high.subarray(0, k), at);
      d.low.set(h.low.subarray(0, k), at);
      d.close.set(h.close.subarray(0, k), at);
      d.volume.set(h.volume.subarray(0, k), at);
      d.time.set(h.time.subarray(0, k), at);
      at += k;
    }
  }
  // MAVP's per-bar period, from the data: where the close sits in the bar's range, 2..30.
  for (let i = 0; i < n; i++) {
    const r = d.high[i]! - d.low[i]!;
    d.periods[i] = r > 0 ? 2 + Math.floor(28 * (d.close[i]! - d.low[i]!) / r) : 2;
  }
  return d;
}

function sextantInputs(def: IndicatorDef, d: Data): Float64Array[] {
  const pick: Record<InputName, Float64Array> = {
    open: d.open, high: d.high, low: d.low, close: d.close, volume: d.volume,
    real: d.close, real0: d.high, real1: d.low, periods: d.periods,
  };
  // VWAP_SESSION's 5th input is the candle open time.
  if (def.name === 'VWAP_SESSION') return [d.high, d.low, d.close, d.volume, d.time];
  return def.inputs.map((name) => pick[name]);
}

// ---------------------------------------------------------------------------------------------
// timing

const gc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  const f = vm.runInNewContext('gc') as (() => void) | undefined;
  return typeof f === 'function' ? f : () => {};
})();

interface Timing { ms: number; runs: number }

/**
 * Warm-up, then the median of up to `maxRuns` more calls, fewer when calls
 * are slow (about `budgetMs` per function). A first call over `coldOnlyMs` is taken as the figure (1 run, JIT-cold: it only
 * flatters the peer).
 */
function time<T>(fn: () => T, keep: (r: T) => void, maxRuns: number, budgetMs = 1500, gcEachRun = true, coldOnlyMs = 4000): Timing {
  gc();
  let t0 = performance.now();
  let r = fn();
  const first = performance.now() - t0;
  if (first > coldOnlyMs) { keep(r); return { ms: first, runs: 1 }; }
  const runs = Math.max(1, Math.min(maxRuns, Math.floor(budgetMs / Math.max(first, 0.01))));
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    // Drop the previous result before the GC so its arrays are not counted against this run.
    // eslint-disable-next-line no-useless-assignment
    r = undefined as T;
    if (gcEachRun) gc();
    t0 = performance.now();
    r = fn();
    times.push(performance.now() - t0);
  }
  keep(r);
  times.sort((a, b) => a - b);
  const m = times.length >> 1;
  return { ms: times.length % 2 ? times[m]! : (times[m - 1]! + times[m]!) / 2, runs };
}

// ---------------------------------------------------------------------------------------------
// agreement

interface Agreement { ok: boolean; maxRel: number; compared: number; note?: string }

function relDiff(a: number, b: number): number {
  const d = Math.abs(a - b);
  const m = Math.max(Math.abs(a), Math.abs(b));
  return m < 1 ? d : d / m; // absolute near zero
}

/** Exact check against talib: same first valid index, then 1e-9 (NaN == NaN). */
function agreeExact(ours: Float64Array, theirs: Float64Array): Agreement {
  const n = ours.length;
  let a = 0; while (a < n && Number.isNaN(ours[a]!)) a++;
  let b = 0; while (b < n && Number.isNaN(theirs[b]!)) b++;
  if (a !== b) return { ok: false, maxRel: NaN, compared: 0, note: `first valid index ${a} vs talib ${b}` };
  let maxRel = 0;
  let compared = 0;
  for (let i = a; i < n; i++) {
    const x = ours[i]!;
    const y = theirs[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) return { ok: false, maxRel: Infinity, compared, note: `NaN mismatch at ${i}` };
      continue;
    }
    if (x === y) { compared++; continue; }
    const r = relDiff(x, y);
    if (!(r <= maxRel)) maxRel = r;
    compared++;
  }
  return { ok: maxRel <= TALIB_TOL, maxRel, compared };
}

/** Loose check against the JS packages: last 90% of bars where both have a finite value. */
function agreeLoose(ours: Float64Array, theirs: Float64Array): Agreement {
  const n = ours.length;
  let maxRel = 0;
  let compared = 0;
  for (let i = Math.floor(n / 10); i < n; i++) {
    const x = ours[i]!;
    const y = theirs[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const r = relDiff(x, y);
    if (!(r <= maxRel)) maxRel = r;
    compared++;
  }
  return { ok: compared > 0 && maxRel <= PEER_TOL, maxRel, compared };
}

// ---------------------------------------------------------------------------------------------
// peers

type Fn = (...args: unknown[]) => unknown;
type Rec = Record<string, unknown>;
interface TalibModule { execute(p: Rec): { begIndex: number; nbElement: number; result: Record<string, number[]> }; explain(name: string): TalibInfo; functions: { name: string }[] }
interface TalibInfo { name: string; inputs: { name: string; type: string; flags?: Record<string, string> }[]; optInputs: { name: string; defaultValue: number }[]; outputs: { name: string }[] }
type TsIndicator = { add(x: unknown): unknown };
type TsCtor = new (...args: unknown[]) => TsIndicator;

interface Peers {
  talib: TalibModule | null;
  ti: Record<string, Fn> | null;
  ts: Record<string, TsCtor> | null;
  notes: string[];
}

async function loadPeers(enabled: boolean): Promise<Peers> {
  const peers: Peers = { talib: null, ti: null, ts: null, notes: [] };
  if (!enabled) { peers.notes.push('peers disabled (--no-peers)'); return peers; }
  if (!existsSync(join(HERE, 'node_modules'))) {
    peers.notes.push('bench/indicators/node_modules is missing: install the peers with `npm --prefix bench/indicators ci` (talib compiles TA-Lib C with node-gyp: needs g++, make, python3). Timing Sextant alone.');
    return peers;
  }
  const require = createRequire(join(HERE, 'package.json'));
  try { peers.talib = require('talib') as TalibModule; } catch (e) {
    peers.notes.push(`talib not loadable (${(e as Error).message.split('\n')[0]}); was its node-gyp build skipped or failed? \`npm --prefix bench/indicators rebuild talib\``);
  }
  try { peers.ti = require('technicalindicators') as Record<string, Fn>; } catch (e) {
    peers.notes.push(`technicalindicators not loadable: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    const entry = require.resolve('trading-signals');
    peers.ts = (await import(pathToFileURL(entry).href)) as Record<string, TsCtor>;
  } catch (e) {
    peers.notes.push(`trading-signals not loadable: ${(e as Error).message.split('\n')[0]}`);
  }
  return peers;
}

interface PlainData { open: number[]; high: number[]; low: number[]; close: number[]; volume: number[]; periods: number[] }

function plain(d: Data): PlainData {
  return {
    open: Array.from(d.open), high: Array.from(d.high), low: Array.from(d.low), close: Array.from(d.close),
    volume: Array.from(d.volume), periods: Array.from(d.periods),
  };
}

/** trading-signals' input: one object per candle (built only for its phase: 1M live objects make every GC slow). */
function candleObjects(d: Data): Rec[] {
  const bars: Rec[] = new Array(d.n);
  for (let i = 0; i < d.n; i++) {
    bars[i] = { open: d.open[i]!, high: d.high[i]!, low: d.low[i]!, close: d.close[i]!, volume: d.volume[i]!, timestamp: d.time[i]! };
  }
  return bars;
}

/** talib.execute arguments for `def` with Sextant's resolved defaults, by TA-Lib's optIn names. */
function talibArgs(tl: TalibModule, def: IndicatorDef, p: PlainData, n: number): Rec | null {
  let info: TalibInfo;
  try { info = tl.explain(def.name); } catch { return null; }
  if (!info || !info.inputs) return null;
  const ours = resolveParams(def, {});
  const args: Rec = { name: def.name, startIdx: 0, endIdx: n - 1 };
  const realIn: Record<string, number[]> = { inReal: p.close, inReal0: p.high, inReal1: p.low, inPeriods: p.periods };
  for (const input of info.inputs) {
    if (input.type === 'price') Object.assign(args, { open: p.open, high: p.high, low: p.low, close: p.close, volume: p.volume });
    else args[input.name] = realIn[input.name] ?? p.close;
  }
  for (const opt of info.optInputs) {
    const key = opt.name.replace(/^optIn/, '').toLowerCase();
    const mine = Object.entries(ours).find(([k]) => k.toLowerCase() === key);
    args[opt.name] = mine ? mine[1] : opt.defaultValue;
  }
  return args;
}

/** talib's begIndex/nbElement result, aligned to the input like Sextant's outputs. */
function alignTalib(res: { begIndex: number; nbElement: number; result: Record<string, number[]> }, n: number): Float64Array[] {
  return Object.values(res.result).map((vals) => {
    const out = new Float64Array(n).fill(NaN);
    for (let i = 0; i < res.nbElement; i++) out[res.begIndex + i] = vals[i]!;
    return out;
  });
}

/** A technicalindicators batch call: its result array is aligned to the END of the input. */
interface TiCase { fn: string; args: (p: PlainData) => Rec; out: number; pick?: string; note?: string }
const TI: Record<string, TiCase> = {
  SMA: { fn: 'sma', args: (p) => ({ period: 30, values: p.close }), out: 0 },
  EMA: { fn: 'ema', args: (p) => ({ period: 30, values: p.close }), out: 0 },
  WMA: { fn: 'wma', args: (p) => ({ period: 30, values: p.close }), out: 0 },
  RSI: { fn: 'rsi', args: (p) => ({ period: 14, values: p.close }), out: 0 },
  MACD: { fn: 'macd', args: (p) => ({ values: p.close, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }), out: 0, pick: 'MACD' },
  BBANDS: { fn: 'bollingerbands', args: (p) => ({ period: 5, stdDev: 2, values: p.close }), out: 0, pick: 'upper' },
  ATR: { fn: 'atr', args: (p) => ({ high: p.high, low: p.low, close: p.close, period: 14 }), out: 0 },
  TRANGE: { fn: 'truerange', args: (p) => ({ high: p.high, low: p.low, close: p.close }), out: 0 },
  ADX: { fn: 'adx', args: (p) => ({ high: p.high, low: p.low, close: p.close, period: 14 }), out: 0, pick: 'adx' },
  MFI: { fn: 'mfi', args: (p) => ({ high: p.high, low: p.low, close: p.close, volume: p.volume, period: 14 }), out: 0 },
  STOCHF: { fn: 'stochastic', args: (p) => ({ high: p.high, low: p.low, close: p.close, period: 5, signalPeriod: 3 }), out: 0, pick: 'k', note: 'Stochastic = fast %K/%D (STOCHF)' },
  OBV: { fn: 'obv', args: (p) => ({ close: p.close, volume: p.volume }), out: 0 },
  AD: { fn: 'adl', args: (p) => ({ high: p.high, low: p.low, close: p.close, volume: p.volume }), out: 0 },
  CCI: { fn: 'cci', args: (p) => ({ high: p.high, low: p.low, close: p.close, period: 14 }), out: 0 },
  ROC: { fn: 'roc', args: (p) => ({ period: 10, values: p.close }), out: 0 },
  WILLR: { fn: 'williamsr', args: (p) => ({ high: p.high, low: p.low, close: p.close, period: 14 }), out: 0 },
  SAR: { fn: 'psar', args: (p) => ({ high: p.high, low: p.low, step: 0.02, max: 0.2 }), out: 0 },
  TRIX: { fn: 'trix', args: (p) => ({ values: p.close, period: 30 }), out: 0 },
  STOCHRSI: { fn: 'stochasticrsi', args: (p) => ({ values: p.close, rsiPeriod: 14, stochasticPeriod: 5, kPeriod: 1, dPeriod: 3 }), out: 0, pick: 'stochRSI' },
  STDDEV: { fn: 'sd', args: (p) => ({ period: 5, values: p.close }), out: 0 },
  MAX: { fn: 'highest', args: (p) => ({ period: 30, values: p.close }), out: 0 },
  MIN: { fn: 'lowest', args: (p) => ({ period: 30, values: p.close }), out: 0 },
  SUM: { fn: 'sum', args: (p) => ({ period: 30, values: p.close }), out: 0 },
  ICHIMOKU: { fn: 'ichimokucloud', args: (p) => ({ high: p.high, low: p.low, conversionPeriod: 9, basePeriod: 26, spanPeriod: 52, displacement: 26 }), out: 0, pick: 'conversion' },
  KELTNER: { fn: 'keltnerchannels', args: (p) => ({ high: p.high, low: p.low, close: p.close, maPeriod: 20, atrPeriod: 10, useSMA: false, multiplier: 2 }), out: 1, pick: 'middle' },
  VWAP_SESSION: { fn: 'vwap', args: (p) => ({ high: p.high, low: p.low, close: p.close, volume: p.volume }), out: 0, note: 'VWAP is cumulative from bar 0 (no session reset)' },
};

/** A trading-signals class fed bar by bar with `add`. */
interface TsCase { cls: string; make: (C: TsCtor) => TsIndicator; input: 'close' | 'volume' | 'bar'; out: number; pick?: string; note?: string }
const TS: Record<string, TsCase> = {
  SMA: { cls: 'SMA', make: (C) => new C(30), input: 'close', out: 0 },
  EMA: { cls: 'EMA', make: (C) => new C(30), input: 'close', out: 0 },
  WMA: { cls: 'WMA', make: (C) => new C(30), input: 'close', out: 0 },
  DEMA: { cls: 'DEMA', make: (C) => new C(30), input: 'close', out: 0 },
  TEMA: { cls: 'TEMA', make: (C) => new C(30), input: 'close', out: 0 },
  TRIMA: { cls: 'TRIMA', make: (C) => new C(30), input: 'close', out: 0 },
  KAMA: { cls: 'KAMA', make: (C) => new C(30), input: 'close', out: 0 },
  T3: { cls: 'T3', make: (C) => new C(5, 0.7), input: 'close', out: 0 },
  MAMA: { cls: 'MAMA', make: (C) => new C({ fastLimit: 0.5, slowLimit: 0.05 }), input: 'close', out: 0, pick: 'mama' },
  HT_TRENDLINE: { cls: 'HTTrendline', make: (C) => new C(), input: 'close', out: 0 },
  RSI: { cls: 'RSI', make: (C) => new C(14), input: 'close', out: 0 },
  MACD: { cls: 'MACD', make: (C) => new C(new (TS_EMA!)(12), new (TS_EMA!)(26), new (TS_EMA!)(9)), input: 'close', out: 0, pick: 'macd' },
  APO: { cls: 'APO', make: (C) => new C({ fastPeriod: 12, slowPeriod: 26 }), input: 'close', out: 0 },
  PPO: { cls: 'PPO', make: (C) => new C({ fastPeriod: 12, slowPeriod: 26 }), input: 'close', out: 0 },
  CMO: { cls: 'CMO', make: (C) => new C(14), input: 'close', out: 0 },
  MOM: { cls: 'MOM', make: (C) => new C(10), input: 'close', out: 0 },
  ROC: { cls: 'ROC', make: (C) => new C(10), input: 'close', out: 0 },
  TRIX: { cls: 'TRIX', make: (C) => new C(30), input: 'close', out: 0 },
  BBANDS: { cls: 'BollingerBands', make: (C) => new C(5, 2), input: 'close', out: 0, pick: 'upper' },
  AVGDEV: { cls: 'MAD', make: (C) => new C(14), input: 'close', out: 0 },
  LINEARREG: { cls: 'LinearRegression', make: (C) => new C(14), input: 'close', out: 0, pick: 'prediction' },
  HMA: { cls: 'HMA', make: (C) => new C(9), input: 'close', out: 0 },
  BOP: { cls: 'BOP', make: (C) => new C(), input: 'bar', out: 0 },
  CCI: { cls: 'CCI', make: (C) => new C(14), input: 'bar', out: 0 },
  IMI: { cls: 'IMI', make: (C) => new C(14), input: 'bar', out: 0 },
  MFI: { cls: 'MFI', make: (C) => new C(14), input: 'bar', out: 0 },
  WILLR: { cls: 'WilliamsR', make: (C) => new C(14), input: 'bar', out: 0 },
  ULTOSC: { cls: 'UltimateOscillator', make: (C) => new C({ shortPeriod: 7, mediumPeriod: 14, longPeriod: 28 }), input: 'bar', out: 0 },
  STOCH: { cls: 'StochasticOscillator', make: (C) => new C({ kPeriod: 5, kSlowingPeriod: 3, dPeriod: 3 }), input: 'bar', out: 0, pick: 'stochK' },
  ADX: { cls: 'ADX', make: (C) => new C(14), input: 'bar', out: 0 },
  ADXR: { cls: 'ADXR', make: (C) => new C(14), input: 'bar', out: 0 },
  DX: { cls: 'DX', make: (C) => new C(14), input: 'bar', out: 0 },
  AROON: { cls: 'Aroon', make: (C) => new C(14), input: 'bar', out: 0, pick: 'aroonDown' },
  ATR: { cls: 'ATR', make: (C) => new C(14), input: 'bar', out: 0 },
  NATR: { cls: 'NATR', make: (C) => new C(14), input: 'bar', out: 0 },
  TRANGE: { cls: 'TR', make: (C) => new C(), input: 'bar', out: 0 },
  ACCBANDS: { cls: 'AccelerationBands', make: (C) => new C(20, 4), input: 'bar', out: 0, pick: 'upper' },
  SAR: { cls: 'PSAR', make: (C) => new C({ accelerationStep: 0.02, accelerationMax: 0.2 }), input: 'bar', out: 0 },
  OBV: { cls: 'OBV', make: (C) => new C(2), input: 'bar', out: 0, note: 'starts at 0 on bar 1 (TA-Lib: volume[0] on bar 0)' },
  AD: { cls: 'AD', make: (C) => new C(), input: 'bar', out: 0 },
  ADOSC: { cls: 'ADOSC', make: (C) => new C({ fastPeriod: 3, slowPeriod: 10 }), input: 'bar', out: 0 },
  VWAP_SESSION: { cls: 'VWAP', make: (C) => new C(), input: 'bar', out: 0, note: 'VWAP is cumulative from bar 0 (no session reset)' },
  ICHIMOKU: { cls: 'IchimokuCloud', make: (C) => new C({ conversionInterval: 9, baseInterval: 26, spanBInterval: 52 }), input: 'bar', out: 0, pick: 'conversion' },
  KELTNER: { cls: 'KeltnerChannels', make: (C) => new C({ emaInterval: 20, atrInterval: 10, multiplier: 2 }), input: 'bar', out: 1, pick: 'middle' },
  CMF: { cls: 'CMF', make: (C) => new C(20), input: 'bar', out: 0 },
  VROC: { cls: 'VROC', make: (C) => new C(14), input: 'volume', out: 0 },
  SUPERTREND: { cls: 'SuperTrend', make: (C) => new C({ interval: 10, multiplier: 3 }), input: 'bar', out: 0, pick: 'supertrend' },
  DONCHIAN: { cls: 'DonchianChannels', make: (C) => new C(20), input: 'bar', out: 0, pick: 'upper' },
};
let TS_EMA: TsCtor | null = null;

function runTi(ti: Record<string, Fn>, c: TiCase, p: PlainData): unknown[] {
  return ti[c.fn]!(c.args(p)) as unknown[];
}

function alignTi(r: unknown[], c: TiCase, n: number): Float64Array {
  const out = new Float64Array(n).fill(NaN);
  const off = n - r.length;
  for (let i = 0; i < r.length; i++) {
    const v = c.pick ? (r[i] as Rec | undefined)?.[c.pick] : r[i];
    out[off + i] = typeof v === 'number' ? v : NaN;
  }
  return out;
}

/** Feeds every bar; keeps the result of each (null before the indicator is stable). */
function runTs(ts: Record<string, TsCtor>, c: TsCase, d: Data, bars: Rec[]): unknown[] {
  const ind = c.make(ts[c.cls]!);
  const n = d.n;
  const out = new Array<unknown>(n);
  if (c.input === 'bar') { for (let i = 0; i < n; i++) out[i] = ind.add(bars[i]); } else {
    const src = c.input === 'close' ? d.close : d.volume;
    for (let i = 0; i < n; i++) out[i] = ind.add(src[i]);
  }
  return out;
}

function alignTs(r: unknown[], c: TsCase): Float64Array {
  const out = new Float64Array(r.length).fill(NaN);
  for (let i = 0; i < r.length; i++) {
    const v = c.pick ? (r[i] as Rec | null | undefined)?.[c.pick] : r[i];
    out[i] = typeof v === 'number' ? v : NaN;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// report

interface PeerResult { ms: number; runs: number; ratio: number; agree: Agreement | null; note?: string; error?: string }
interface Row {
  name: string; group: string;
  sextant: { ms: number; runs: number };
  talib: PeerResult | null; technicalindicators: PeerResult | null; tradingSignals: PeerResult | null;
  misses: string[];
}

const f1 = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fx = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function peerCell(r: PeerResult | null, md: boolean): string {
  if (!r) return '';
  if (r.error) return 'error';
  const miss = r.ratio < GOAL_PEER_RATIO ? (md ? ' **<50x**' : ' <50x') : '';
  const diff = r.agree && !r.agree.ok ? (md ? ' ≠' : ' ≠') : '';
  return `${f1(r.ms)} (${fx(r.ratio)}x${miss})${diff}`;
}

function tableLines(rows: Row[], md: boolean): string[] {
  const head = ['function', 'Sextant ms', 'talib ms (talib/Sextant)', 'technicalindicators ms (x)', 'trading-signals ms (x)'];
  const body = rows.map((r) => [r.name, f1(r.sextant.ms), peerCell(r.talib, md), peerCell(r.technicalindicators, md), peerCell(r.tradingSignals, md)]);
  if (md) {
    return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : ':---')).join('|')}|`, ...body.map((b) => `| ${b.join(' | ')} |`)];
  }
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join('  ');
  return [line(head), w.map((x) => '-'.repeat(x)).join('  '), ...body.map(line)];
}

function geoMean(xs: number[]): number {
  return xs.length ? Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length) : NaN;
}

// ---------------------------------------------------------------------------------------------

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const only = argv.find((a) => a.startsWith('--only='))?.slice(7).toUpperCase().split(',');
  const write = !argv.includes('--no-write') && !only;
  // The committed figures change only on request; a plain run must leave the worktree clean.
  const outDir = argv.includes('--update') ? HERE : join(BENCH_OUT, 'indicators');
  const out = (s: string) => process.stdout.write(s + '\n');
  const started = performance.now();

  const d = await loadData(CANDLES);
  out(`bench/indicators: ${d.n.toLocaleString('en-US')} candles from ${d.source}`);
  const peers = await loadPeers(!argv.includes('--no-peers'));
  for (const note of peers.notes) out(`note: ${note}`);
  if (peers.ts) TS_EMA = peers.ts['EMA'] ?? null;
  let p: PlainData | null = null;
  const peerNames = [peers.talib && 'talib', peers.ti && 'technicalindicators', peers.ts && 'trading-signals'].filter(Boolean);
  out(`peers: ${peerNames.join(', ') || 'none'}; node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}`);

  const defs = listIndicators().filter((def) => !only || only.includes(def.name));
  const progress = argv.includes('--progress') || process.stderr.isTTY;
  const rows: Row[] = [];
  const load0 = loadavg()[0]!;

  p = peers.talib || peers.ti ? plain(d) : null;
  for (const def of defs) {
    if (progress) process.stderr.write(`\r${rows.length + 1}/${defs.length} ${def.name.padEnd(20)}`);
    const inputs = sextantInputs(def, d);
    let ours: Float64Array[] = [];
    const sx = time(() => runIndicator(def.name, inputs).outputs, (r) => { ours = r; }, SEXTANT_RUNS, SEXTANT_BUDGET_MS);
    const row: Row = {
      name: def.name, group: def.group, sextant: sx, talib: null, technicalindicators: null, tradingSignals: null,
      misses: [],
    };

    if (peers.talib) {
      const args = talibArgs(peers.talib, def, p!, d.n);
      if (args) {
        try {
          let res: ReturnType<TalibModule['execute']> | null = null;
          const t = time(() => peers.talib!.execute(args), (r) => { res = r; }, PEER_RUNS, PEER_BUDGET_MS);
          const theirs = alignTalib(res!, d.n);
          // Worst output decides; all outputs are compared.
          let agree: Agreement = { ok: true, maxRel: 0, compared: 0 };
          for (let k = 0; k < ours.length; k++) {
            const a = theirs[k] ? agreeExact(ours[k]!, theirs[k]!) : { ok: false, maxRel: NaN, compared: 0, note: 'output missing' };
            if (!a.ok) { agree = a; break; }
            if (a.maxRel >= agree.maxRel) agree = a;
          }
          row.talib = { ms: t.ms, runs: t.runs, ratio: t.ms / sx.ms, agree };
        } catch (e) {
          row.talib = { ms: NaN, runs: 0, ratio: NaN, agree: null, error: (e as Error).message };
        }
      }
    }
    const tiCase = TI[def.name];
    if (peers.ti && tiCase) {
      try {
        let res: unknown[] = [];
        const t = time(() => runTi(peers.ti!, tiCase, p!), (r) => { res = r; }, PEER_RUNS, PEER_BUDGET_MS);
        row.technicalindicators = { ms: t.ms, runs: t.runs, ratio: t.ms / sx.ms, agree: agreeLoose(ours[tiCase.out]!, alignTi(res, tiCase, d.n)), note: tiCase.note };
      } catch (e) {
        row.technicalindicators = { ms: NaN, runs: 0, ratio: NaN, agree: null, error: (e as Error).message };
      }
    }
    rows.push(row);
  }

  // Phase B: trading-signals, fed candle objects (built now, dropped after).
  if (peers.ts) {
    p = null;
    gc();
    const bars = candleObjects(d);
    const tsRows = rows.filter((r) => TS[r.name] && peers.ts![TS[r.name]!.cls]);
    for (const row of tsRows) {
      if (progress) process.stderr.write(`\rtrading-signals ${tsRows.indexOf(row) + 1}/${tsRows.length} ${row.name.padEnd(20)}`);
      const def = defs.find((x) => x.name === row.name)!;
      const tsCase = TS[row.name]!;
      const ours = runIndicator(def.name, sextantInputs(def, d)).outputs;
      try {
        let res: unknown[] = [];
        // One GC per function: with 1M candle objects alive a full GC costs ~0.2 s.
        const t = time(() => runTs(peers.ts!, tsCase, d, bars), (r) => { res = r; }, PEER_RUNS, PEER_BUDGET_MS, false);
        row.tradingSignals = { ms: t.ms, runs: t.runs, ratio: t.ms / row.sextant.ms, agree: agreeLoose(ours[tsCase.out]!, alignTs(res, tsCase)), note: tsCase.note };
      } catch (e) {
        row.tradingSignals = { ms: NaN, runs: 0, ratio: NaN, agree: null, error: (e as Error).message };
      }
    }
  }
  for (const row of rows) {
    for (const [label, r] of [['talib', row.talib], ['technicalindicators', row.technicalindicators], ['trading-signals', row.tradingSignals]] as const) {
      if (r && !r.error && r.ratio < GOAL_PEER_RATIO) row.misses.push(`${label} only ${fx(r.ratio)}x slower (goal ${GOAL_PEER_RATIO}x)`);
    }
  }

  // -- table ---------------------------------------------------------------------------------
  if (progress) process.stderr.write('\r'.padEnd(30) + '\r');
  out('');
  out(`Per function on ${d.n.toLocaleString('en-US')} candles, default parameters. Peer cells: ms (peer time / Sextant time); `
    + `"<50x" = goal of 50x missed; "≠" = results differ from Sextant (see notes).`);
  for (const line of tableLines(rows, false)) out(line);

  const summary = summarize(rows, peers);
  out('');
  for (const s of summary.lines) out(s);
  out(`elapsed ${((performance.now() - started) / 1000).toFixed(0)} s; 1-minute load average ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} now (${cpus().length} cores)`);

  if (write) {
    const meta = {
      generatedAt: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? null, cores: cpus().length,
      candles: d.n, data: d.source, peers: peerNames, peerNotes: peers.notes,
      loadAverage1m: { start: load0, end: loadavg()[0]! },
      goals: { peerRatioAtLeast: GOAL_PEER_RATIO },
    };
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'results.json'), JSON.stringify({ ...meta, summary: summary.data, functions: rows }, null, 1) + '\n');
    const md = [
      '# bench/indicators: latest results',
      '',
      `${meta.generatedAt.slice(0, 10)}, node ${meta.node}, ${meta.cpu} x${meta.cores}. ${d.n.toLocaleString('en-US')} candles: ${d.source}. `
        + `Sextant: median of up to ${SEXTANT_RUNS} runs after a warm-up; peers: median of up to ${PEER_RUNS} runs after a warm-up. `
        + `1-minute load average ${meta.loadAverage1m.start.toFixed(1)} at the start, ${meta.loadAverage1m.end.toFixed(1)} at the end (2 cores shared with other work: expect +-30% on single figures). Regenerate: \`npm --prefix bench/indicators ci && node --import tsx bench/indicators/js-peers.ts --update\`.`,
      '',
      `Cells: ms (peer ms / Sextant ms). **<50x**: the 50x goal is missed. ≠: the peer's values differ from Sextant's (definition or seed; talib is required to agree to 1e-9). TA-Lib C itself: bench/indicators/run.ts.`,
      '',
      ...summary.lines.map((l) => `- ${l}`),
      '',
      ...tableLines(rows, true),
      '',
    ];
    writeFileSync(join(outDir, 'RESULTS.md'), md.join('\n'));
    out(`wrote ${relative(join(HERE, '..', '..'), outDir)}/results.json and RESULTS.md`);
  }
}

function summarize(rows: Row[], peers: Peers): { lines: string[]; data: Rec } {
  const lines: string[] = [];
  const data: Rec = {};
  const peerKeys = [['talib', 'talib'], ['technicalindicators', 'technicalindicators'], ['tradingSignals', 'trading-signals']] as const;
  for (const [key, label] of peerKeys) {
    const rs = rows.map((r) => r[key]).filter((r): r is PeerResult => !!r && !r.error);
    const errs = rows.filter((r) => r[key]?.error).map((r) => `${r.name}: ${r[key]!.error}`);
    if (!rs.length && !errs.length) continue;
    const ratios = rs.map((r) => r.ratio);
    const missed = rows.filter((r) => r[key] && !r[key]!.error && r[key]!.ratio < GOAL_PEER_RATIO).map((r) => `${r.name} ${fx(r[key]!.ratio)}x`);
    const differ = rows.filter((r) => r[key]?.agree && !r[key]!.agree!.ok).map((r) => {
      const a = r[key]!.agree!;
      return `${r.name}${a.note ? ` (${a.note})` : Number.isFinite(a.maxRel) ? ` (max rel ${a.maxRel.toExponential(1)})` : ''}`;
    });
    const agreeCount = rs.filter((r) => r.agree?.ok).length;
    lines.push(`${label}: ${rs.length} functions; ${label}/Sextant geometric mean ${fx(geoMean(ratios))}x, min ${fx(Math.min(...ratios))}x, max ${fx(Math.max(...ratios))}x; `
      + `50x goal missed on ${missed.length}${missed.length ? `: ${missed.join(', ')}` : ''}.`);
    lines.push(`${label}: values agree with Sextant (${key === 'talib' ? `<= ${TALIB_TOL}, same first valid index` : `<= ${PEER_TOL} on the last 90%`}) on ${agreeCount}/${rs.length}`
      + `${differ.length ? `; differ: ${differ.join(', ')}` : ''}.`);
    if (errs.length) lines.push(`${label} errors: ${errs.join('; ')}`);
    data[key] = { functions: rs.length, geoMeanRatio: geoMean(ratios), minRatio: Math.min(...ratios), maxRatio: Math.max(...ratios), goalMissed: missed, agree: agreeCount, differ, errors: errs };
  }
  const total = rows.reduce((a, r) => a + r.sextant.ms, 0);
  lines.push(`Sextant: ${rows.length} functions, ${total.toFixed(0)} ms for all of them on 1M candles (sum of medians).`);
  if (!peers.talib && !peers.ti && !peers.ts) lines.push('No peers were timed.');
  data['sextantTotalMs'] = total;
  return { lines, data };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
