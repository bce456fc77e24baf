/** APO: absolute price oscillator, fast MA - slow MA in price units (warm-up of the slow MA). PPO shares the kernel. */
import { MaType, type IndicatorDef } from '../types.js';
import { type Arena, outArray, scratch } from '../arena.js';
import { isZero, maTypeParam, p, real } from '../defkit.js';
import { maInto, maLookback } from '../overlap/ma.js';
import { fastP, MOMENTUM, slowP } from './shared.js';

/**
 * Fast MA - slow MA (or its percentage of the slow MA) into `into` (fresh when absent). The two
 * MAs are temporaries from `arena`: fresh 8 MB arrays per call cost more in first-touched pages
 * than the arithmetic (APO took ~40x TA-Lib C's time that way on 1M bars). Only cells from the
 * slow MA's lookback on are read, and both MAs write every one of them.
 */
export function priceOscillator(
  real: Float64Array, fastPeriod: number, slowPeriod: number, maType: number, percent: boolean,
  into?: Float64Array, arena: Arena = scratch,
): Float64Array {
  if (slowPeriod < fastPeriod) [fastPeriod, slowPeriod] = [slowPeriod, fastPeriod];
  const n = real.length;
  const start = maLookback(slowPeriod, maType);
  const out = outArray(n, start, into);
  if (start >= n) return out;
  if (maType === MaType.SMA && fastPeriod > 1) {
    smaOscillatorInto(real, fastPeriod, slowPeriod, percent, out);
    return out;
  }
  const m = arena.mark();
  const fast = arena.take(n);
  const slow = arena.take(n);
  maInto(real, start - maLookback(fastPeriod, maType), fastPeriod, maType, fast);
  maInto(real, 0, slowPeriod, maType, slow);
  if (percent) {
    for (let i = start; i < n; i++) {
      const s = slow[i]!;
      out[i] = isZero(s) ? 0 : ((fast[i]! - s) / s) * 100;
    }
  } else {
    for (let i = start; i < n; i++) out[i] = fast[i]! - slow[i]!;
  }
  arena.release(m);
  return out;
}

/*
 * The SMA case (the default maType) in one pass: the two running sums of smaInto side by side,
 * each started where smaInto starts it (the fast one at slow lookback - fast lookback), each
 * updated add-newest, divide, drop-oldest as there, so the two means and their difference are
 * the same doubles; but no temporaries and 4 array accesses per bar instead of 9 (two SMA passes
 * and a combining pass). 2 <= fastPeriod <= slowPeriod < n here.
 */
function smaOscillatorInto(x: Float64Array, fp: number, sp: number, percent: boolean, out: Float64Array): void {
  const n = x.length;
  const start = sp - 1;
  let sf = 0;
  let ss = 0;
  for (let i = sp - fp; i < start; i++) sf += x[i]!;
  for (let i = 0; i < start; i++) ss += x[i]!;
  for (let i = start, tf = sp - fp, ts = 0; i < n; i++, tf++, ts++) {
    const v = x[i]!;
    sf += v;
    ss += v;
    const f = sf / fp;
    const s = ss / sp;
    sf -= x[tf]!;
    ss -= x[ts]!;
    // PPO: (fast - slow) / slow * 100, 0 where the slow mean is within 1e-14 of 0.
    out[i] = !percent ? f - s : isZero(s) ? 0 : ((f - s) / s) * 100;
  }
}

/** Absolute price oscillator: fast MA - slow MA (price units). */
export function apo(real: Float64Array, fastPeriod: number, slowPeriod: number, maType: number, into?: Float64Array, arena?: Arena): Float64Array {
  return priceOscillator(real, fastPeriod, slowPeriod, maType, false, into, arena);
}

export const APO: IndicatorDef = {
  name: 'APO', group: MOMENTUM, description: 'Absolute price oscillator: fast MA - slow MA in price units; above 0 = short-term trend up.',
  interpretation: 'Price units: above 0 the fast MA is above the slow one (upward momentum), below 0 downward; crossings of 0 mark trend changes.',
  inputs: ['real'], params: [fastP, slowP, maTypeParam()], outputs: real(),
  lookback: (ps) => maLookback(Math.max(p(ps, 'fastPeriod'), p(ps, 'slowPeriod')), p(ps, 'maType')),
  compute: ([x], ps) => [apo(x!, p(ps, 'fastPeriod'), p(ps, 'slowPeriod'), p(ps, 'maType'))],
  computeInto: ([x], ps, [out], arena) => { apo(x!, p(ps, 'fastPeriod'), p(ps, 'slowPeriod'), p(ps, 'maType'), out, arena); },
};
