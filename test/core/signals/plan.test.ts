import { describe, expect, it } from 'vitest';
import { computeSignal } from '../../../src/core/signals/compute.js';
import { signalToWire } from '../../../src/api/wire/signal.js';
import { PAIRS, daily, shared1h, spread } from '../structure/data.js';

const SPEC_FIELDS = ['symbol', 'timeframe', 'timestamp', 'market_score', 'direction', 'price', 'entry1', 'entry2', 'sl', 'tp1', 'tp2', 'tp3',
  'swing_high', 'swing_low', 'support_level', 'resistance_level', 'confluence', 'risk_reward_ratio', 'confidence_score'];

describe('trade plans', () => {
  it('obey stop < entry < targets for longs and the mirror for shorts; score and confluence follow the factors', () => {
    const counts = { long: 0, short: 0, neutral: 0, valid: 0 };
    for (const c of [...PAIRS.map(daily), ...shared1h('BTC', 'AVAX')]) {
      for (const i of spread(c.time.length, 120, 0)) {
        const r = computeSignal(c, { at: i, symbol: 'P', timeframe: 'tf' });
        const s = r.signal;
        for (const f of SPEC_FIELDS) expect(signalToWire(s)).toHaveProperty(f);
        expect(s.time).toBe(c.time[i]);
        expect(s.price).toBe(c.close[i]);
        counts[s.direction]++;
        expect(s.marketScore).toBe(r.factors.filter((f) => f.fired).reduce((a, f) => a + f.weight, 0));
        expect(s.marketScore).toBeGreaterThanOrEqual(0);
        expect(s.marketScore).toBeLessThanOrEqual(100);
        expect(s.confluence).toEqual(r.factors.filter((f) => f.fired).map((f) => f.name));
        expect(r.factors.map((f) => f.name)).toEqual(['OB', 'SR', 'RSI', 'FIB', 'SWING']);
        expect(s.valid).toBe(s.invalidReasons.length === 0);
        if (s.direction === 'neutral') {
          expect([s.entry1, s.sl, s.tp1, s.riskRewardRatio, s.confidenceScore]).toEqual([null, null, null, null, null]);
          expect(s.valid).toBe(false);
          continue;
        }
        const [e1, e2, sl, t1, t2, t3] = [s.entry1!, s.entry2!, s.sl!, s.tp1!, s.tp2!, s.tp3!];
        if (s.direction === 'long') {
          expect(sl < e2 && e2 <= e1 && e1 < t1 && t1 < t2 && t2 < t3).toBe(true);
          expect(t1).toBe(s.swingHigh);
        } else {
          expect(t3 < t2 && t2 < t1 && t1 < e1 && e1 <= e2 && e2 < sl).toBe(true);
          expect(t1).toBe(s.swingLow);
        }
        expect(s.riskRewardRatio).toBeCloseTo(Math.abs(t1 - e1) / Math.abs(e1 - sl), 10);
        expect(s.swingHigh!).toBeGreaterThan(s.swingLow!);
        if (s.valid) {
          counts.valid++;
          // A valid plan has a pullback in progress and no close beyond its stop yet.
          expect(['started', 'approaching', 'in-zone']).toContain(r.fib!.pullback);
          expect(s.direction === 'long' ? s.price > sl : s.price < sl).toBe(true);
        } else {
          expect(s.confidenceScore).toBeNull();
          expect(s.confidenceSample).toBe(0);
        }
      }
    }
    expect(counts.long).toBeGreaterThan(100);
    expect(counts.short).toBeGreaterThan(100);
    expect(counts.valid).toBeGreaterThan(50);
  });
});
