/**
 * Sextant Extras: widely used indicators that TA-Lib does not ship, on the same IndicatorDef
 * contract (aligned outputs, NaN during warm-up, value at bar i uses bars <= i only).
 *
 *  VWAP          rolling: sum(tp*v) / sum(v) over timePeriod bars, tp = (high+low+close)/3.
 *  VWAP_SESSION  same ratio accumulated since the start of the bar's UTC day; the 5th input
 *                (`real`) is the candle OPEN time in ms since the epoch. Resets when
 *                floor(time / 86_400_000) changes.
 *  ICHIMOKU      tenkan = (HH9+LL9)/2, kijun = (HH26+LL26)/2, senkouA = (tenkan+kijun)/2,
 *                senkouB = (HH52+LL52)/2, chikou = close. NO look-ahead: senkou A/B at bar i are
 *                the values computed from data up to i (charts plot them kijunPeriod bars ahead)
 *                and chikou at bar i is close[i] (charts plot it kijunPeriod bars back): the
 *                offsets are a display concern, so no output ever depends on a later bar.
 *  KELTNER       middle = EMA(timePeriod) of tp, upper/lower = middle +/- multiplier * ATR(atrPeriod).
 *  CMF           Chaikin Money Flow: sum(mfm*v) / sum(v) over timePeriod, with the money-flow
 *                multiplier mfm = ((close-low) - (high-close)) / (high-low), 0 when high == low.
 *  VROC          volume rate of change in percent: (v[i] - v[i-p]) / v[i-p] * 100 (0 if v[i-p] == 0).
 *  SUPERTREND    hl2 +/- multiplier * ATR(atrPeriod) bands that only tighten while the trend lasts;
 *                the line is the lower band in an uptrend (+1) and the upper band in a downtrend (-1).
 *  DONCHIAN      upper = highest high, lower = lowest low of the last timePeriod bars (current bar
 *                included), middle = (upper+lower)/2.
 *  HMA           Hull MA: WMA(2*WMA(n/2) - WMA(n), floor(sqrt(n))), n/2 floored.
 *  PIVOTS        classic floor pivots from the PREVIOUS bar's H/L/C: P = (H+L+C)/3,
 *                R1 = 2P-L, S1 = 2P-H, R2 = P+(H-L), S2 = P-(H-L), R3 = H+2(P-L), S3 = L-2(H-P).
 *
 * EMA and ATR follow TA-Lib's conventions (EMA seeded with the SMA of the first period values,
 * k = 2/(n+1); ATR = Wilder smoothing of true range seeded with the mean of the first period TRs)
 * but are private kernels here so this file does not depend on other families.
 * Multi-output indicators share one lookback (the longest warm-up) so every output starts together.
 *
 * NaN inputs are not special-cased: they propagate through the arithmetic (into running sums and
 * recursive smoothers, from then on), the same policy as the TA-Lib families.
 */
import { nanArray, periodParam, type IndicatorDef, type ParamSpec } from './types.js';

const GROUP = 'Sextant Extras';
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Private kernels

/**
 * Windowed ratio sum(num)/sum(den) over `period` bars with running sums. The sums are rebuilt
 * from scratch whenever i % period == 0 so rounding drift cannot accumulate over millions of
 * bars; the rebuild points depend on the absolute index only, which keeps prefix invariance.
 * `zero` is written when the denominator sum is exactly 0.
 */
function windowRatio(num: Float64Array, den: Float64Array, period: number, zero: number, out: Float64Array): void {
  const n = num.length;
  let sn = 0;
  let sd = 0;
  for (let i = 0; i < n; i++) {
    if (i % period === 0 && i >= period) {
      sn = 0;
      sd = 0;
      for (let j = i - period + 1; j <= i; j++) { sn += num[j]!; sd += den[j]!; }
    } else {
      sn += num[i]!;
      sd += den[i]!;
      if (i >= period) { sn -= num[i - period]!; sd -= den[i - period]!; }
    }
    if (i >= period - 1) out[i] = sd === 0 ? zero : sn / sd;
  }
}

