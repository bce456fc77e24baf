import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCandleCsv, parseCandleRowsJson } from '../../../src/sources/market/parse.js';
import { type Candles, sliceCandles } from '../../../src/core/series.js';
import { smaCrossFast } from '../../../src/core/backtest/sma-cross-fast.js';
import { SHARED_DATA } from '../../helpers/paths.js';
import { requires } from '../../helpers/requires.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const NFI = join(SHARED_DATA, 'nostalgia-for-infinity', 'binance');
const hasNfi = await requires('shared:data/nostalgia-for-infinity/binance');

/** Real series: every bundled 2021/2023 daily symbol, and the shared 1h/5m files when present. */
function series(): { name: string; c: Candles }[] {
  const out: { name: string; c: Candles }[] = [];
  for (const y of ['2021', '2023']) {
    const m = parseCandleCsv(readFileSync(join(ROOT, 'data', 'binance-daily', `binance_daily_ohlcv_${y}.csv`), 'utf8'));
    for (const [sym, c] of m) if (c.time.length > 60) out.push({ name: `${sym} 1d ${y}`, c });
  }
  if (hasNfi) {
    for (const f of readdirSync(NFI).filter((x) => x.endsWith('.json')).sort()) {
      out.push({ name: f, c: parseCandleRowsJson(readFileSync(join(NFI, f), 'utf8'), f) });
    }
  }
  return out;
}

/** Independent of the implementation: fresh sums, ties within 1e-12 relative are no cross. */
const above = (c: Float64Array, i: number, f: number, s: number) => {
  const a = plainSma(c, i, f);
  const b = plainSma(c, i, s);
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)) ? 0 : a > b ? 1 : -1;
};

const plainSma = (c: Float64Array, i: number, n: number) => {
  let s = 0;
  for (let k = i - n + 1; k <= i; k++) s += c[k]!;
  return s / n;
};

describe('sma-cross on real data: internal consistency', () => {
  const all = series();
  const p = { fast: 10, slow: 30 };
  const costs = { cash: 10_000, fee: 0.001, slippageBps: 5, unit: 1e-8 };

  it(`runs on ${all.length} real series`, () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it('closed PnL plus the open lot at the last close equals the equity change; commissions add up', () => {
    for (const { name, c } of all) {
      const r = smaCrossFast(c, name, p, costs);
      const n = c.time.length;
      const open = r.open.reduce((a, t) => a + t.units * (c.close[n - 1]! - t.entryPrice) - t.entryFee, 0);
      const pnl = r.trades.reduce((a, t) => a + t.pnl, 0);
      expect(Math.abs(pnl + open - (r.equity[n - 1]! - costs.cash)) / costs.cash, name).toBeLessThan(1e-9);
      const fees = r.trades.reduce((a, t) => a + t.commission, 0) + r.open.reduce((a, t) => a + t.entryFee, 0);
      expect(Math.abs(fees - r.commissions) / costs.cash, name).toBeLessThan(1e-9);
    }
  });

  it('every entry and exit fills at the open of the bar after its crossing bar closed', () => {
    let checked = 0;
    for (const { name, c } of all) {
      const r = smaCrossFast(c, name, p, costs);
      for (const t of r.trades) {
        const e = t.entryBar - 1;
        expect(e, name).toBeGreaterThanOrEqual(p.slow);
        expect([above(c.close, e - 1, p.fast, p.slow), above(c.close, e, p.fast, p.slow)], `${name} entry ${t.entryBar}`).toEqual([-1, 1]);
        const x = t.exitBar - 1;
        expect([above(c.close, x - 1, p.fast, p.slow), above(c.close, x, p.fast, p.slow)], `${name} exit ${t.exitBar}`).toEqual([1, -1]);
        expect(t.entryPrice).toBeCloseTo(c.open[t.entryBar]! * (1 + 5e-4), 6);
        expect(t.entryTime).toBe(c.time[t.entryBar]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('prefix invariance: a run cut at bar k is the full run up to k (no look-ahead)', () => {
    for (const { name, c } of all.filter((_, i) => i % 5 === 0)) {
      const full = smaCrossFast(c, name, p, costs);
      const n = c.time.length;
      for (const k of [Math.floor(n / 3), Math.floor(n / 2) + 7, n - 1]) {
        const cut = smaCrossFast(sliceCandles(c, 0, k), name, p, costs);
        expect(Array.from(cut.equity), name).toEqual(Array.from(full.equity.subarray(0, k)));
        expect(cut.trades, name).toEqual(full.trades.filter((t) => t.exitBar < k));
      }
    }
  });
});
