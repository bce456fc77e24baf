import { describe, expect, it } from 'vitest';
import { computeSignal } from '../../../src/core/signals/compute.js';
import { PAIRS, daily, shared1h, spread } from './data.js';

const series = [...PAIRS.map((p) => ({ name: p, c: daily(p) })), ...shared1h('ETH').map((c) => ({ name: 'ETH 1h', c }))];

describe('support/resistance levels', () => {
  it('lie within the traded range, are consistent, and account for every confirmed swing', () => {
    let checked = 0;
    for (const { c } of series) {
      for (const i of spread(c.time.length, 25, 30)) {
        const r = computeSignal(c, { at: i });
        let lo = Infinity;
        let hi = -Infinity;
        for (let k = 0; k <= i; k++) {
          lo = Math.min(lo, c.low[k]!);
          hi = Math.max(hi, c.high[k]!);
        }
        const close = c.close[i]!;
        for (const l of r.levels) {
          expect(l.price).toBeGreaterThanOrEqual(lo);
          expect(l.price).toBeLessThanOrEqual(hi);
          expect(l.zoneLow).toBeLessThanOrEqual(l.price);
          expect(l.zoneHigh).toBeGreaterThanOrEqual(l.price);
          expect(l.touches).toBeGreaterThanOrEqual(1);
          expect(l.firstTouch).toBeLessThanOrEqual(l.lastTouch);
          expect(l.lastTouch).toBeLessThanOrEqual(i - r.config.strength);
          expect(l.strength === l.touches || l.strength === l.touches + 1).toBe(true);
          expect(l.role).toBe(l.price < close ? 'support' : 'resistance');
          checked++;
        }
        expect(r.levels.reduce((s, l) => s + l.touches, 0)).toBe(r.swings.length);
        for (let k = 1; k < r.levels.length; k++) expect(r.levels[k]!.price).toBeGreaterThanOrEqual(r.levels[k - 1]!.price);
        const active = r.levels.filter((l) => l.state === 'active');
        const below = active.filter((l) => l.price < close).map((l) => l.price);
        const above = active.filter((l) => l.price >= close).map((l) => l.price);
        expect(r.signal.supportLevel).toBe(below.length ? Math.max(...below) : null);
        expect(r.signal.resistanceLevel).toBe(above.length ? Math.min(...above) : null);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('broken means a close went through the zone against the side of the last touch', () => {
    let checked = 0;
    for (const { c } of series.slice(0, 3)) {
      const i = c.time.length - 1;
      const r = computeSignal(c, { at: i });
      for (const l of r.levels) {
        const kinds = new Set(r.swings.filter((s) => s.index === l.lastTouch && s.price >= l.zoneLow && s.price <= l.zoneHigh).map((s) => s.kind));
        if (kinds.size !== 1) continue;
        const kind = [...kinds][0];
        let through = false;
        for (let k = l.lastTouch + 1; k <= i; k++) if (kind === 'high' ? c.close[k]! > l.zoneHigh : c.close[k]! < l.zoneLow) through = true;
        expect(l.state).toBe(through ? 'broken' : 'active');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('a tighter ATR tolerance gives at least as many levels', () => {
    const c = daily('BTC/USDT');
    const wide = computeSignal(c, { levelTolAtr: 1 }).levels.length;
    const tight = computeSignal(c, { levelTolAtr: 0.1 }).levels.length;
    expect(tight).toBeGreaterThanOrEqual(wide);
  });
});