/** Highest value of the last `period` bars into out[period-1..]; index-tracked like TA-Lib MAX. */
function highestInto(src: Float64Array, period: number, out: Float64Array): void {
  const n = src.length;
  let idx = -1;
  let best = 0;
  for (let today = period - 1; today < n; today++) {
    const trailing = today - period + 1;
    const v = src[today]!;
    if (idx < trailing) {
      idx = trailing;
      best = src[idx]!;
      for (let i = idx + 1; i <= today; i++) {
        if (src[i]! >= best) { idx = i; best = src[i]!; }
      }
    } else if (v >= best) {
      idx = today;
      best = v;
    }
    out[today] = best;
  }
}

function lowestInto(src: Float64Array, period: number, out: Float64Array): void {
  const n = src.length;
  let idx = -1;
  let best = 0;
  for (let today = period - 1; today < n; today++) {
    const trailing = today - period + 1;
    const v = src[today]!;
    if (idx < trailing) {
      idx = trailing;
      best = src[idx]!;
      for (let i = idx + 1; i <= today; i++) {
        if (src[i]! <= best) { idx = i; best = src[i]!; }
      }
    } else if (v <= best) {
      idx = today;
      best = v;
    }
    out[today] = best;
  }
}

/** (highest high + lowest low) / 2 over `period` bars. */
function midChannel(high: Float64Array, low: Float64Array, period: number): Float64Array {
  const hh = nanArray(high.length);
  const ll = nanArray(high.length);
  highestInto(high, period, hh);
  lowestInto(low, period, ll);
  for (let i = period - 1; i < high.length; i++) hh[i] = (hh[i]! + ll[i]!) / 2;
  return hh;
}

/** TA-Lib-style EMA: SMA seed at index period-1, then (x - prev) * k + prev. */
function emaOf(src: Float64Array, period: number): Float64Array {
  const n = src.length;
  const out = nanArray(n);
  if (n < period) return out;
  let prev = 0;
  for (let i = 0; i < period; i++) prev += src[i]!;
  prev /= period;
  out[period - 1] = prev;
  const k = 2 / (period + 1);
  for (let i = period; i < n; i++) {
    prev = (src[i]! - prev) * k + prev;
    out[i] = prev;
  }
  return out;
}

/** Wilder ATR (TA-Lib convention): first value at index `period` = mean of TR[1..period]. */
function atrOf(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  if (n <= period) return out;
  let atr = 0;
  for (let i = 1; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const pc = close[i - 1]!;
    let tr = h - l;
    const a = Math.abs(pc - h);
    if (a > tr) tr = a;
    const b = Math.abs(pc - l);
    if (b > tr) tr = b;
    if (i < period) atr += tr;
    else if (i === period) { atr = (atr + tr) / period; out[i] = atr; }
    else { atr = (atr * (period - 1) + tr) / period; out[i] = atr; }
  }
  return out;
}

/** WMA with weights 1..period (TA-Lib's running-sum form), over src[from..]. */
function wmaFrom(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  if (n - from < period) return;
  const divider = (period * (period + 1)) / 2;
  let sum = 0;
  let sub = 0;
  for (let i = 0; i < period - 1; i++) {
    const v = src[from + i]!;
    sub += v;
    sum += v * (i + 1);
  }
  let trailing = from;
  for (let i = from + period - 1; i < n; i++) {
    const v = src[i]!;
    sub += v;
    sum += v * period;
    out[i] = sum / divider;
    sum -= sub;
    sub -= src[trailing++]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Public functions

export function vwap(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period = 20): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const pv = new Float64Array(n);
  for (let i = 0; i < n; i++) pv[i] = ((high[i]! + low[i]! + close[i]!) / 3) * volume[i]!;
  windowRatio(pv, volume, period, NaN, out);
  return out;
}

/** Session VWAP; `time` is each candle's open time in ms (UTC). NaN while the session has no volume. */
export function vwapSession(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, time: Float64Array): Float64Array {
  const n = high.length;
  const out = new Float64Array(n);
  let day = NaN;
  let sn = 0;
  let sd = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.floor(time[i]! / DAY_MS);
    if (d !== day) { day = d; sn = 0; sd = 0; }
    const v = volume[i]!;
    sn += ((high[i]! + low[i]! + close[i]!) / 3) * v;
    sd += v;
    out[i] = sd === 0 ? NaN : sn / sd;
  }
  return out;
}

