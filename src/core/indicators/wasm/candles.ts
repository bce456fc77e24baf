/**
 * Entries to the candlestick pattern kernels (candles.wat) for series in the series heap (heap.ts).
 * Each returns true when it computed out[start..n), false when the caller must run its JavaScript
 * kernel: some array not in the heap, lengths that differ, an output overlapping an input (the
 * JavaScript kernels then read cells they wrote, which these kernels do not reproduce), a short
 * series, no WebAssembly. The kernels give the JavaScript kernels' values bit for bit
 * (test/core/indicators/candles-wasm.test.ts), which stay the fallback and the reference.
 *
 * Why: at 1M bars the JavaScript loops of CDLDOJI, CDLRICKSHAWMAN, CDLTASUKIGAP,
 * CDLCONCEALBABYSWALL and CDLHIKKAKE stayed 1.1-1.2x TA-Lib C's time however written, and those of
 * the star and doji-with-shadows families, CDLADVANCEBLOCK, CDL3WHITESOLDIERS, CDLLADDERBOTTOM and
 * CDL3BLACKCROWS 0.9-1.15x: V8
 * re-checks every typed-array access. In wasm they read the heap directly (0.3-0.8x C).
 */
import { heapOffset } from '../heap.js';
import { apart, heapModule } from './heap-module.js';
import { WASM_BASE64 } from './candles.wasm.js';

interface Kernels {
  doji(o: number, h: number, l: number, c: number, out: number, start: number, n: number, p: number, f: number, t: number): void;
  rickshaw(o: number, h: number, l: number, c: number, out: number, start: number, n: number,
    pd: number, fd: number, td: number, fl: number, pn: number, fn: number, tn: number): void;
  tasuki(o: number, h: number, l: number, c: number, out: number, start: number, n: number, p: number, f: number, t: number): void;
  conceal(o: number, h: number, l: number, c: number, out: number, start: number, n: number, p: number, f: number,
    t3: number, t2: number, t1: number): void;
  hikkake(h: number, l: number, c: number, out: number, start: number, n: number): void;
  morningstar: StarKernel; eveningstar: StarKernel; morningdojistar: StarKernel; eveningdojistar: StarKernel;
  dragonfly: DojiShadowKernel; gravestone: DojiShadowKernel; takuri: DojiShadowKernel; longlegged: DojiShadowKernel;
  advanceblock(o: number, h: number, l: number, c: number, out: number, start: number, n: number,
    ps: number, fs: number, s2: number, s1: number, s0: number, fl: number, pn: number, fn: number, n2: number, n1: number,
    pf: number, ff: number, f2: number, f1: number, pb: number, fb: number, b: number): void;
  whitesoldiers(o: number, h: number, l: number, c: number, out: number, start: number, n: number,
    pv: number, fv: number, v2: number, v1: number, v0: number, pn: number, fn: number, n2: number, n1: number,
    pf: number, ff: number, f2: number, f1: number, ps: number, fs: number, s: number): void;
  ladder(o: number, h: number, l: number, c: number, out: number, start: number, n: number, p: number, f: number, t: number): void;
  blackcrows(o: number, h: number, l: number, c: number, out: number, start: number, n: number, p: number, f: number,
    t2: number, t1: number, t0: number): void;
}

type DojiShadowKernel = (o: number, h: number, l: number, c: number, out: number, start: number, n: number,
  pd: number, fd: number, td: number, pv: number, fv: number, tv: number, fl: number) => void;

/** The doji-with-shadows kernels, by pattern. */
export type DojiShadowName = 'dragonfly' | 'gravestone' | 'takuri' | 'longlegged';

type StarKernel = (o: number, h: number, l: number, c: number, out: number, start: number, n: number,
  pb: number, fb: number, tb: number, pt: number, ft: number, tt: number, ps: number, fs: number, ts: number, pen: number) => void;

/** The star family's kernels, by pattern. */
export type StarName = 'morningstar' | 'eveningstar' | 'morningdojistar' | 'eveningdojistar';

const load = heapModule<Kernels>(WASM_BASE64);

let enabled = true;
let runs = 0;

