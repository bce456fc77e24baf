import { describe, expect, it } from 'vitest';
import { computeSignal } from '../../../src/core/signals/compute.js';
import { PAIRS, daily, spread } from './data.js';

describe('Fibonacci of the last confirmed swing leg', () => {
  it('uses the latest confirmed swing and the latest opposite swing before it, with SPEC C ratios', () => {
    let legs = 0;
    for (const pair of PAIRS) {
      const c = daily(pair);
      for (const i of spread(c.time.length, 30, 20)) {
        const r = computeSignal(c, { at: i });
        const f = r.fib;
        if (!f) continue;
        legs++;
        const last = r.swings[r.swings.length - 1]!;
        expect(f.to.index).toBe(last.index);
        expect(f.to.confirmedAt).toBeLessThanOrEqual(i);
        expect(f.from.kind).not.toBe(f.to.kind);
        const opposite = r.swings.filter((s) => s.kind === f.from.kind && s.index < f.to.index);
        expect(f.from).toEqual(opposite[opposite.length - 1]);
        const up = f.leg === 'up';
        expect(up).toBe(f.to.kind === 'high');
        const at = (ratio: number) => f.to.price + (f.from.price - f.to.price) * ratio;
        const side = up ? { entry1: 0.70, entry2: 0.72, stop: 0.90, approaching: 0.618 } : { entry1: 0.618, entry2: 0.69, stop: 0.789, approaching: 0.5 };
        expect(f.entry1).toBeCloseTo(at(side.entry1), 8);
        expect(f.entry2).toBeCloseTo(at(side.entry2), 8);
        expect(f.stop).toBeCloseTo(at(side.stop), 8);
        expect(f.approaching).toBeCloseTo(at(side.approaching), 8);
        expect(f.pullbackStart).toBeCloseTo(at(0.382), 8);
        expect(f.retracements[0]!.price).toBe(f.to.price);
        expect(f.retracements[f.retracements.length - 1]!.price).toBeCloseTo(f.from.price, 8);
        expect(f.extensions.find((e) => e.ratio === 1.618)!.price).toBeCloseTo(f.from.price + (f.to.price - f.from.price) * 1.618, 8);
        expect(f.depth).toBeCloseTo((f.to.price - c.close[i]!) / (f.to.price - f.from.price), 10);
        // Pullback state recomputed from the candles after the swing.
        let worst = 0;
        let beyond = false;
        for (let k = f.to.index + 1; k <= i; k++) {
          worst = Math.max(worst, (f.to.price - c.close[k]!) / (f.to.price - f.from.price));
          if (up ? c.high[k]! > f.to.price : c.low[k]! < f.to.price) beyond = true;
        }
        // Invalidated by a close beyond the plan's structural stop, not the Fibonacci ratio.
        const stopAt = (f.to.price - r.signal.sl!) / (f.to.price - f.from.price);
        expect(stopAt).toBeGreaterThan(side.entry2);
        const want = worst > stopAt ? 'invalidated' : beyond ? 'extended' : f.depth >= side.entry1 ? 'in-zone'
          : f.depth >= side.approaching ? 'approaching' : f.depth >= 0.382 ? 'started' : 'none';
        expect(f.pullback).toBe(want);
      }
    }
    expect(legs).toBeGreaterThan(100);
  });

  it('takes its ratios from config', () => {
    const c = daily('BTC/USDT');
    const r = computeSignal(c, { fibLong: { approaching: 0.45, entry1: 0.5, entry2: 0.6 }, fibShort: { approaching: 0.45, entry1: 0.5, entry2: 0.6 }, pullbackStart: 0.25 });
    const f = r.fib!;
    const at = (ratio: number) => f.to.price + (f.from.price - f.to.price) * ratio;
    expect(f.entry1).toBeCloseTo(at(0.5), 8);
    expect(f.entry2).toBeCloseTo(at(0.6), 8);
    expect(f.pullbackStart).toBeCloseTo(at(0.25), 8);
    expect(() => computeSignal(c, { fibLong: { stop: 0.5 } })).toThrow(/fibLong/);
  });
});
