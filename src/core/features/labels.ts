/**
 * Labels from future prices. The label of bar i looks at bars i+1..i+horizon, so it is only
 * known `horizon` bars later: `labelEnd(i) = i + horizon` is what splits purge on. NaN = no label
 * (the last `horizon` bars, or a move inside the dead zone).
 */
import type { Candles } from '../series.js';
import type { LabelSpec } from './spec.js';

export function makeLabels(c: Candles, spec: LabelSpec): Float64Array {
  const n = c.close.length;
  const h = spec.horizon;
  const out = new Float64Array(n).fill(NaN);
  for (let i = 0; i + h < n; i++) {
    const r = Math.log(c.close[i + h]! / c.close[i]!);
    if (!Number.isFinite(r)) continue;
    switch (spec.kind) {
      case 'direction':
        // Dead zone: moves within ±deadZone are noise, not a direction; they get no label.
        if (r > spec.deadZone) out[i] = 1;
        else if (r < -spec.deadZone) out[i] = 0;
        break;
      case 'return':
        out[i] = r;
        break;
      case 'triple-barrier': {
        // First barrier touched within the horizon wins; both touched inside one bar is
        // ambiguous (the candle does not say which came first) and gets no label; neither
        // touched -> the sign of the return at the vertical barrier.
        const up = c.close[i]! * (1 + spec.upper);
        const down = c.close[i]! * (1 - spec.lower);
        let label = r > 0 ? 1 : 0;
        for (let j = i + 1; j <= i + h; j++) {
          const hitUp = c.high[j]! >= up, hitDown = c.low[j]! <= down;
          if (hitUp && hitDown) { label = NaN; break; }
          if (hitUp) { label = 1; break; }
          if (hitDown) { label = 0; break; }
        }
        out[i] = label;
        break;
      }
    }
  }
  return out;
}
