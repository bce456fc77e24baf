import { describe, expect, it } from 'vitest';
import { computeSignal } from '../../../src/core/signals/compute.js';
import type { Candles } from '../../../src/core/series.js';
import type { StructureResult } from '../../../src/core/signals/types.js';
import { HAS_SHARED_1H, daily, freqtrade1h } from '../structure/data.js';

interface NaiveSetup { at: number; long: boolean; confluence: string; entry1: number; sl: number; tp1: number }

/** Filled at entry1, then TP1 vs stop; a bar touching both (or the fill bar touching the stop) is a loss. */
function naiveOutcome(c: Candles, s: NaiveSetup, end: number): { kind: string; at: number } {
  let filled = false;
  for (let k = s.at + 1; k < end; k++) {
    const hitsEntry = s.long ? c.low[k]! <= s.entry1 : c.high[k]! >= s.entry1;
    const hitsStop = s.long ? c.low[k]! <= s.sl : c.high[k]! >= s.sl;
    const hitsTarget = s.long ? c.high[k]! >= s.tp1 : c.low[k]! <= s.tp1;
    if (!filled) {
      if (hitsEntry) {
        filled = true;
        if (hitsStop) return { kind: 'loss', at: k };
      } else if (hitsTarget) return { kind: 'missed', at: k };
    } else if (hitsStop) return { kind: 'loss', at: k };
    else if (hitsTarget) return { kind: 'win', at: k };
  }
  return { kind: 'open', at: -1 };
}

/**
 * Direct recount: computes the signal on every prefix, takes each valid plan the first
 * time its (leg, direction, factor set) appears, replays its outcome, and counts at bar T
 * those of the same direction and factors whose outcome was known before T.
 */
function recount(c: Candles, n: number, minSample: number): { results: StructureResult[]; checked: number; nonNull: number } {
  const results: StructureResult[] = [];
  const setups: NaiveSetup[] = [];
  const seen = new Set<string>();
  for (let j = 0; j < n; j++) {
    const r = computeSignal(c, { at: j, minSample });
    results.push(r);
    const s = r.signal;
    if (!s.valid) continue;
    const key = `${s.direction}|${r.fib!.from.index}|${r.fib!.to.index}|${s.confluence.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    setups.push({ at: j, long: s.direction === 'long', confluence: s.confluence.join(','), entry1: s.entry1!, sl: s.sl!, tp1: s.tp1! });
  }
  let checked = 0;
  let nonNull = 0;
  for (let t = 0; t < n; t++) {
    const s = results[t]!.signal;
    if (!s.valid) continue;
    let wins = 0;
    let sample = 0;
    for (const u of setups) {
      if (u.at >= t || u.long !== (s.direction === 'long') || u.confluence !== s.confluence.join(',')) continue;
      const o = naiveOutcome(c, u, t);
      if (o.kind === 'win' || o.kind === 'loss') {
        expect(o.at).toBeLessThan(t);
        sample++;
        if (o.kind === 'win') wins++;
      }
    }
    expect(s.confidenceSample).toBe(sample);
    expect(s.confidenceScore).toBe(sample >= minSample ? wins / sample : null);
    checked++;
    if (s.confidenceScore !== null) nonNull++;
  }
  return { results, checked, nonNull };
}

// The recounts replay every bar of a long series: 15 s alone on a loaded 2-core machine, more than the
// 60 s default when a full run shares the cores.
describe('calibrated confidence', () => {
  it('equals a direct recount on the Binance BTC/USDT daily series', () => {
    const c = daily('BTC/USDT');
    const { checked, nonNull } = recount(c, c.time.length, 3);
    expect(checked).toBeGreaterThan(200);
    expect(nonNull).toBeGreaterThan(50);
  }, 180_000);

  it.runIf(HAS_SHARED_1H)('equals a direct recount on ETH/USDT 1h (freqtrade data), with the default minimum sample of 20', () => {
    const c = freqtrade1h('ETH');
    const { checked, nonNull } = recount(c, 3500, 20);
    expect(checked).toBeGreaterThan(300);
    expect(nonNull).toBeGreaterThan(0);
  }, 180_000);

  it('is null below the minimum sample and reports the sample size', () => {
    const c = daily('BTC/USDT');
    for (let at = 1500; at < c.time.length; at += 37) {
      const s = computeSignal(c, { at }).signal;
      if (s.confidenceSample < 20) expect(s.confidenceScore).toBeNull();
      else expect(s.confidenceScore).toBeGreaterThanOrEqual(0);
    }
  });
});
