/**
 * MACD and MACDFIX: EMA(fast) - EMA(slow), its EMA signal line and the histogram (warm-up
 * slow - 1 + signal - 1). TA-Lib seeds the fast EMA (slow - fast) bars after the slow one, so
 * both lines start from the composite's own first bar.
 */
import { nanPrefix, type Arena } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { ip, p, real } from '../defkit.js';
import { fastP, MOMENTUM, signalP, slowP } from './shared.js';

export type Triple = [Float64Array, Float64Array, Float64Array];

/**
 * TA_INT_MACD, fused: the slow EMA, the fast EMA, their difference and the signal EMA advance
 * together in one pass over the input, with no temporary series. Each running value follows the
 * same operations in the same order as the three separate EMA passes (seeds = sums in index
 * order, then one division; then (x - prev) * k + prev), so the outputs are those passes' bits.
 * A period of 0 selects the classic fixed factors (0.15 for 12, 0.075 for 26) that MACDFIX
 * uses; they differ slightly from 2/(p+1).
 */
function macdCore(real: Float64Array, fastPeriod: number, slowPeriod: number, signalPeriod: number, macd: Float64Array, signal: Float64Array, hist: Float64Array): void {
  if (slowPeriod < fastPeriod) { const t = fastPeriod; fastPeriod = slowPeriod; slowPeriod = t; }
  let kSlow: number;
  let kFast: number;
  if (slowPeriod !== 0) kSlow = 2 / (slowPeriod + 1);
  else { slowPeriod = 26; kSlow = 0.075; }
  if (fastPeriod !== 0) kFast = 2 / (fastPeriod + 1);
  else { fastPeriod = 12; kFast = 0.15; }
  const kSignal = 2 / (signalPeriod + 1);
  const n = real.length;
  const lbSlow = slowPeriod - 1;
  const start = signalPeriod - 1 + lbSlow;
  nanPrefix(macd, start);
  nanPrefix(signal, start);
  nanPrefix(hist, start);
  if (start >= n) return;
  // Seeds at lbSlow: the slow EMA's mean of real[0..lbSlow], the fast one's of its last fastPeriod.
  let slow = 0;
  for (let i = 0; i <= lbSlow; i++) slow += real[i]!;
  slow /= slowPeriod;
  let fast = 0;
  for (let i = lbSlow - fastPeriod + 1; i <= lbSlow; i++) fast += real[i]!;
  fast /= fastPeriod;
  let m = fast - slow;
  let sig = 0;
  sig += m;
  for (let i = lbSlow + 1; i <= start; i++) {
    const v = real[i]!;
    slow = (v - slow) * kSlow + slow;
    fast = (v - fast) * kFast + fast;
    m = fast - slow;
    sig += m;
  }
  sig /= signalPeriod;
  macd[start] = m;
  signal[start] = sig;
  hist[start] = m - sig;
  for (let i = start + 1; i < n; i++) {
    const v = real[i]!;
    slow = (v - slow) * kSlow + slow;
    fast = (v - fast) * kFast + fast;
    m = fast - slow;
    sig = (m - sig) * kSignal + sig;
    macd[i] = m;
    signal[i] = sig;
    hist[i] = m - sig;
  }
}

function triple(n: number, into: readonly Float64Array[] | undefined): Triple {
  return into ? [into[0]!, into[1]!, into[2]!] : [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
}

export function macd(real: Float64Array, fastPeriod: number, slowPeriod: number, signalPeriod: number, into?: readonly Float64Array[], _arena?: Arena): Triple {
  const o = triple(real.length, into);
  macdCore(real, fastPeriod, slowPeriod, signalPeriod, o[0], o[1], o[2]);
  return o;
}

export function macdfix(real: Float64Array, signalPeriod: number, into?: readonly Float64Array[], _arena?: Arena): Triple {
  const o = triple(real.length, into);
  macdCore(real, 0, 0, signalPeriod, o[0], o[1], o[2]);
  return o;
}

export const macdOuts = real('outMACD', 'outMACDSignal', 'outMACDHist');

export const MACD: IndicatorDef = {
  name: 'MACD', group: MOMENTUM, description: 'MACD: EMA(fast) - EMA(slow), its EMA signal line, and the histogram (MACD - signal); histogram sign = momentum direction.',
  interpretation: 'Price units: MACD above its signal line (histogram > 0) = bullish momentum, below = bearish; MACD crossing 0 = the fast EMA crossing the slow one.',
  inputs: ['real'], params: [fastP, slowP, signalP], outputs: macdOuts,
  lookback: (ps) => Math.max(p(ps, 'fastPeriod'), p(ps, 'slowPeriod')) - 1 + p(ps, 'signalPeriod') - 1,
  compute: ([x], ps) => macd(x!, p(ps, 'fastPeriod'), p(ps, 'slowPeriod'), p(ps, 'signalPeriod')),
  computeInto: ([x], ps, outs) => { macdCore(x!, ip(ps, 'fastPeriod'), ip(ps, 'slowPeriod'), ip(ps, 'signalPeriod'), outs[0]!, outs[1]!, outs[2]!); },
  bind: (ps) => {
    const fastPeriod = ip(ps, 'fastPeriod');
    const slowPeriod = ip(ps, 'slowPeriod');
    const signalPeriod = ip(ps, 'signalPeriod');
    return (inputs, outputs) => { macdCore(inputs[0]!, fastPeriod, slowPeriod, signalPeriod, outputs[0]!, outputs[1]!, outputs[2]!); };
  },
};

export const MACDFIX: IndicatorDef = {
  name: 'MACDFIX', group: MOMENTUM, description: 'MACD 12/26 with the classic fixed smoothing factors (0.15, 0.075) and a signalPeriod EMA; read like MACD.',
  interpretation: 'Price units: read like MACD (histogram > 0 bullish, < 0 bearish; zero-line crossings = MA crossings).',
  inputs: ['real'], params: [signalP], outputs: macdOuts,
  lookback: (ps) => 25 + p(ps, 'signalPeriod') - 1,
  compute: ([x], ps) => macdfix(x!, p(ps, 'signalPeriod')),
  computeInto: ([x], ps, outs) => { macdCore(x!, 0, 0, ip(ps, 'signalPeriod'), outs[0]!, outs[1]!, outs[2]!); },
  bind: (ps) => {
    const signalPeriod = ip(ps, 'signalPeriod');
    return (inputs, outputs) => { macdCore(inputs[0]!, 0, 0, signalPeriod, outputs[0]!, outputs[1]!, outputs[2]!); };
  },
};
