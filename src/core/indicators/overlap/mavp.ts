/** MAVP: a moving average whose period is read per bar (warm-up of the MA at maxPeriod). */
import { IndicatorError, MaType, type IndicatorDef } from '../types.js';
import { scratch, type Arena } from '../arena.js';
import { intParam, maTypeParam, p, real } from '../defkit.js';
import { maInto, maLookback } from './ma.js';
import { OVERLAP } from './shared.js';

/**
 * MA with a per-bar period (truncated, clamped to [minPeriod, maxPeriod]). Like TA-Lib,
 * each distinct period's MA is computed once over the range that starts at the
 * maxPeriod lookback, so EMA-family seeds depend on that start, not on bar 0.
 */
export function mavp(
  real: Float64Array, periods: Float64Array, minPeriod: number, maxPeriod: number, maType: number,
  into?: Float64Array, arena: Arena = scratch,
): Float64Array {
  if (minPeriod > maxPeriod) throw new IndicatorError(`MAVP: minPeriod ${minPeriod} exceeds maxPeriod ${maxPeriod}`, 'minPeriod');
  const n = real.length;
  const out = into ?? new Float64Array(n);
  const start = maLookback(maxPeriod, maType);
  out.fill(NaN, 0, Math.min(start, n));
  if (start >= n) return out;
  if (maType === MaType.SMA && minPeriod >= 2 && maxPeriod - minPeriod < 64) {
    smaMavpInto(real, periods, minPeriod | 0, maxPeriod | 0, start, out, arena);
    return out;
  }
  const m = arena.mark();
  // per-bar period (small integers, exact in a double), 0 once that period's MA was copied
  const per = arena.take(n);
  for (let i = start; i < n; i++) {
    const q = Math.trunc(periods[i]!);
    per[i] = !(q >= minPeriod) ? minPeriod : q > maxPeriod ? maxPeriod : q;
  }
  const tmp = arena.take(n);
  for (let i = start; i < n; i++) {
    const cur = per[i]!;
    if (cur === 0) continue;
    maInto(real, start - maLookback(cur, maType), cur, maType, tmp);
    out[i] = tmp[i]!;
    for (let j = i + 1; j < n; j++) {
      if (per[j] === cur) { per[j] = 0; out[j] = tmp[j]!; }
    }
  }
  arena.release(m);
  return out;
}

/*
 * The SMA case (the default maType) in one pass over the bars: smaInto's running sum for every
 * period in [minPeriod, maxPeriod] side by side (each started where mavp's per-period smaInto
 * call starts it, at start - period + 1, and updated add-newest, drop-oldest in its order), the
 * bar's own period read off its sum + the new value, divided as smaInto divides: the same double
 * as that period's SMA at that bar. Instead of one full SMA pass per distinct period plus a scan
 * of the rest of the series for each (TA-Lib's way), the series is read once; ranges of up to 64
 * periods only (the per-bar work is one add and one subtract per period).
 */
function smaMavpInto(
  real: Float64Array, periods: Float64Array, minP: number, maxP: number, start: number, out: Float64Array, arena: Arena,
): void {
  const n = real.length;
  const k = maxP - minP + 1;
  const m = arena.mark();
  const sums = arena.take(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = start - (minP + j) + 1; i < start; i++) s += real[i]!;
    sums[j] = s;
  }
  for (let i = start; i < n; i++) {
    const v = real[i]!;
    const t = Math.trunc(periods[i]!);
    const q = !(t >= minP) ? minP : t > maxP ? maxP : t;
    out[i] = (sums[q - minP]! + v) / q;
    // period minP + j drops real[i - (minP + j) + 1]
    for (let j = 0, o = i - minP + 1; j < k; j++, o--) sums[j] = sums[j]! + v - real[o]!;
  }
  arena.release(m);
}

export const MAVP: IndicatorDef = {
  name: 'MAVP', group: OVERLAP, description: 'Moving average whose period is read per bar from `periods` (clamped to [minPeriod, maxPeriod]).',
  interpretation: 'Price units; read like the chosen MA at each bar\'s own period.',
  inputs: ['real', 'periods'],
  params: [
    intParam('minPeriod', 2, 2, 100000, 'Smallest period allowed'),
    intParam('maxPeriod', 30, 2, 100000, 'Largest period allowed'),
    maTypeParam(),
  ],
  outputs: real(),
  lookback: (params) => maLookback(p(params, 'maxPeriod'), p(params, 'maType')),
  compute: ([x, per], params) => [mavp(x!, per!, p(params, 'minPeriod'), p(params, 'maxPeriod'), p(params, 'maType'))],
  computeInto: ([x, per], params, [out], arena) => {
    mavp(x!, per!, p(params, 'minPeriod'), p(params, 'maxPeriod'), p(params, 'maType'), out, arena);
  },
};
