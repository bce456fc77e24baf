/**
 * SAR and SAREXT: Wilder's parabolic stop-and-reverse; SAREXT with separate long/short
 * accelerations and short positions reported as negative values (warm-up 1).
 */
import type { IndicatorDef, ParamSpec, Params } from '../types.js';
import { outArray } from '../arena.js';
import { p, real, realParam, REAL_BOUND } from '../defkit.js';
import { sarLoopWasm } from '../wasm/sar.js';
import { OVERLAP } from './shared.js';

export interface SarExtOptions {
  startValue: number;
  offsetOnReverse: number;
  accelerationInitLong: number;
  accelerationLong: number;
  accelerationMaxLong: number;
  accelerationInitShort: number;
  accelerationShort: number;
  accelerationMaxShort: number;
}

/**
 * Wilder's parabolic SAR as TA-Lib bootstraps it: bar 0 is consumed, the initial
 * direction comes from the first -DM (short only if -DM(1) > 0), and the first SAR is bar
 * 0's extreme. SAREXT reports short positions as negative values; SAR is its absolute value.
 * Writes every cell of `into` (fresh when absent): NaN at bar 0, a value on every later bar.
 */
export function sarext(high: Float64Array, low: Float64Array, o: SarExtOptions, into?: Float64Array): Float64Array {
  return parabolic(
    high, low, o.startValue, o.offsetOnReverse, o.accelerationInitLong, o.accelerationLong, o.accelerationMaxLong,
    o.accelerationInitShort, o.accelerationShort, o.accelerationMaxShort, false, into,
  );
}

/**
 * SAR and SAREXT's loop, on plain numbers. `absolute` (SAR) stores |value| where SAREXT stores
 * the signed value, in the same pass (a second pass taking Math.abs cost SAR a quarter of its
 * time). The options are read by the callers: read here, before type feedback existed on the
 * first long series, they made the compiled function deoptimize at its first lines ("Insufficient
 * type feedback for generic named access") on later calls, which then ran in the interpreter
 * with the loop compiled on-stack each time, ~3.5x slower.
 */
