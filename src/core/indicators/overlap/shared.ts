/**
 * What the moving averages of this folder share: the `*Into(src, from, period, out)` contract
 * and the one-line definition of a single-period MA.
 *
 * The `*Into` kernels read `src[from..]` and write `out[from+lookback..]`, leaving `out`
 * untouched before that. `from` is where TA-Lib would start reading when it is called with a
 * later `startIdx` (startIdx - lookback): composite indicators such as APO, MACD or MAVP call
 * their MAs that way, and an EMA seeded later gives different values.
 *
 * Every kernel follows TA-Lib's arithmetic order exactly (running sums rather than
 * recomputation, EMA seeded with the SMA of its first `period` inputs, ...), because the
 * engine is checked against TA-Lib to 1e-9 and the order of floating-point operations decides
 * the last bits. NaN inputs are not special-cased: they propagate as in TA-Lib's C.
 */
import type { Arena } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';

export const OVERLAP = 'Overlap Studies';

/** Definition of an MA with one `timePeriod` (default 30) on one input series. */
export function maDef(
  name: string, description: string, interpretation: string,
  lookback: (period: number) => number, fn: (x: Float64Array, period: number, out?: Float64Array, arena?: Arena) => Float64Array,
): IndicatorDef {
  return {
    name, group: OVERLAP, description, interpretation, inputs: ['real'], params: [periodParam(30)], outputs: real(),
    lookback: (params) => lookback(p(params, 'timePeriod')),
    compute: ([x], params) => [fn(x!, p(params, 'timePeriod'))],
    computeInto: ([x], params, [out], arena) => {
      const r = fn(x!, p(params, 'timePeriod'), out, arena);
      if (r !== out) out!.set(r);
    },
  };
}
