/** MACDEXT: MACD with a selectable MA type for the fast, slow and signal lines (warm-up of the longest MA + the signal MA). */
import type { IndicatorDef } from '../types.js';
import { scratch, type Arena } from '../arena.js';
import { maTypeParam, p } from '../defkit.js';
import { maInto, maLookback } from '../overlap/ma.js';
import { macdOuts, type Triple } from './macd.js';
import { blank, fastP, MOMENTUM, signalP, slowP } from './shared.js';

export function macdext(
  real: Float64Array,
  fastPeriod: number, fastMaType: number,
  slowPeriod: number, slowMaType: number,
  signalPeriod: number, signalMaType: number,
  into?: readonly Float64Array[], arena: Arena = scratch,
): Triple {
  if (slowPeriod < fastPeriod) {
    [fastPeriod, slowPeriod] = [slowPeriod, fastPeriod];
    [fastMaType, slowMaType] = [slowMaType, fastMaType];
  }
  const n = real.length;
  const macdOut = into?.[0] ?? new Float64Array(n);
  const signal = into?.[1] ?? new Float64Array(n);
  const hist = into?.[2] ?? new Float64Array(n);
  const lbLargest = Math.max(maLookback(fastPeriod, fastMaType), maLookback(slowPeriod, slowMaType));
  const start = lbLargest + maLookback(signalPeriod, signalMaType);
  blank(macdOut, start);
  blank(signal, start);
  blank(hist, start);
  if (start >= n) return [macdOut, signal, hist];
  const m = arena.mark();
  const fast = arena.take(n);
  const slow = arena.take(n);
  maInto(real, lbLargest - maLookback(slowPeriod, slowMaType), slowPeriod, slowMaType, slow);
  maInto(real, lbLargest - maLookback(fastPeriod, fastMaType), fastPeriod, fastMaType, fast);
  for (let i = lbLargest; i < n; i++) fast[i] = fast[i]! - slow[i]!;
  maInto(fast, lbLargest, signalPeriod, signalMaType, signal);
  blank(signal, start);
  for (let i = start; i < n; i++) {
    const v = fast[i]!;
    macdOut[i] = v;
    hist[i] = v - signal[i]!;
  }
  arena.release(m);
  return [macdOut, signal, hist];
}

export const MACDEXT: IndicatorDef = {
  name: 'MACDEXT', group: MOMENTUM, description: 'MACD with a selectable MA type for the fast, slow and signal lines; read like MACD.',
  interpretation: 'Price units: read like MACD (histogram > 0 bullish, < 0 bearish; zero-line crossings = MA crossings).',
  inputs: ['real'],
  params: [
    fastP, maTypeParam('fastMAType', 0, 'MA type of the fast line'),
    slowP, maTypeParam('slowMAType', 0, 'MA type of the slow line'),
    signalP, maTypeParam('signalMAType', 0, 'MA type of the signal line'),
  ],
  outputs: macdOuts,
  lookback: (ps) => Math.max(maLookback(p(ps, 'fastPeriod'), p(ps, 'fastMAType')), maLookback(p(ps, 'slowPeriod'), p(ps, 'slowMAType')))
    + maLookback(p(ps, 'signalPeriod'), p(ps, 'signalMAType')),
  compute: ([x], ps) => macdext(x!, p(ps, 'fastPeriod'), p(ps, 'fastMAType'), p(ps, 'slowPeriod'), p(ps, 'slowMAType'), p(ps, 'signalPeriod'), p(ps, 'signalMAType')),
  computeInto: ([x], ps, outs, arena) => {
    macdext(x!, p(ps, 'fastPeriod'), p(ps, 'fastMAType'), p(ps, 'slowPeriod'), p(ps, 'slowMAType'), p(ps, 'signalPeriod'), p(ps, 'signalMAType'), outs, arena);
  },
};
