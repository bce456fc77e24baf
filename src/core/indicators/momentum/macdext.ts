/** MACDEXT: MACD with a selectable MA type for the fast, slow and signal lines (warm-up of the longest MA + the signal MA). */
import { nanArray, type IndicatorDef } from '../types.js';
import { maTypeParam, p } from '../defkit.js';
import { maInto, maLookback } from '../overlap/ma.js';
import { macdOuts, type Triple } from './macd.js';
import { blank, fastP, MOMENTUM, signalP, slowP } from './shared.js';

export function macdext(
  real: Float64Array,
  fastPeriod: number, fastMaType: number,
  slowPeriod: number, slowMaType: number,
  signalPeriod: number, signalMaType: number,
): Triple {
  if (slowPeriod < fastPeriod) {
    [fastPeriod, slowPeriod] = [slowPeriod, fastPeriod];
    [fastMaType, slowMaType] = [slowMaType, fastMaType];
  }
  const n = real.length;
  const macdOut = nanArray(n);
  const signal = nanArray(n);
  const hist = nanArray(n);
  const lbLargest = Math.max(maLookback(fastPeriod, fastMaType), maLookback(slowPeriod, slowMaType));
  const start = lbLargest + maLookback(signalPeriod, signalMaType);
  if (start >= n) return [macdOut, signal, hist];
  const fast = new Float64Array(n);
  const slow = new Float64Array(n);
  maInto(real, lbLargest - maLookback(slowPeriod, slowMaType), slowPeriod, slowMaType, slow);
  maInto(real, lbLargest - maLookback(fastPeriod, fastMaType), fastPeriod, fastMaType, fast);
  for (let i = lbLargest; i < n; i++) fast[i] = fast[i]! - slow[i]!;
  maInto(fast, lbLargest, signalPeriod, signalMaType, signal);
  blank(signal, start);
  for (let i = start; i < n; i++) {
    const m = fast[i]!;
    macdOut[i] = m;
    hist[i] = m - signal[i]!;
  }
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
};
