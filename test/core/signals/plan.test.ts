import { describe, expect, it } from 'vitest';
import { computeSignal } from '../../../src/core/signals/compute.js';
import { signalToWire } from '../../../src/api/wire/signal.js';
import { structureAt } from '../../../src/core/signals/lookback.js';
import type { StructureResult } from '../../../src/core/signals/types.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { asPair } from '../../../src/core/types.js';
import { PAIRS, daily, shared1h, spread } from '../structure/data.js';

const SPEC_FIELDS = ['symbol', 'timeframe', 'timestamp', 'market_score', 'direction', 'price', 'entry1', 'entry2', 'sl', 'tp1', 'tp2', 'tp3',
  'swing_high', 'swing_low', 'support_level', 'resistance_level', 'confluence', 'risk_reward_ratio', 'confidence_score'];

/** Stop beyond structure plus the ATR buffer; each target is the structure it claims to be. */
function checkPlacement(r: StructureResult, long: boolean): void {
  const s = r.signal;
  const b = r.planBasis!;
  const sign = long ? 1 : -1;
  const legStart = r.fib!.from.price;
  expect(b.stopBuffer).toBeGreaterThan(0);
  expect(s.sl!).toBeCloseTo(b.stopStructure - sign * b.stopBuffer, 8);
  if (b.stopAnchor === 'swing') expect(b.stopStructure).toBe(legStart);
  else {
    const block = r.orderBlocks.find((o) => o.state !== 'broken' && (long ? o.low : o.high) === b.stopStructure && o.kind === (long ? 'bullish' : 'bearish'));
    expect(block, 'the stop\'s order block is an unbroken block of the plan\'s side').toBeDefined();
  }
  const active = r.levels.filter((l) => l.state === 'active');
  const targets = [s.tp1!, s.tp2!, s.tp3!];
  b.targetSources.forEach((src, k) => {
    const t = targets[k]!;
    if (src === 'swing') expect(t).toBe(r.fib!.to.price);
    else if (src === 'level') expect(active.some((l) => l.price === t && (long ? l.zoneLow > s.entry1! : l.zoneHigh < s.entry1!))).toBe(true);
    else if (src === 'order-block') expect(r.orderBlocks.some((o) => o.state !== 'broken' && o.kind === (long ? 'bearish' : 'bullish') && (long ? o.low : o.high) === t)).toBe(true);
  });
  // Nothing opposing lies between the entry and TP1 (beyond the merge gap it is the TP1 itself).
  for (const l of active) {
    if (long ? l.zoneLow > s.entry1! : l.zoneHigh < s.entry1!) expect(sign * (l.price - s.tp1!)).toBeGreaterThanOrEqual(0);
  }
}

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
        const long = s.direction === 'long';
        if (long) expect(sl < e2 && e2 <= e1 && e1 < t1 && t1 < t2 && t2 < t3).toBe(true);
        else expect(t3 < t2 && t2 < t1 && t1 < e1 && e1 <= e2 && e2 < sl).toBe(true);
        checkPlacement(r, long);
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

  it('R:R comes from structure: it varies across real pairs and timeframes, and the gate rejects some plans', () => {
    const replay = new ReplaySource();
    const series = [
      ...['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT', 'ADA/USDT'].flatMap((p) => [replay.history(asPair(p), '1d'), replay.history(asPair(p), '1w')]),
      ...shared1h('BTC', 'ETH'),
    ];
    const ratios: number[] = [];
    let gated = 0;
    let passed = 0;
    for (const c of series) {
      for (const i of spread(c.time.length, 80, 30)) {
        const r = structureAt(c, { at: i });
        const s = r.signal;
        if (s.direction === 'neutral') continue;
        ratios.push(s.riskRewardRatio!);
        // Plans that only the R:R gate can stop: a pullback in progress, nothing else wrong.
        const others = s.invalidReasons.filter((x) => !x.startsWith('risk-reward'));
        if (others.length) continue;
        if (s.valid) passed++;
        else gated++;
        expect(s.valid).toBe(s.riskRewardRatio! >= r.config.minRiskReward);
      }
    }
    const distinct = new Set(ratios.map((x) => x.toPrecision(8))).size;
    // The old plan gave two values (3.5 long, 3.614 short) and a gate that never failed.
    expect(ratios.length).toBeGreaterThan(400);
    expect(distinct).toBeGreaterThan(ratios.length / 3);
    expect(Math.min(...ratios)).toBeLessThan(1);
    expect(Math.max(...ratios)).toBeGreaterThan(1.5);
    expect(gated).toBeGreaterThan((gated + passed) / 10);
    expect(passed).toBeGreaterThan((gated + passed) / 10);
  });
});
