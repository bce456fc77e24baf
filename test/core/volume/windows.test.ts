import { describe, expect, it } from 'vitest';
import { VolumeWindows, WINDOW_MINUTES, type ClosedWindow } from '../../../src/core/volume/windows.js';
import { rawFeed, rawTrades } from '../../services/tracker/feed.js';

describe('VolumeWindows on the bundled Binance feed', () => {
  for (const base of ['btc', 'eth'] as const) {
    const trades = rawTrades(rawFeed(base));

    it(`${base}: every closed window's taker buy/sell volume equals a direct sum over the trade messages (m true = taker sell)`, () => {
      expect(trades.length).toBeGreaterThan(10_000);
      const vw = new VolumeWindows();
      const closed: ClosedWindow[] = [];
      for (const t of trades) vw.add(t.T, Number(t.p), Number(t.q), !t.m, (w) => closed.push(w));
      const ones = closed.filter((w) => w.window === 1);
      expect(ones.length).toBeGreaterThanOrEqual(10);
      for (const minutes of WINDOW_MINUTES) {
        for (const w of closed.filter((x) => x.window === minutes)) {
          let bv = 0; let sv = 0; let bn = 0; let sn = 0;
          for (const t of trades) {
            if (t.T < w.start || t.T >= w.end) continue;
            if (t.m) { sv += Number(t.q); sn++; } else { bv += Number(t.q); bn++; }
          }
          expect(w.end - w.start).toBe(minutes * 60_000);
          expect(w.start % (minutes * 60_000)).toBe(0);
          expect([w.buyVolume, w.sellVolume, w.buyTrades, w.sellTrades]).toEqual([bv, sv, bn, sn]);
        }
      }
      // The first window started inside the run; the rest are whole.
      expect(ones[0]!.complete).toBe(false);
      expect(ones.slice(1).every((w) => w.complete)).toBe(true);
      expect(vw.late).toBe(0);
    });

    it(`${base}: the rolling 5m figure equals the sum of the last five minutes up to the latest trade`, () => {
      const vw = new VolumeWindows();
      const i5 = WINDOW_MINUTES.indexOf(5);
      let checked = 0;
      for (let k = 0; k < trades.length; k++) {
        const t = trades[k]!;
        vw.add(t.T, Number(t.p), Number(t.q), !t.m);
        if (k % 997 !== 0) continue;
        const from = Math.floor(t.T / 60_000) * 60_000 - 4 * 60_000;
        let bv = 0; let sv = 0;
        for (let j = k; j >= 0 && trades[j]!.T >= from; j--) if (trades[j]!.m) sv += Number(trades[j]!.q); else bv += Number(trades[j]!.q);
        const r = vw.rolling(i5);
        expect(r.buyVolume).toBeCloseTo(bv, 8);
        expect(r.sellVolume).toBeCloseTo(sv, 8);
        checked++;
      }
      expect(checked).toBeGreaterThan(10);
    });
  }

  it('a silence yields empty windows, and a silence longer than MAX_EMPTY windows is counted as a gap', () => {
    const vw = new VolumeWindows([1]);
    const out: ClosedWindow[] = [];
    vw.add(0, 10, 1, true, (w) => out.push(w));
    vw.add(3 * 60_000 + 5, 10, 2, false, (w) => out.push(w));
    expect(out.map((w) => [w.start, w.buyTrades + w.sellTrades])).toEqual([[0, 1], [60_000, 0], [120_000, 0]]);
    vw.add(1000 * 60_000, 10, 1, true, (w) => out.push(w));
    expect(vw.gaps).toBe(1);
    expect(out.length).toBe(4);
  });
});