/** [tenkan, kijun, senkouA, senkouB, chikou], all unshifted (see header). */
export function ichimoku(high: Float64Array, low: Float64Array, close: Float64Array, tenkanPeriod = 9, kijunPeriod = 26, senkouBPeriod = 52): Float64Array[] {
  const n = high.length;
  const lb = Math.max(tenkanPeriod, kijunPeriod, senkouBPeriod) - 1;
  const tenkan = midChannel(high, low, tenkanPeriod);
  const kijun = midChannel(high, low, kijunPeriod);
  const senkouB = midChannel(high, low, senkouBPeriod);
  const senkouA = nanArray(n);
  const chikou = nanArray(n);
  for (let i = lb; i < n; i++) {
    senkouA[i] = (tenkan[i]! + kijun[i]!) / 2;
    chikou[i] = close[i]!;
  }
  const lim = Math.min(lb, n);
  tenkan.fill(NaN, 0, lim);
  kijun.fill(NaN, 0, lim);
  senkouB.fill(NaN, 0, lim);
  return [tenkan, kijun, senkouA, senkouB, chikou];
}

export function keltnerLookback(period: number, atrPeriod: number): number {
  return Math.max(period - 1, atrPeriod);
}

/** [upper, middle, lower] */
export function keltner(high: Float64Array, low: Float64Array, close: Float64Array, period = 20, atrPeriod = 10, multiplier = 2): Float64Array[] {
  const n = high.length;
  const tp = new Float64Array(n);
  for (let i = 0; i < n; i++) tp[i] = (high[i]! + low[i]! + close[i]!) / 3;
  const mid = emaOf(tp, period);
  const atr = atrOf(high, low, close, atrPeriod);
  const lb = keltnerLookback(period, atrPeriod);
  const upper = nanArray(n);
  const lower = nanArray(n);
  for (let i = lb; i < n; i++) {
    const m = mid[i]!;
    const w = multiplier * atr[i]!;
    upper[i] = m + w;
    lower[i] = m - w;
  }
  mid.fill(NaN, 0, Math.min(lb, n));
  return [upper, mid, lower];
}

export function cmf(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period = 20): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const mfv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    const range = h - l;
    // A zero-range bar carries no information on where the close sits: no money flow.
    mfv[i] = range === 0 ? 0 : (((c - l) - (h - c)) / range) * volume[i]!;
  }
  windowRatio(mfv, volume, period, 0, out);
  return out;
}

export function vroc(volume: Float64Array, period = 14): Float64Array {
  const n = volume.length;
  const out = nanArray(n);
  for (let i = period; i < n; i++) {
    const prev = volume[i - period]!;
    out[i] = prev === 0 ? 0 : ((volume[i]! - prev) / prev) * 100;
  }
  return out;
}

/** [supertrend, direction] with direction +1 (uptrend) / -1 (downtrend). */
export function supertrend(high: Float64Array, low: Float64Array, close: Float64Array, atrPeriod = 10, multiplier = 3): Float64Array[] {
  const n = high.length;
  const line = nanArray(n);
  const dir = nanArray(n);
  const atr = atrOf(high, low, close, atrPeriod);
  let upper = 0;
  let lower = 0;
  let up = false;
  for (let i = atrPeriod; i < n; i++) {
    const hl2 = (high[i]! + low[i]!) / 2;
    const w = multiplier * atr[i]!;
    const basicUpper = hl2 + w;
    const basicLower = hl2 - w;
    const c = close[i]!;
    if (i === atrPeriod) {
      // No history yet: start in a downtrend, as TradingView's ta.supertrend does.
      upper = basicUpper;
      lower = basicLower;
      up = false;
    } else {
      const pc = close[i - 1]!;
      // Bands only tighten while price stays inside them; a close beyond a band resets it.
      upper = basicUpper < upper || pc > upper ? basicUpper : upper;
      lower = basicLower > lower || pc < lower ? basicLower : lower;
      up = up ? !(c < lower) : c > upper;
    }
    line[i] = up ? lower : upper;
    dir[i] = up ? 1 : -1;
  }
  return [line, dir];
}

