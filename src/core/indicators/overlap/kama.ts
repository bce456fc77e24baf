/** KAMA: Kaufman's adaptive MA between EMA(2) and EMA(30) speeds (warm-up period, 0 for period 1). */
import { withWarmup } from '../defkit.js';
import { maDef } from './shared.js';
import { kamaWasm } from '../wasm/stats.js';

export function kamaLookback(period: number): number { return period === 1 ? 0 : period; }

/** Kaufman adaptive MA: the efficiency ratio picks a smoothing between EMA(2) and EMA(30). */
export function kamaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  from |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  period |= 0;
  const n = src.length;
  if (from < 0) return;
  if (period === 1) {
    for (let i = from; i < n; i++) out[i] = src[i]!;
    return;
  }
  if (from + period >= n) return;
  // The EMA(2) and EMA(30) bounds as locals, not module constants: a bundler turns those into
  // module-level `var`s, which V8 (node 20) reloads and unboxes from the context on every bar.
  const slow = 2 / (30 + 1);
  const diff = 2 / (2 + 1) - slow;
  let sumRoc1 = 0;
  let today = from;
  for (let c = 0; c < period; c++, today++) sumRoc1 += Math.abs(src[today]! - src[today + 1]!);
  let trailing = from;
  let prev = src[today - 1]!;
  let periodRoc = src[today]! - src[trailing]!;
  let trailingValue = src[trailing++]!;
  // TA-Lib's efficiency ratio: a flat or one-way window counts as fully efficient.
  let er = sumRoc1 <= periodRoc || (sumRoc1 > -1e-14 && sumRoc1 < 1e-14) ? 1 : Math.abs(periodRoc / sumRoc1);
  let sc = er * diff + slow;
  sc *= sc;
  prev = (src[today]! - prev) * sc + prev;
  out[today++] = prev;
  // the previous bar's value carried in a local (one read fewer per bar, the same difference)
  let last = src[today - 1]!;
  while (today < n) {
    const x = src[today]!;
    const old = src[trailing++]!;
    periodRoc = x - old;
    sumRoc1 -= Math.abs(trailingValue - old);
    sumRoc1 += Math.abs(x - last);
    last = x;
    trailingValue = old;
    er = sumRoc1 <= periodRoc || (sumRoc1 > -1e-14 && sumRoc1 < 1e-14) ? 1 : Math.abs(periodRoc / sumRoc1);
    sc = er * diff + slow;
    sc *= sc;
    prev = (x - prev) * sc + prev;
    out[today++] = prev;
  }
}

export function kama(real: Float64Array, period: number, out?: Float64Array): Float64Array {
  // series-heap arrays: wasm/stats.ts (false: the JavaScript kernel)
  return withWarmup(real.length, kamaLookback(period), (o) => { if (!kamaWasm(real, period | 0, o)) kamaInto(real, 0, period, o); }, out);
}

export const KAMA = maDef('KAMA', 'Kaufman adaptive MA: follows price closely in trends, flattens in noise (efficiency ratio over timePeriod).', 'Price units; a flat KAMA means noise (no trend), a sloping one an efficient trend; price crossing it is a trend signal.', kamaLookback, kama);
