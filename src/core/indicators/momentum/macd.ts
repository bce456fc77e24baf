/**
 * MACD and MACDFIX: EMA(fast) - EMA(slow), its EMA signal line and the histogram (warm-up
 * slow - 1 + signal - 1). TA-Lib seeds the fast EMA (slow - fast) bars after the slow one, so
 * both lines start from the composite's own first bar.
 */
import { outArray, scratch, type Arena } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { p, real } from '../defkit.js';
import { emaKInto } from '../overlap/ema.js';
import { fastP, MOMENTUM, signalP, slowP } from './shared.js';

export type Triple = [Float64Array, Float64Array, Float64Array];

/**
 * TA_INT_MACD. A period of 0 selects the classic fixed factors (0.15 for 12, 0.075 for 26)
 * that MACDFIX uses; they differ slightly from 2/(p+1).
 */
function macdCore(real: Float64Array, fastPeriod: number, slowPeriod: number, signalPeriod: number, into?: readonly Float64Array[], arena: Arena = scratch): Triple {
  if (slowPeriod < fastPeriod) [fastPeriod, slowPeriod] = [slowPeriod, fastPeriod];
  let kSlow: number;
  let kFast: number;
  if (slowPeriod !== 0) kSlow = 2 / (slowPeriod + 1);
  else { slowPeriod = 26; kSlow = 0.075; }
  if (fastPeriod !== 0) kFast = 2 / (fastPeriod + 1);
  else { fastPeriod = 12; kFast = 0.15; }
  const n = real.length;
  const lbSignal = signalPeriod - 1;
  const lbSlow = slowPeriod - 1;
  const start = lbSignal + lbSlow;
  const macd = outArray(n, start, into?.[0]);
  const signal = outArray(n, start, into?.[1]);
  const hist = outArray(n, start, into?.[2]);
  if (start >= n) return [macd, signal, hist];
  const mark = arena.mark();
  const fast = arena.take(n);
  const slow = arena.take(n);
  emaKInto(real, 0, slowPeriod, kSlow, slow);
  emaKInto(real, lbSlow - (fastPeriod - 1), fastPeriod, kFast, fast);
  for (let i = lbSlow; i < n; i++) fast[i] = fast[i]! - slow[i]!;
  // The signal EMA writes from `start` on (seeded from fast[lbSlow..start]), after the NaN prefix.
  emaKInto(fast, lbSlow, signalPeriod, 2 / (signalPeriod + 1), signal);
  for (let i = start; i < n; i++) {
    const m = fast[i]!;
    macd[i] = m;
    hist[i] = m - signal[i]!;
  }
  arena.release(mark);
  return [macd, signal, hist];
}

export function macd(real: Float64Array, fastPeriod: number, slowPeriod: number, signalPeriod: number, into?: readonly Float64Array[], arena?: Arena): Triple {
  return macdCore(real, fastPeriod, slowPeriod, signalPeriod, into, arena);
}

export function macdfix(real: Float64Array, signalPeriod: number, into?: readonly Float64Array[], arena?: Arena): Triple {
  return macdCore(real, 0, 0, signalPeriod, into, arena);
}

export const macdOuts = real('outMACD', 'outMACDSignal', 'outMACDHist');

export const MACD: IndicatorDef = {
  name: 'MACD', group: MOMENTUM, description: 'MACD: EMA(fast) - EMA(slow), its EMA signal line, and the histogram (MACD - signal); histogram sign = momentum direction.',
  interpretation: 'Price units: MACD above its signal line (histogram > 0) = bullish momentum, below = bearish; MACD crossing 0 = the fast EMA crossing the slow one.',
  inputs: ['real'], params: [fastP, slowP, signalP], outputs: macdOuts,
  lookback: (ps) => Math.max(p(ps, 'fastPeriod'), p(ps, 'slowPeriod')) - 1 + p(ps, 'signalPeriod') - 1,
  compute: ([x], ps) => macd(x!, p(ps, 'fastPeriod'), p(ps, 'slowPeriod'), p(ps, 'signalPeriod')),
  computeInto: ([x], ps, outs, arena) => { macd(x!, p(ps, 'fastPeriod'), p(ps, 'slowPeriod'), p(ps, 'signalPeriod'), outs, arena); },
};

export const MACDFIX: IndicatorDef = {
  name: 'MACDFIX', group: MOMENTUM, description: 'MACD 12/26 with the classic fixed smoothing factors (0.15, 0.075) and a signalPeriod EMA; read like MACD.',
  interpretation: 'Price units: read like MACD (histogram > 0 bullish, < 0 bearish; zero-line crossings = MA crossings).',
  inputs: ['real'], params: [signalP], outputs: macdOuts,
  lookback: (ps) => 25 + p(ps, 'signalPeriod') - 1,
  compute: ([x], ps) => macdfix(x!, p(ps, 'signalPeriod')),
  computeInto: ([x], ps, outs, arena) => { macdfix(x!, p(ps, 'signalPeriod'), outs, arena); },
};