function parabolic(
  high: Float64Array, low: Float64Array, startValue: number, offset: number,
  initLong: number, accLong: number, maxLong: number, initShort: number, accShort: number, maxShort: number,
  absolute: boolean, into?: Float64Array,
): Float64Array {
  const n = high.length | 0;
  const out = outArray(n, 1, into);
  if (n < 2) return out;
  // The loop's factors take these values: as parameters they arrive boxed, and V8 then kept the
  // factors boxed through the loop (a heap number allocated per change); x * 1 is x bit for bit
  // (-0 and NaN included) and makes each an unboxed double once, before the loop.
  initLong *= 1; maxLong *= 1; initShort *= 1; maxShort *= 1;
  // TA-Lib silently caps incoherent accelerations at their maximum.
  if (initLong > maxLong) initLong = maxLong;
  if (accLong > maxLong) accLong = maxLong;
  if (initShort > maxShort) initShort = maxShort;
  if (accShort > maxShort) accShort = maxShort;
  let afLong = initLong;
  let afShort = initShort;

  let isLong: boolean;
  if (startValue === 0) {
    const diffP = high[1]! - high[0]!;
    const diffM = low[0]! - low[1]!;
    isLong = !(diffM > 0 && diffP < diffM);
  } else {
    isLong = startValue > 0;
  }
  let ep: number;
  let sar: number;
  if (startValue === 0) {
    if (isLong) { ep = high[1]!; sar = low[0]!; } else { ep = low[1]!; sar = high[0]!; }
  } else if (startValue > 0) {
    ep = high[1]!; sar = startValue;
  } else {
    ep = low[1]!; sar = Math.abs(startValue);
  }
  // Series in the series heap: the same loop in wasm (wasm/sar.ts), out of the JavaScript kernel's reach.
  if (sarLoopWasm(high, low, out, isLong, ep, sar, initLong, accLong, maxLong, initShort, accShort, maxShort, offset, absolute)) return out;
  let newLow = low[1]!;
  let newHigh = high[1]!;
  // One loop per position, left on the reversal bar: one loop testing the position on every bar
  // measured SAR ~6% slower (SAREXT the same).
  let today = 1;
  while (today < n) {
    if (isLong) {
      for (; today < n; today = (today + 1) | 0) {
        const prevLow = newLow;
        const prevHigh = newHigh;
        newLow = low[today]!;
        newHigh = high[today]!;
        if (newLow <= sar) {
          isLong = false;
          sar = ep;
          if (sar < prevHigh) sar = prevHigh;
          if (sar < newHigh) sar = newHigh;
          if (offset !== 0) sar += sar * offset;
          out[today] = absolute ? Math.abs(sar) : 0 - sar;
          afShort = initShort;
          ep = newLow;
          sar = sar + afShort * (ep - sar);
          if (sar < prevHigh) sar = prevHigh;
          if (sar < newHigh) sar = newHigh;
          today = (today + 1) | 0;
          break;
        }
        out[today] = absolute ? Math.abs(sar) : sar;
        if (newHigh > ep) {
          ep = newHigh;
          afLong += accLong;
          if (afLong > maxLong) afLong = maxLong;
        }
        sar = sar + afLong * (ep - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > newLow) sar = newLow;
      }
    } else {
      for (; today < n; today = (today + 1) | 0) {
        const prevLow = newLow;
        const prevHigh = newHigh;
        newLow = low[today]!;
        newHigh = high[today]!;
        if (newHigh >= sar) {
          isLong = true;
          sar = ep;
          if (sar > prevLow) sar = prevLow;
          if (sar > newLow) sar = newLow;
          if (offset !== 0) sar -= sar * offset;
          out[today] = absolute ? Math.abs(sar) : sar;
          afLong = initLong;
          ep = newHigh;
          sar = sar + afLong * (ep - sar);
          if (sar > prevLow) sar = prevLow;
          if (sar > newLow) sar = newLow;
          today = (today + 1) | 0;
          break;
        }
        out[today] = absolute ? Math.abs(sar) : 0 - sar;
        if (newLow < ep) {
          ep = newLow;
          afShort += accShort;
          if (afShort > maxShort) afShort = maxShort;
        }
        sar = sar + afShort * (ep - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
      }
    }
  }
  return out;
}

export function sar(high: Float64Array, low: Float64Array, acceleration: number, maximum: number, into?: Float64Array): Float64Array {
  return parabolic(high, low, 0, 0, acceleration, acceleration, maximum, acceleration, acceleration, maximum, true, into);
}

function extOptions(params: Params): SarExtOptions {
  return {
    startValue: p(params, 'startValue'), offsetOnReverse: p(params, 'offsetOnReverse'),
    accelerationInitLong: p(params, 'accelerationInitLong'), accelerationLong: p(params, 'accelerationLong'),
    accelerationMaxLong: p(params, 'accelerationMaxLong'), accelerationInitShort: p(params, 'accelerationInitShort'),
    accelerationShort: p(params, 'accelerationShort'), accelerationMaxShort: p(params, 'accelerationMaxShort'),
  };
}

const accel = (name: string, def: number, description: string, min = 0): ParamSpec => realParam(name, def, min, REAL_BOUND, description);

export const SAR: IndicatorDef = {
  name: 'SAR', group: OVERLAP, description: 'Parabolic stop-and-reverse: below price while long, above while short; a cross flips the trend.',
  interpretation: 'Price units; a trailing stop: below price = long/uptrend, above price = short/downtrend; price crossing it reverses the position.',
  inputs: ['high', 'low'],
  params: [accel('acceleration', 0.02, 'Acceleration factor step (and initial value)'), accel('maximum', 0.2, 'Acceleration factor cap')],
  outputs: real(),
  lookback: () => 1,
  compute: ([h, l], params) => [sar(h!, l!, p(params, 'acceleration'), p(params, 'maximum'))],
  computeInto: ([h, l], params, [out]) => { sar(h!, l!, p(params, 'acceleration'), p(params, 'maximum'), out); },
};

export const SAREXT: IndicatorDef = {
  name: 'SAREXT', group: OVERLAP, description: 'Parabolic SAR with separate long/short accelerations; negative values mean a short position (|value| is the stop).',
  interpretation: 'Price units with sign: positive = long, stop at the value; negative = short, stop at |value|; a sign change is a reversal.',
  inputs: ['high', 'low'],
  params: [
    realParam('startValue', 0, -REAL_BOUND, REAL_BOUND, 'Initial SAR: 0 = automatic, >0 start long at it, <0 start short at |value|'),
    accel('offsetOnReverse', 0, 'Fraction added to the SAR on each reversal'),
    accel('accelerationInitLong', 0.02, 'Initial acceleration factor, long'),
    accel('accelerationLong', 0.02, 'Acceleration factor step, long'),
    accel('accelerationMaxLong', 0.2, 'Acceleration factor cap, long'),
    accel('accelerationInitShort', 0.02, 'Initial acceleration factor, short'),
    accel('accelerationShort', 0.02, 'Acceleration factor step, short'),
    accel('accelerationMaxShort', 0.2, 'Acceleration factor cap, short'),
  ],
  outputs: real(),
  lookback: () => 1,
  compute: ([h, l], params) => [sarext(h!, l!, extOptions(params))],
  computeInto: ([h, l], params, [out]) => { sarext(h!, l!, extOptions(params), out); },
};
