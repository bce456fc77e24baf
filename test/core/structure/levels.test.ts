import { describe, expect, it } from 'vitest';
import { computeSignal } from '../../../src/core/signals/compute.js';
import { structureAt } from '../../../src/core/signals/lookback.js';
import { asPair } from '../../../src/core/types.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
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

  it('a close through the zone against the side of the last touch flips the level; a second one back breaks it', () => {
    let checked = 0;
    for (const { c } of series.slice(0, 3)) {
      const i = c.time.length - 1;
      const r = computeSignal(c, { at: i });
      for (const l of r.levels) {
        const kinds = new Set(r.swings.filter((s) => s.index === l.lastTouch && s.price >= l.zoneLow && s.price <= l.zoneHigh).map((s) => s.kind));
        if (kinds.size !== 1) continue;
        const kind = [...kinds][0];
        // Replayed naively: the level defends the side it was touched from until a close goes through.
        let defendsBelow = kind === 'high';
        let flips = 0;
        for (let k = l.lastTouch + 1; k <= i && flips < 2; k++) {
          if (defendsBelow ? c.close[k]! > l.zoneHigh : c.close[k]! < l.zoneLow) {
            flips++;
            defendsBelow = !defendsBelow;
          }
        }
        expect(l.state).toBe(flips >= 2 ? 'broken' : 'active');
        expect(l.flipped).toBe(flips >= 1);
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

describe('role flips on real data', () => {
  it('SOL/USDT 1w: broken resistances below the price act as support, so the nearest support is near the price', () => {
    const c = new ReplaySource().history(asPair('SOL/USDT'), '1w');
    const r = structureAt(c);
    const close = r.signal.price;
    const support = r.levels.find((l) => l.price === r.signal.supportLevel)!;
    // Before flips the nearest "active support" was 16.67, 90.7 % below a close of 179.52.
    expect((close - support.price) / close).toBeLessThan(0.3);
    expect(support.flipped).toBe(true);
    expect(r.swings.some((s) => s.kind === 'high' && s.index === support.lastTouch)).toBe(true);
  });

  it('a flipped level holds the role of the side it was broken to, on daily and weekly series', () => {
    const replay = new ReplaySource();
    let flipped = 0;
    for (const p of PAIRS) {
      for (const tf of ['1d', '1w'] as const) {
        const c = replay.history(asPair(p), tf);
        for (const i of spread(c.time.length, 20, 60)) {
          const r = structureAt(c, { at: i });
          for (const l of r.levels) {
            if (!l.flipped || l.state !== 'active') continue;
            flipped++;
            // Broken through once and not back: the close is still on the side it was broken to,
            // or inside the zone (tested, not yet broken back).
            if (l.role === 'support') expect(c.close[i]!).toBeGreaterThanOrEqual(l.zoneLow);
            else expect(c.close[i]!).toBeLessThanOrEqual(l.zoneHigh);
          }
        }
      }
    }
    expect(flipped).toBeGreaterThan(100);
  });
});
