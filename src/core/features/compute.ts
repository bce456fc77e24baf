/**
 * Candles + FeatureSpec -> feature columns. Every value at bar i is computed from bars 0..i
 * only (its close is the latest price used), so it is known when bar i closes; NaN marks a
 * value not yet defined (warm-up) and travels to the model as a missing value.
 * test/core/features checks this on real candles: features of a prefix equal the full run's.
 */
import type { Candles } from '../series.js';
import type { CalendarField, FeatureSpec, HigherSpec, IndicatorFeature, StructureSpec } from './spec.js';
import { resample } from '../resample.js';
import { findSwings } from '../structure/swings.js';
import { timeframeMs } from '../timeframes.js';

export interface FeatureColumns {
  names: string[];
  columns: Float64Array[];
}

function indicatorColumns(c: Candles, f: IndicatorFeature): FeatureColumns {
  let nextReal = 0;
  const inputs = f.def.inputs.map((name) => {
    switch (name) {
      case 'open': return c.open;
      case 'high': return c.high;
      case 'low': return c.low;
      case 'close': return c.close;
      case 'volume': return c.volume;
      default: return c[f.sources[nextReal++]!];
    }
  });
  const outs = f.def.compute(inputs, f.params);
  const paramTag = Object.entries(f.params).map(([k, v]) => `${k}=${v}`).join(',');
  const names: string[] = [];
  const columns: Float64Array[] = [];
  f.def.outputs.forEach((o, k) => {
    if (!f.outputs.includes(o.name)) return;
    let col = outs[k]!;
    if (f.scale === 'close') {
      col = Float64Array.from(col, (v, i) => v / c.close[i]! - 1);
    }
    const multi = f.def.outputs.length > 1 ? `.${o.name}` : '';
    const real = f.def.inputs.some((x) => x.startsWith('real'));
    const src = real && f.sources.join(',') !== 'close' ? `@${f.sources.join(',')}` : '';
    names.push(`${f.def.name.toLowerCase()}(${paramTag})${multi}${src}${f.scale === 'close' ? '/close' : ''}`);
    columns.push(col);
  });
  return { names, columns };
}

/** log(close[i] / close[i-k]) */
export function logReturn(close: Float64Array, k: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  for (let i = k; i < close.length; i++) out[i] = Math.log(close[i]! / close[i - k]!);
  return out;
}

/** Sample std of 1-bar log returns over the last w bars (bars i-w+1..i). */
export function rollingVolatility(close: Float64Array, w: number): Float64Array {
  const r = logReturn(close, 1);
  return rollingStd(r, w);
}

function rollingStd(x: Float64Array, w: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  // Recomputed per bar (no running sums): exact, and prefix-invariant by construction.
  for (let i = w - 1; i < x.length; i++) {
    let s = 0, ok = true;
    for (let j = i - w + 1; j <= i; j++) {
      if (!Number.isFinite(x[j]!)) { ok = false; break; }
      s += x[j]!;
    }
    if (!ok) continue;
    const mean = s / w;
    let v = 0;
    for (let j = i - w + 1; j <= i; j++) v += (x[j]! - mean) ** 2;
    out[i] = Math.sqrt(v / (w - 1));
  }
  return out;
}

/** z-score of log(1 + volume) at bar i against bars i-w+1..i. */
export function volumeZ(volume: Float64Array, w: number): Float64Array {
  const lv = Float64Array.from(volume, (v) => Math.log1p(v));
  const sd = rollingStd(lv, w);
  const out = new Float64Array(volume.length).fill(NaN);
  for (let i = w - 1; i < volume.length; i++) {
    let s = 0;
    for (let j = i - w + 1; j <= i; j++) s += lv[j]!;
    const d = sd[i]!;
    out[i] = d > 0 ? (lv[i]! - s / w) / d : NaN;
  }
  return out;
}

function calendar(time: Float64Array, field: CalendarField): Float64Array {
  return Float64Array.from(time, (t) => {
    const d = new Date(t);
    switch (field) {
      case 'hour': return d.getUTCHours();
      case 'weekday': return d.getUTCDay();
      case 'dayOfMonth': return d.getUTCDate();
      case 'month': return d.getUTCMonth() + 1;
    }
  });
}

/** The columns a base or higher timeframe shares: indicators, returns, volatility, volume, range. */
function priceColumns(c: Candles, spec: Pick<FeatureSpec, 'indicators' | 'returns' | 'volatility' | 'volume' | 'range'>, add: (name: string, col: Float64Array) => void): void {
  for (const f of spec.indicators) {
    const r = indicatorColumns(c, f);
    r.names.forEach((n, k) => add(n, r.columns[k]!));
  }
  for (const k of spec.returns) add(`ret_${k}`, logReturn(c.close, k));
  for (const w of spec.volatility) add(`vol_${w}`, rollingVolatility(c.close, w));
  for (const w of spec.volume) add(`vz_${w}`, volumeZ(c.volume, w));
  if (spec.range) add('range', Float64Array.from(c.high, (h, i) => (h - c.low[i]!) / c.close[i]!));
}

