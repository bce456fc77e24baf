import type { Swing } from '../signals/types.js';

/**
 * Swing highs and lows of lookback `strength`, in index order (which is also
 * confirmation order, since confirmedAt = index + strength).
 *
 * Bar j is a swing high when its high is strictly above each of the `strength` highs
 * before it and at least each of the `strength` highs after it; lows mirror that.
 * Ties: of equal highs inside one window, only the earliest is a swing (a flat double
 * top is one swing at its first bar), so a plateau never yields two swings and the
 * answer does not depend on how many bars follow. Bars without a full window on both
 * sides are never swings: the left edge because the past is unknown, the right edge
 * because the swing is not confirmed yet.
 * Both a high and a low at the same bar (an outside bar) are reported.
 * `from` skips the bars before it: a walk that already has the swings of a shorter prefix
 * of the same series asks only for those at `from` = (that prefix's length - strength) on.
 */
export function findSwings(time: Float64Array, high: Float64Array, low: Float64Array, strength: number, from = 0): Swing[] {
  const n = high.length;
  const out: Swing[] = [];
  for (let j = Math.max(strength, from); j + strength < n; j++) {
    const h = high[j]!;
    const l = low[j]!;
    let isHigh = true;
    let isLow = true;
    for (let k = j - strength; k < j && (isHigh || isLow); k++) {
      if (high[k]! >= h) isHigh = false;
      if (low[k]! <= l) isLow = false;
    }
    for (let k = j + 1; k <= j + strength && (isHigh || isLow); k++) {
      if (high[k]! > h) isHigh = false;
      if (low[k]! < l) isLow = false;
    }
    if (isHigh) out.push({ index: j, confirmedAt: j + strength, time: time[j]!, price: h, kind: 'high' });
    if (isLow) out.push({ index: j, confirmedAt: j + strength, time: time[j]!, price: l, kind: 'low' });
  }
  return out;
}