/** [upper, middle, lower] */
export function donchian(high: Float64Array, low: Float64Array, period = 20): Float64Array[] {
  const n = high.length;
  const upper = nanArray(n);
  const lower = nanArray(n);
  const middle = nanArray(n);
  highestInto(high, period, upper);
  lowestInto(low, period, lower);
  for (let i = period - 1; i < n; i++) middle[i] = (upper[i]! + lower[i]!) / 2;
  return [upper, middle, lower];
}

export function hmaLookback(period: number): number {
  return period - 1 + Math.floor(Math.sqrt(period)) - 1;
}

export function hma(real: Float64Array, period = 9): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  const half = Math.floor(period / 2);
  const sq = Math.floor(Math.sqrt(period));
  if (n <= hmaLookback(period)) return out;
  const wHalf = nanArray(n);
  const wFull = nanArray(n);
  wmaFrom(real, 0, half, wHalf);
  wmaFrom(real, 0, period, wFull);
  const diff = wHalf; // reused in place: wHalf[i] is read once, before being overwritten
  for (let i = period - 1; i < n; i++) diff[i] = 2 * wHalf[i]! - wFull[i]!;
  wmaFrom(diff, period - 1, sq, out);
  return out;
}

/** [pivot, r1, r2, r3, s1, s2, s3] from the previous bar. */
export function pivots(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array[] {
  const n = high.length;
  const outs = [nanArray(n), nanArray(n), nanArray(n), nanArray(n), nanArray(n), nanArray(n), nanArray(n)] as const;
  const [pp, r1, r2, r3, s1, s2, s3] = outs;
  for (let i = 1; i < n; i++) {
    const h = high[i - 1]!;
    const l = low[i - 1]!;
    const p = (h + l + close[i - 1]!) / 3;
    pp[i] = p;
    r1[i] = 2 * p - l;
    s1[i] = 2 * p - h;
    r2[i] = p + (h - l);
    s2[i] = p - (h - l);
    r3[i] = h + 2 * (p - l);
    s3[i] = l - 2 * (h - p);
  }
  return [...outs];
}

// ---------------------------------------------------------------------------------------------
// Definitions

const real = (name: string) => ({ name, kind: 'real' as const });
const realParam = (name: string, def: number, min: number, max: number, description: string): ParamSpec =>
  ({ name, type: 'real', default: def, min, max, description });

export const definitions: IndicatorDef[] = [
  {
    name: 'VWAP', group: GROUP,
    description: 'Rolling volume-weighted average of typical price over timePeriod bars; price above it means buyers paid up.',
    inputs: ['high', 'low', 'close', 'volume'], params: [periodParam(20, 'timePeriod', 1)], outputs: [real('outReal')],
    lookback: (p) => p['timePeriod']! - 1,
    compute: (i, p) => [vwap(i[0]!, i[1]!, i[2]!, i[3]!, p['timePeriod']!)],
  },
  {
    name: 'VWAP_SESSION', group: GROUP,
    description: 'Session VWAP reset at each UTC midnight (5th input: candle open time in ms); the day\'s average traded price.',
    inputs: ['high', 'low', 'close', 'volume', 'real'], params: [], outputs: [real('outReal')],
    lookback: () => 0,
    compute: (i) => [vwapSession(i[0]!, i[1]!, i[2]!, i[3]!, i[4]!)],
  },
  {
    name: 'ICHIMOKU', group: GROUP,
    description: 'Ichimoku lines, unshifted (no look-ahead): price above the Senkou A/B cloud is bullish, Tenkan over Kijun is a buy cross.',
    inputs: ['high', 'low', 'close'],
    params: [
      periodParam(9, 'tenkanPeriod', 1, 'Conversion line (Tenkan-sen) window'),
      periodParam(26, 'kijunPeriod', 1, 'Base line (Kijun-sen) window; also the usual display shift'),
      periodParam(52, 'senkouBPeriod', 1, 'Leading span B (Senkou Span B) window'),
    ],
    outputs: [real('outTenkan'), real('outKijun'), real('outSenkouA'), real('outSenkouB'), real('outChikou')],
    lookback: (p) => Math.max(p['tenkanPeriod']!, p['kijunPeriod']!, p['senkouBPeriod']!) - 1,
    compute: (i, p) => ichimoku(i[0]!, i[1]!, i[2]!, p['tenkanPeriod']!, p['kijunPeriod']!, p['senkouBPeriod']!),
  },
  {
    name: 'KELTNER', group: GROUP,
    description: 'Keltner Channels: EMA of typical price +/- multiplier x ATR; closes outside the bands signal strong moves.',
    inputs: ['high', 'low', 'close'],
    params: [
      periodParam(20, 'timePeriod', 1, 'EMA window of the middle line'),
      periodParam(10, 'atrPeriod', 1, 'ATR window of the band width'),
      realParam('multiplier', 2, 0, 100, 'ATR multiple between the middle line and each band'),
    ],
    outputs: [real('outUpper'), real('outMiddle'), real('outLower')],
    lookback: (p) => keltnerLookback(p['timePeriod']!, p['atrPeriod']!),
    compute: (i, p) => keltner(i[0]!, i[1]!, i[2]!, p['timePeriod']!, p['atrPeriod']!, p['multiplier']!),
  },
  {
    name: 'CMF', group: GROUP,
    description: 'Chaikin Money Flow, -1..1: volume-weighted position of closes in their ranges; above 0 accumulation, below 0 distribution.',
    inputs: ['high', 'low', 'close', 'volume'], params: [periodParam(20, 'timePeriod', 1)], outputs: [real('outReal')],
    lookback: (p) => p['timePeriod']! - 1,
    compute: (i, p) => [cmf(i[0]!, i[1]!, i[2]!, i[3]!, p['timePeriod']!)],
  },
  {
    name: 'VROC', group: GROUP,
    description: 'Volume rate of change in percent vs timePeriod bars ago; large positive values flag volume surges.',
    inputs: ['volume'], params: [periodParam(14, 'timePeriod', 1)], outputs: [real('outReal')],
    lookback: (p) => p['timePeriod']!,
    compute: (i, p) => [vroc(i[0]!, p['timePeriod']!)],
  },
  {
    name: 'SUPERTREND', group: GROUP,
    description: 'Supertrend trailing line (ATR bands around hl2) and direction: +1 uptrend (line below price), -1 downtrend.',
    inputs: ['high', 'low', 'close'],
    params: [
      periodParam(10, 'atrPeriod', 1, 'ATR window'),
      realParam('multiplier', 3, 0, 100, 'ATR multiple between hl2 and the bands'),
    ],
    outputs: [real('outSupertrend'), { name: 'outDirection', kind: 'integer' }],
    lookback: (p) => p['atrPeriod']!,
    compute: (i, p) => supertrend(i[0]!, i[1]!, i[2]!, p['atrPeriod']!, p['multiplier']!),
  },
  {
    name: 'DONCHIAN', group: GROUP,
    description: 'Donchian Channel: highest high / lowest low of the last timePeriod bars (current included) and their midpoint.',
    inputs: ['high', 'low'], params: [periodParam(20, 'timePeriod', 1)],
    outputs: [real('outUpper'), real('outMiddle'), real('outLower')],
    lookback: (p) => p['timePeriod']! - 1,
    compute: (i, p) => donchian(i[0]!, i[1]!, p['timePeriod']!),
  },
  {
    name: 'HMA', group: GROUP,
    description: 'Hull Moving Average, price units: a low-lag WMA blend; its slope turning flags trend changes early.',
    inputs: ['real'], params: [periodParam(9)], outputs: [real('outReal')],
    lookback: (p) => hmaLookback(p['timePeriod']!),
    compute: (i, p) => [hma(i[0]!, p['timePeriod']!)],
  },
  {
    name: 'PIVOTS', group: GROUP,
    description: 'Classic floor pivots from the previous bar: price above P is bullish; R1-R3 / S1-S3 are resistance / support levels.',
    inputs: ['high', 'low', 'close'], params: [],
    outputs: [real('outPivot'), real('outR1'), real('outR2'), real('outR3'), real('outS1'), real('outS2'), real('outS3')],
    lookback: () => 1,
    compute: (i) => pivots(i[0]!, i[1]!, i[2]!),
  },
];