/** Bar length of a series whose timeframe is not known: the most common spacing of its first bars (gaps are rarer than bars). */
export function inferBarMs(time: Float64Array): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < Math.min(time.length, 2000); i++) {
    const d = time[i]! - time[i - 1]!;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = NaN, n = 0;
  for (const [d, k] of counts) if (k > n || (k === n && d < best)) [best, n] = [d, k];
  return best;
}

/**
 * A higher timeframe's columns on the base bars. The higher candle [T, T+H) is built from
 * the base bars inside it and becomes usable at the first base bar whose CLOSE is at or
 * after T+H, never while it is still forming: at base bar i the value is that of the latest
 * higher candle with T + H <= time[i] + baseMs.
 */
function higherColumns(c: Candles, h: HigherSpec, baseMs: number, add: (name: string, col: Float64Array) => void): void {
  const H = timeframeMs(h.timeframe);
  if (!(H > baseMs)) throw new Error(`higher timeframe ${h.timeframe} is not above the base bars (${baseMs / 60_000} min)`);
  const hc = resample(c, h.timeframe);
  const n = c.time.length;
  // For each base bar, the index of the latest closed higher candle (or -1).
  const at = new Int32Array(n).fill(-1);
  let k = -1;
  for (let i = 0; i < n; i++) {
    const closeTime = c.time[i]! + baseMs;
    while (k + 1 < hc.time.length && hc.time[k + 1]! + H <= closeTime) k++;
    at[i] = k;
  }
  priceColumns(hc, h, (name, col) => add(`${h.timeframe}:${name}`, Float64Array.from(at, (j) => (j < 0 ? NaN : col[j]!))));
}

/**
 * Structure from confirmed swings (findSwings; a swing at bar j is known at j + strength):
 *  - sr_up / sr_down: distance from the close to the nearest swing high above / swing low
 *    below, among swings of the last `lookback` bars, as a fraction of the close (NaN if none);
 *  - leg: +1 while the latest confirmed swing is a low (an up leg from it), -1 after a high;
 *  - pullback: how much of the last completed leg the price has given back
 *    (0 = at the leg's end, 1 = back at its start, > 1 beyond it);
 *  - swing_age: bars since the latest swing was confirmed.
 */
function structureColumns(c: Candles, st: StructureSpec, add: (name: string, col: Float64Array) => void): void {
  const n = c.time.length;
  const swings = findSwings(c.time, c.high, c.low, st.strength);
  const up = new Float64Array(n).fill(NaN), down = new Float64Array(n).fill(NaN);
  const leg = new Float64Array(n).fill(NaN), pullback = new Float64Array(n).fill(NaN), age = new Float64Array(n).fill(NaN);
  let known = 0; // swings[0..known) are confirmed by bar i
  let lastHigh: { index: number; price: number } | undefined;
  let lastLow: { index: number; price: number } | undefined;
  let latest: { kind: 'high' | 'low'; confirmedAt: number } | undefined;
  for (let i = 0; i < n; i++) {
    while (known < swings.length && swings[known]!.confirmedAt <= i) {
      const s = swings[known++]!;
      if (s.kind === 'high') lastHigh = { index: s.index, price: s.price };
      else lastLow = { index: s.index, price: s.price };
      latest = { kind: s.kind, confirmedAt: s.confirmedAt };
    }
    const close = c.close[i]!;
    let above = Infinity, below = -Infinity;
    for (let j = known - 1; j >= 0; j--) {
      const s = swings[j]!;
      if (s.index < i - st.lookback) break;
      if (s.kind === 'high' && s.price > close && s.price < above) above = s.price;
      if (s.kind === 'low' && s.price < close && s.price > below) below = s.price;
    }
    if (above < Infinity) up[i] = above / close - 1;
    if (below > -Infinity) down[i] = 1 - below / close;
    if (latest) {
      leg[i] = latest.kind === 'low' ? 1 : -1;
      age[i] = i - latest.confirmedAt;
    }
    if (lastHigh && lastLow && lastHigh.price > lastLow.price) {
      const span = lastHigh.price - lastLow.price;
      // The leg ends at whichever swing came later.
      pullback[i] = lastHigh.index > lastLow.index ? (lastHigh.price - close) / span : (close - lastLow.price) / span;
    }
  }
  add('sr_up', up);
  add('sr_down', down);
  add('leg', leg);
  add('pullback', pullback);
  add('swing_age', age);
}

/** `barMs`, the base bar length, is needed only for higher-timeframe features (when a candle closes). */
export function computeFeatures(c: Candles, spec: FeatureSpec, barMs?: number): FeatureColumns {
  const names: string[] = [];
  const columns: Float64Array[] = [];
  const add = (name: string, col: Float64Array) => {
    // Infinite values (0 prices, 0 volumes) are missing, not numbers a tree can split on.
    for (let i = 0; i < col.length; i++) if (!Number.isFinite(col[i]!)) col[i] = NaN;
    names.push(name);
    columns.push(col);
  };
  priceColumns(c, spec, add);
  for (const f of spec.calendar) add(f, calendar(c.time, f));
  if (spec.structure) structureColumns(c, spec.structure, add);
  if (spec.higher.length > 0) {
    if (barMs === undefined) throw new Error('higher-timeframe features need the base bar length');
    for (const h of spec.higher) higherColumns(c, h, barMs, add);
  }
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new Error(`feature "${n}" appears twice in the spec`);
    seen.add(n);
  }
  return { names, columns };
}
