/** CCI: commodity channel index of typical price (warm-up period - 1). */
import { outArray } from '../arena.js';
import { periodParam } from '../defkit.js';
import { HLC, single } from './shared.js';

/**
 * Commodity Channel Index: (TP - SMA(TP)) / (0.015 * mean |TP - SMA(TP)|), recomputed over the
 * window each bar (no running sum) and summed in TA-Lib's circular-buffer slot order so the
 * cancellation in the numerator matches bit for bit. 0 when numerator or deviation is 0.
 */
export function cci(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = high.length;
  const out = outArray(n, period - 1, into);
  const lb = period - 1;
  if (n <= lb) return out;
  const buf = new Float64Array(period);
  let idx = 0;
  for (let i = 0; i < lb; i++) {
    buf[idx] = (high[i]! + low[i]! + close[i]!) / 3;
    if (++idx === period) idx = 0;
  }
  let i = lb;
  while (i < n) {
    if (idx + 3 < period && i + 3 < n) {
      // Four bars per turn while their slots (idx..idx+3) do not wrap. Each bar's sums still run
      // over its own window in slot order 0..period-1, as TA-Lib's (same doubles): the four
      // windows differ only in slots q..q+2, which the three older bars read before the newer
      // ones overwrite them. Four independent chains let the CPU overlap the additions, and each
      // slot is loaded once for the four bars.
      const ta = (high[i]! + low[i]! + close[i]!) / 3;
      const tb = (high[i + 1]! + low[i + 1]! + close[i + 1]!) / 3;
      const tc = (high[i + 2]! + low[i + 2]! + close[i + 2]!) / 3;
      const td = (high[i + 3]! + low[i + 3]! + close[i + 3]!) / 3;
      buf[idx] = ta;
      const q = idx + 1;
      const o0 = buf[q]!, o1 = buf[q + 1]!, o2 = buf[q + 2]!;
      let sa = 0, sb = 0, sc = 0, sd = 0;
      for (let j = 0; j < q; j++) { const v = buf[j]!; sa += v; sb += v; sc += v; sd += v; }
      sa += o0; sb += tb; sc += tb; sd += tb;
      sa += o1; sb += o1; sc += tc; sd += tc;
      sa += o2; sb += o2; sc += o2; sd += td;
      for (let j = q + 3; j < period; j++) { const v = buf[j]!; sa += v; sb += v; sc += v; sd += v; }
      const ma = sa / period, mb = sb / period, mc = sc / period, md = sd / period;
      let da = 0, db = 0, dc = 0, dd = 0;
      for (let j = 0; j < q; j++) {
        const v = buf[j]!;
        da += Math.abs(v - ma); db += Math.abs(v - mb); dc += Math.abs(v - mc); dd += Math.abs(v - md);
      }
      da += Math.abs(o0 - ma); db += Math.abs(tb - mb); dc += Math.abs(tb - mc); dd += Math.abs(tb - md);
      da += Math.abs(o1 - ma); db += Math.abs(o1 - mb); dc += Math.abs(tc - mc); dd += Math.abs(tc - md);
      da += Math.abs(o2 - ma); db += Math.abs(o2 - mb); dc += Math.abs(o2 - mc); dd += Math.abs(td - md);
      for (let j = q + 3; j < period; j++) {
        const v = buf[j]!;
        da += Math.abs(v - ma); db += Math.abs(v - mb); dc += Math.abs(v - mc); dd += Math.abs(v - md);
      }
      buf[q] = tb; buf[q + 1] = tc; buf[q + 2] = td;
      const na = ta - ma, nb = tb - mb, nc = tc - mc, nd = td - md;
      out[i] = na !== 0 && da !== 0 ? na / (0.015 * (da / period)) : 0;
      out[i + 1] = nb !== 0 && db !== 0 ? nb / (0.015 * (db / period)) : 0;
      out[i + 2] = nc !== 0 && dc !== 0 ? nc / (0.015 * (dc / period)) : 0;
      out[i + 3] = nd !== 0 && dd !== 0 ? nd / (0.015 * (dd / period)) : 0;
      idx += 4;
      if (idx === period) idx = 0;
      i += 4;
      continue;
    }
    const last = (high[i]! + low[i]! + close[i]!) / 3;
    buf[idx] = last;
    let avg = 0;
    for (let j = 0; j < period; j++) avg += buf[j]!;
    avg /= period;
    let dev = 0;
    for (let j = 0; j < period; j++) dev += Math.abs(buf[j]! - avg);
    const num = last - avg;
    out[i] = num !== 0 && dev !== 0 ? num / (0.015 * (dev / period)) : 0;
    if (++idx === period) idx = 0;
    i++;
  }
  return out;
}

export const CCI = single('CCI', 'Commodity Channel Index: typical price\'s distance from its mean in units of 0.015 mean deviation; beyond +/-100 is unusual.', 'Unbounded around 0: above +100 unusually strong (overbought or a breakout), below -100 unusually weak; crossings of 0 mark momentum shifts.',
  HLC, periodParam(14), (p) => p - 1, (i, p, out) => cci(i[0]!, i[1]!, i[2]!, p, out));
