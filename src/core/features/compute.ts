/**
 * Candles + FeatureSpec -> feature columns. Every value at bar i is computed from bars 0..i
 * only (its close is the latest price used), so it is known when bar i closes; NaN marks a
 * value not yet defined (warm-up) and travels to the model as a missing value.
 * test/core/features checks this on real candles: features of a prefix equal the full run's.
 */
import type { Candles } from '../series.js';
import type { CalendarField, FeatureSpec, IndicatorFeature } from './spec.js';

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

export function computeFeatures(c: Candles, spec: FeatureSpec): FeatureColumns {
  const names: string[] = [];
  const columns: Float64Array[] = [];
  const add = (name: string, col: Float64Array) => {
    // Infinite values (0 prices, 0 volumes) are missing, not numbers a tree can split on.
    for (let i = 0; i < col.length; i++) if (!Number.isFinite(col[i]!)) col[i] = NaN;
    names.push(name);
    columns.push(col);
  };
  for (const f of spec.indicators) {
    const r = indicatorColumns(c, f);
    r.names.forEach((n, k) => add(n, r.columns[k]!));
  }
  for (const k of spec.returns) add(`ret_${k}`, logReturn(c.close, k));
  for (const w of spec.volatility) add(`vol_${w}`, rollingVolatility(c.close, w));
  for (const w of spec.volume) add(`vz_${w}`, volumeZ(c.volume, w));
  if (spec.range) add('range', Float64Array.from(c.high, (h, i) => (h - c.low[i]!) / c.close[i]!));
  for (const f of spec.calendar) add(f, calendar(c.time, f));
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new Error(`feature "${n}" appears twice in the spec`);
    seen.add(n);
  }
  return { names, columns };
}
