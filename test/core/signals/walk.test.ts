import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { structureWalk } from '../../../src/core/signals/compute.js';
import { resolveStructureConfig } from '../../../src/core/signals/config.js';
import { type Candles, candleCount, fromRows } from '../../../src/core/series.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { shared } from '../../helpers/paths.js';
import { requires } from '../../helpers/requires.js';

// The walk skips the plan on bars that cannot record a setup (price beyond the leg's end,
// no pullback yet, a factor set already recorded for the leg), and levels and order blocks
// skip a bar that reaches none of their triggers. Those skips must change nothing: the
// exhaustive walk (the plan evaluated at every bar, every level and block visited, as the
// rules read) is the reference, compared at every bar of every series.
const HAS_SHARED = await requires('shared:data/nostalgia-for-infinity/binance', 'shared:data/freqtrade');

function sharedSeries(): { name: string; candles: Candles }[] {
  if (!HAS_SHARED) return [];
  const out: { name: string; candles: Candles }[] = [];
  const nfi = 'data/nostalgia-for-infinity/binance';
  for (const f of readdirSync(shared(nfi)).filter((x) => x.endsWith('-1h.json')).sort().slice(0, 6)) {
    out.push({ name: f, candles: fromRows(JSON.parse(readFileSync(shared(`${nfi}/${f}`), 'utf8')) as number[][]) });
  }
  for (const f of readdirSync(shared('data/freqtrade')).filter((x) => x.endsWith('-5m.json')).sort().slice(0, 6)) {
    out.push({ name: f, candles: fromRows(JSON.parse(readFileSync(shared(`data/freqtrade/${f}`), 'utf8')) as number[][]) });
  }
  return out;
}

function bundledSeries(): { name: string; candles: Candles }[] {
  const src = new ReplaySource();
  const all = src.listSeries().filter((s) => s.candles >= 60);
  // Every 3rd daily pair (~45 series) plus every other dataset's series whole.
  const daily = all.filter((s) => s.dataset === 'binance-daily').filter((_, k) => k % 3 === 0);
  const other = all.filter((s) => s.dataset !== 'binance-daily');
  return [...daily, ...other].map((s) => ({ name: `${s.dataset} ${s.symbol}`, candles: src.history(s.symbol, s.timeframe) }));
}

describe('the structure walk\'s shortcuts', () => {
  it('record the setups, levels, blocks and plan of the exhaustive walk at every bar, on real series', () => {
    const cfg = resolveStructureConfig({});
    const series = [...bundledSeries(), ...sharedSeries()];
    let bars = 0;
    let setups = 0;
    let evaluated = 0;
    for (const { name, candles } of series) {
      const fast = structureWalk(candles, cfg).walk;
      const ref = structureWalk(candles, cfg, { exhaustive: true }).walk;
      const n = candleCount(candles);
      for (let i = 0; i < n; i++) {
        fast.step(i);
        ref.step(i);
        if (fast.setups.length !== ref.setups.length) expect({ name, i, setups: fast.setups }).toEqual({ name, i, setups: ref.setups });
        expect(fast.leg).toEqual(ref.leg);
        // What computeSignal reads at its last bar, at every bar (so at the end of every window).
        if (i % 3 === 0) {
          expect(fast.levels.snapshot(candles.close[i]!)).toEqual(ref.levels.snapshot(candles.close[i]!));
          expect(fast.blocks.unbroken()).toEqual(ref.blocks.unbroken());
          if (ref.leg) {
            expect(fast.evaluate(i, false)).toEqual(ref.evaluate(i, false));
            evaluated++;
          }
        }
      }
      expect(fast.setups).toEqual(ref.setups);
      expect(fast.blocks.blocks).toEqual(ref.blocks.blocks);
      bars += n;
      setups += ref.setups.length;
    }
    expect(series.length).toBeGreaterThan(HAS_SHARED ? 65 : 50);
    expect(bars).toBeGreaterThan(100_000);
    expect(setups).toBeGreaterThan(1000);
    expect(evaluated).toBeGreaterThan(30_000);
  }, 300_000);

  it('record only the setups of the direction and factor set asked for, the same as a walk recording all of them', () => {
    const cfg = resolveStructureConfig({});
    let sets = 0;
    for (const { name, candles } of bundledSeries().filter((_, k) => k % 4 === 0)) {
      const n = candleCount(candles);
      const all = structureWalk(candles, cfg).walk;
      const none = structureWalk(candles, cfg, { record: 'none' }).walk;
      for (let i = 0; i < n; i++) {
        all.step(i);
        none.step(i);
      }
      expect(none.setups).toEqual([]);
      const kinds = new Map(all.setups.map((s) => [`${s.direction} ${s.mask}`, { direction: s.direction, mask: s.mask }]));
      for (const { direction, mask } of kinds.values()) {
        const want = all.setups.filter((s) => s.direction === direction && s.mask === mask);
        const one = structureWalk(candles, cfg, { record: { direction, mask } }).walk;
        for (let i = 0; i < n; i++) one.step(i);
        expect({ name, direction, mask, setups: one.setups }).toEqual({ name, direction, mask, setups: want });
        expect(one.setupsOf(direction, mask)).toBe(one.setups);
        expect(all.setupsOf(direction, mask)).toBe(all.setups);
        // A walk that did not record them walks the same bars again for them.
        expect(none.setupsOf(direction, mask)).toEqual(want);
        const other = direction === 'long' ? 'short' : 'long';
        expect(one.setupsOf(other, mask)).toEqual(all.setups.filter((s) => s.direction === other && s.mask === mask));
        sets++;
      }
    }
    expect(sets).toBeGreaterThan(50);
  }, 300_000);
});
