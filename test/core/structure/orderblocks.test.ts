import { describe, expect, it } from 'vitest';
import { computeSignal } from '../../../src/core/signals/compute.js';
import { runIndicator } from '../../../src/core/indicators/registry.js';
import { PAIRS, daily, shared1h } from './data.js';

describe('order blocks', () => {
  it('are the last opposite candle before a displacement that broke a confirmed swing, with mitigation replayed naively', () => {
    let blocks = 0;
    for (const c of [...PAIRS.map(daily), ...shared1h('BTC')]) {
      const i = c.time.length - 1;
      const r = computeSignal(c, { at: i });
      const { obMaxLookback, obDisplacementAtr, strength } = r.config;
      const atr = runIndicator('ATR', [c.high, c.low, c.close], { timePeriod: 14 }).outputs[0]!;
      for (const b of r.orderBlocks) {
        blocks++;
        const bull = b.kind === 'bullish';
        const f = b.formedAt;
        expect(bull ? c.close[b.index]! < c.open[b.index]! : c.close[b.index]! > c.open[b.index]!).toBe(true);
        expect(b.index).toBeGreaterThanOrEqual(f - obMaxLookback);
        expect(b.index).toBeLessThan(f);
        for (let k = b.index + 1; k < f; k++) expect(bull ? c.close[k]! < c.open[k]! : c.close[k]! > c.open[k]!).toBe(false);
        const swing = r.swings.find((s) => s.index === b.brokenSwing && s.kind === (bull ? 'high' : 'low'))!;
        expect(swing.confirmedAt).toBeLessThanOrEqual(f);
        expect(bull ? c.close[f]! > swing.price : c.close[f]! < swing.price).toBe(true);
        // The first close beyond the swing after its confirmation is the break.
        for (let k = swing.confirmedAt; k < f; k++) expect(bull ? c.close[k]! > swing.price : c.close[k]! < swing.price).toBe(false);
        if (Number.isFinite(atr[f]!)) expect((bull ? 1 : -1) * (c.close[f]! - c.open[f]!)).toBeGreaterThanOrEqual(obDisplacementAtr * atr[f]!);
        expect(b.high).toBe(c.high[b.index]);
        expect(b.low).toBe(c.low[b.index]);
        let state = 'fresh';
        let mitigatedAt: number | null = null;
        let brokenAt: number | null = null;
        for (let k = f + 1; k <= i && state !== 'broken'; k++) {
          if (bull ? c.close[k]! < b.low : c.close[k]! > b.high) { state = 'broken'; brokenAt = k; }
          else if (state === 'fresh' && (bull ? c.low[k]! <= b.high : c.high[k]! >= b.low)) { state = 'mitigated'; mitigatedAt = k; }
        }
        expect({ state: b.state, mitigatedAt: b.mitigatedAt, brokenAt: b.brokenAt }).toEqual({ state, mitigatedAt, brokenAt });
      }
      expect(strength).toBe(5);
    }
    expect(blocks).toBeGreaterThan(200);
  });

  it('prefix invariance: blocks known at bar i are those formed by i, with their state at i', () => {
    const c = daily('ETH/USDT');
    const full = computeSignal(c);
    for (const i of [400, 900, 1500, 2000]) {
      const r = computeSignal(c, { at: i });
      expect(r.orderBlocks.map((b) => [b.kind, b.index, b.formedAt])).toEqual(full.orderBlocks.filter((b) => b.formedAt <= i).map((b) => [b.kind, b.index, b.formedAt]));
      for (const b of r.orderBlocks) {
        if (b.mitigatedAt !== null) expect(b.mitigatedAt).toBeLessThanOrEqual(i);
        if (b.brokenAt !== null) expect(b.brokenAt).toBeLessThanOrEqual(i);
      }
    }
  });
});