/** How many calls the wasm kernels took (tests check that a path ran). */
export function candleKernelRuns(): number {
  return runs;
}

/** Turns the wasm kernels off (tests: the JavaScript kernels on heap arrays) or back on. */
export function setCandleKernels(on: boolean): void {
  enabled = on;
}

/** Below this many bars the call and its checks cost about what the JavaScript loop does (see elementwise.ts). */
export const MIN_BARS = 256;

/** Byte offsets of o, h, l, c, out when all five are heap series of out's length and out overlaps none of the others. */
const offs = new Int32Array(5);
function place(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array): boolean {
  const n = out.length;
  if (!enabled || n < MIN_BARS || o.length !== n || h.length !== n || l.length !== n || c.length !== n) return false;
  const po = heapOffset(out);
  if (po < 0) return false;
  const bytes = n * 8;
  const ins = [o, h, l, c];
  for (let k = 0; k < 4; k++) {
    const p = heapOffset(ins[k]!);
    if (p < 0 || !apart(p, po, bytes)) return false;
    offs[k] = p;
  }
  offs[4] = po;
  return load() !== undefined;
}

/** CDLDOJI from bar `start`: BodyDoji's period `p`, factor `f`, and its total `t` over the `p` bars before `start`. */
export function heapDoji(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array,
  start: number, p: number, f: number, t: number): boolean {
  if (!place(o, h, l, c, out)) return false;
  load()!.doji(offs[0]!, offs[1]!, offs[2]!, offs[3]!, offs[4]!, start, out.length, p, f, t);
  runs++;
  return true;
}

/** CDLRICKSHAWMAN from bar `start`: BodyDoji (pd, fd, td), ShadowLong's factor fl, Near (pn, fn, tn). */
export function heapRickshaw(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array,
  start: number, pd: number, fd: number, td: number, fl: number, pn: number, fn: number, tn: number): boolean {
  if (!place(o, h, l, c, out)) return false;
  load()!.rickshaw(offs[0]!, offs[1]!, offs[2]!, offs[3]!, offs[4]!, start, out.length, pd, fd, td, fl, pn, fn, tn);
  runs++;
  return true;
}

/** CDLTASUKIGAP from bar `start`: Near's period `p`, factor `f`, and its total `t` over the `p` bars before `start - 1`. */
export function heapTasuki(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array,
  start: number, p: number, f: number, t: number): boolean {
  if (!place(o, h, l, c, out)) return false;
  load()!.tasuki(offs[0]!, offs[1]!, offs[2]!, offs[3]!, offs[4]!, start, out.length, p, f, t);
  runs++;
  return true;
}

/** CDLCONCEALBABYSWALL from bar `start`: ShadowVeryShort's period `p`, factor `f`, totals of bars start - 3, - 2, - 1. */
export function heapConceal(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array,
  start: number, p: number, f: number, t3: number, t2: number, t1: number): boolean {
  if (!place(o, h, l, c, out)) return false;
  load()!.conceal(offs[0]!, offs[1]!, offs[2]!, offs[3]!, offs[4]!, start, out.length, p, f, t3, t2, t1);
  runs++;
  return true;
}

/** CDLHIKKAKE from bar `start` (its state primed on the 3 bars before, as the JavaScript kernel). */
export function heapHikkake(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array, start: number): boolean {
  if (!place(o, h, l, c, out)) return false;
  load()!.hikkake(offs[1]!, offs[2]!, offs[3]!, offs[4]!, start, out.length);
  runs++;
  return true;
}

/**
 * CDLMORNINGSTAR, CDLEVENINGSTAR and the doji variants from bar `start`: BodyLong (pb, fb, total tb
 * of bar start - 2), the star's BodyShort or BodyDoji (pt, ft, tt of bar start - 1), BodyShort
 * (ps, fs, ts of bar start), the penetration.
 */
export function heapStar(kind: StarName, o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array,
  start: number, pb: number, fb: number, tb: number, pt: number, ft: number, tt: number, ps: number, fs: number, ts: number, pen: number): boolean {
  if (!place(o, h, l, c, out)) return false;
  load()![kind](offs[0]!, offs[1]!, offs[2]!, offs[3]!, offs[4]!, start, out.length, pb, fb, tb, pt, ft, tt, ps, fs, ts, pen);
  runs++;
  return true;
}

/**
 * CDLDRAGONFLYDOJI, CDLGRAVESTONEDOJI, CDLTAKURI, CDLLONGLEGGEDDOJI from bar `start`: BodyDoji
 * (pd, fd, total td), ShadowVeryShort (pv, fv, tv; unused by CDLLONGLEGGEDDOJI) and the factor of
 * the period-0 shadow setting (ShadowVeryLong for CDLTAKURI, ShadowLong for CDLLONGLEGGEDDOJI).
 */
export function heapDojiShadow(kind: DojiShadowName, o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array,
  start: number, pd: number, fd: number, td: number, pv: number, fv: number, tv: number, fl: number): boolean {
  if (!place(o, h, l, c, out)) return false;
  load()![kind](offs[0]!, offs[1]!, offs[2]!, offs[3]!, offs[4]!, start, out.length, pd, fd, td, pv, fv, tv, fl);
  runs++;
  return true;
}

/** The running totals CDLADVANCEBLOCK starts from at bar `start` (see candles.wat). */
export interface AdvanceBlockTotals {
  ps: number; fs: number; s2: number; s1: number; s0: number; fl: number; pn: number; fn: number; n2: number; n1: number;
  pf: number; ff: number; f2: number; f1: number; pb: number; fb: number; b: number;
}

/** CDLADVANCEBLOCK from bar `start`. */
export function heapAdvanceBlock(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array,
  start: number, t: AdvanceBlockTotals): boolean {
  if (!place(o, h, l, c, out)) return false;
  load()!.advanceblock(offs[0]!, offs[1]!, offs[2]!, offs[3]!, offs[4]!, start, out.length,
    t.ps, t.fs, t.s2, t.s1, t.s0, t.fl, t.pn, t.fn, t.n2, t.n1, t.pf, t.ff, t.f2, t.f1, t.pb, t.fb, t.b);
  runs++;
  return true;
}

/** The running totals CDL3WHITESOLDIERS starts from at bar `start` (see candles.wat). */
export interface WhiteSoldiersTotals {
  pv: number; fv: number; v2: number; v1: number; v0: number; pn: number; fn: number; n2: number; n1: number;
  pf: number; ff: number; f2: number; f1: number; ps: number; fs: number; s: number;
}

/** CDL3WHITESOLDIERS from bar `start`. */
export function heapWhiteSoldiers(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array,
  start: number, t: WhiteSoldiersTotals): boolean {
  if (!place(o, h, l, c, out)) return false;
  load()!.whitesoldiers(offs[0]!, offs[1]!, offs[2]!, offs[3]!, offs[4]!, start, out.length,
    t.pv, t.fv, t.v2, t.v1, t.v0, t.pn, t.fn, t.n2, t.n1, t.pf, t.ff, t.f2, t.f1, t.ps, t.fs, t.s);
  runs++;
  return true;
}

/** CDLLADDERBOTTOM from bar `start`: ShadowVeryShort's period `p`, factor `f`, and its total `t` over the `p` bars before `start - 1`. */
export function heapLadder(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array,
  start: number, p: number, f: number, t: number): boolean {
  if (!place(o, h, l, c, out)) return false;
  load()!.ladder(offs[0]!, offs[1]!, offs[2]!, offs[3]!, offs[4]!, start, out.length, p, f, t);
  runs++;
  return true;
}

/** CDL3BLACKCROWS from bar `start`: ShadowVeryShort's period `p`, factor `f`, totals of bars start - 2, - 1 and start. */
export function heapBlackCrows(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, out: Float64Array,
  start: number, p: number, f: number, t2: number, t1: number, t0: number): boolean {
  if (!place(o, h, l, c, out)) return false;
  load()!.blackcrows(offs[0]!, offs[1]!, offs[2]!, offs[3]!, offs[4]!, start, out.length, p, f, t2, t1, t0);
  runs++;
  return true;
}
