import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../../../src/core/features/compute.js';
import { makeLabels } from '../../../src/core/features/labels.js';
import { DEFAULT_SPEC_DOC, FeatureSpecError, parseFeatureSpec } from '../../../src/core/features/spec.js';
import { listIndicators } from '../../../src/core/indicators/registry.js';
import { candleCount, sliceCandles } from '../../../src/core/series.js';
import { btc4h } from '../ml/candles.js';

/** Every registry indicator usable as a feature, with default parameters, plus every built-in feature kind. */
const EVERYTHING = {
  indicators: listIndicators().filter((d) => !d.inputs.includes('periods')).map((d) => ({ name: d.name })),
  returns: [1, 3, 24],
  volatility: [6, 24],
  volume: [12],
  range: true,
  calendar: ['hour', 'weekday', 'dayOfMonth', 'month'],
  structure: { strength: 3, lookback: 120 },
  higher: [
    { timeframe: '1d', indicators: [{ name: 'RSI' }, { name: 'EMA', params: { timePeriod: 10 } }], returns: [1, 5], volatility: [10], volume: [10], range: true },
    { timeframe: '1w', returns: [1], indicators: [{ name: 'ATR' }] },
  ],
  label: { kind: 'direction', horizon: 3, deadZone: 0.001 },
};
const H4 = 4 * 3_600_000;

const same = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

describe('features: prefix invariance on real candles (Coinbase BTC-USD 4h)', () => {
  it('every feature of every registry indicator and every built-in kind: value at i is the same computed on bars 0..i', () => {
    const c = sliceCandles(btc4h(), 0, 6000);
    const spec = parseFeatureSpec(EVERYTHING);
    const full = computeFeatures(c, spec, H4);
    expect(full.names.length).toBeGreaterThan(200);
    expect(full.names).toEqual(expect.arrayContaining(['sr_up', 'sr_down', 'leg', 'pullback', 'swing_age', '1d:rsi(timePeriod=14)', '1d:ret_5', '1w:atr(timePeriod=14)']));
    for (const cut of [150, 777, 2500, 5999]) {
      const part = computeFeatures(sliceCandles(c, 0, cut), spec, H4);
      full.columns.forEach((col, k) => {
        for (let i = 0; i < cut; i++) {
          if (!same(col[i]!, part.columns[k]![i]!)) {
            throw new Error(`${full.names[k]} at bar ${i}: ${col[i]} on the full series, ${part.columns[k]![i]} on the first ${cut} bars`);
          }
        }
      });
    }
    // And the features are not all missing: a feature that is always NaN proves nothing.
    const alive = full.columns.filter((col) => col.some((v) => !Number.isNaN(v))).length;
    expect(alive).toBeGreaterThan(full.columns.length * 0.9);
  });

  it('a higher timeframe value is used only once its candle closed: 1d ret_1 on 4h bars', () => {
    const c = sliceCandles(btc4h(), 3000, 4000);
    const spec = parseFeatureSpec({ higher: [{ timeframe: '1d', returns: [1] }] });
    const col = computeFeatures(c, spec, H4).columns[0]!;
    const day = 86_400_000;
    let checked = 0;
    for (let i = 20; i < 1000; i++) {
      const t = c.time[i]!;
      // The latest UTC day that ended at or before this 4h bar's close.
      const closedDayStart = Math.floor((t + H4) / day) * day - day;
      const lastOf = (d0: number) => {
        let k = -1;
        for (let j = 0; j <= i; j++) if (c.time[j]! >= d0 && c.time[j]! < d0 + day) k = j;
        return k;
      };
      const a = lastOf(closedDayStart), b = lastOf(closedDayStart - day);
      if (a < 0 || b < 0 || c.time[a]! + H4 !== closedDayStart + day) continue;
      expect(col[i]).toBeCloseTo(Math.log(c.close[a]! / c.close[b]!), 12);
      checked++;
    }
    expect(checked).toBeGreaterThan(900);
  });

  it('structure features: distances are positive fractions, pullback measures the last leg, all known at the bar', () => {
    const c = sliceCandles(btc4h(), 0, 5000);
    const f = computeFeatures(c, parseFeatureSpec({ structure: { strength: 5, lookback: 200 } }));
    const col = (n: string) => f.columns[f.names.indexOf(n)]!;
    const up = col('sr_up'), down = col('sr_down'), leg = col('leg'), pb = col('pullback');
    let defined = 0;
    for (let i = 0; i < 5000; i++) {
      if (!Number.isNaN(up[i]!)) {
        expect(up[i]).toBeGreaterThan(0);
        defined++;
      }
      if (!Number.isNaN(down[i]!)) {
        expect(down[i]).toBeGreaterThan(0);
        expect(down[i]).toBeLessThan(1);
      }
      if (!Number.isNaN(leg[i]!)) expect([1, -1]).toContain(leg[i]);
    }
    expect(defined).toBeGreaterThan(3000);
    // Pullback spreads over [0, 1] mostly: it is neither constant nor always outside the leg.
    const inside = Array.from(pb).filter((v) => v >= 0 && v <= 1).length;
    expect(inside).toBeGreaterThan(2500);
    expect(new Set(Array.from(pb).filter((v) => !Number.isNaN(v)).map((v) => v.toFixed(3))).size).toBeGreaterThan(1000);
  });

  it('bad structure or higher-timeframe keys fail with one line naming them', () => {
    expect(() => parseFeatureSpec({ higher: [{ timeframe: '1q' }] })).toThrow(/higher\[0\]\.timeframe/);
    expect(() => parseFeatureSpec({ higher: [{ timeframe: '1d', indicators: [{ name: 'NOPE' }] }] })).toThrow(/higher\[0\]\.indicators\[0\].*NOPE/);
    expect(() => parseFeatureSpec({ structure: { strength: 0 } })).toThrow(/structure\.strength/);
    expect(() => parseFeatureSpec({ higher: [{ timeframe: '1d', foo: 1 }] })).toThrow(/unknown key "foo"/);
  });

  it('the default spec builds its columns with warm-up NaNs only at the start', () => {
    const c = btc4h();
    const f = computeFeatures(c, parseFeatureSpec(DEFAULT_SPEC_DOC));
    const ret1 = f.columns[f.names.indexOf('ret_1')]!;
    expect(Number.isNaN(ret1[0]!)).toBe(true);
    expect(ret1[100]).toBeCloseTo(Math.log(c.close[100]! / c.close[99]!), 15);
    expect(f.names).toContain('ema(timePeriod=50)/close');
  });
});

describe('feature spec: bad input names the culprit in one line', () => {
  it.each([
    [{ indicators: [{ name: 'NOPE' }] }, /indicators\[0\].*unknown indicator "NOPE"/],
    [{ indicators: [{ name: 'RSI', params: { period: 14 } }] }, /indicators\[0\]: RSI: unknown parameter "period"/],
    [{ indicators: [{ name: 'RSI', params: { timePeriod: 1 } }] }, /timePeriod must be in/],
    [{ indicators: [{ name: 'MACD', outputs: ['outFoo'] }] }, /MACD has no output "outFoo"/],
    [{ returns: [0] }, /returns\[0\]/],
    [{ calendar: ['minute'] }, /calendar: unknown field "minute"/],
    [{ label: { kind: 'direction', horizon: 0 } }, /label.horizon/],
    [{ lable: {} }, /unknown key "lable"/],
  ])('%j', (doc, re) => {
    let err: unknown;
    try {
      parseFeatureSpec(doc);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FeatureSpecError);
    expect((err as Error).message).toMatch(re);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('labels on real candles', () => {
  const c = btc4h();
  const n = candleCount(c);
  it('direction with a dead zone: 1 above +dz, 0 below -dz, unlabelled inside and in the last h bars', () => {
    const y = makeLabels(c, { kind: 'direction', horizon: 3, deadZone: 0.002 });
    let inside = 0;
    for (let i = 0; i < n - 3; i++) {
      const r = Math.log(c.close[i + 3]! / c.close[i]!);
      if (r > 0.002) expect(y[i]).toBe(1);
      else if (r < -0.002) expect(y[i]).toBe(0);
      else { expect(Number.isNaN(y[i]!)).toBe(true); inside++; }
    }
    expect(inside).toBeGreaterThan(0);
    for (let i = n - 3; i < n; i++) expect(Number.isNaN(y[i]!)).toBe(true);
  });

  it('triple barrier: the first barrier touched decides', () => {
    const spec = { kind: 'triple-barrier' as const, horizon: 12, upper: 0.03, lower: 0.02 };
    const y = makeLabels(c, spec);
    let checked = 0;
    for (let i = 0; i < n - 12; i += 97) {
      let want = c.close[i + 12]! > c.close[i]! ? 1 : 0;
      for (let j = i + 1; j <= i + 12; j++) {
        const up = c.high[j]! >= c.close[i]! * 1.03, down = c.low[j]! <= c.close[i]! * 0.98;
        if (up && down) { want = NaN; break; }
        if (up) { want = 1; break; }
        if (down) { want = 0; break; }
      }
      if (Number.isNaN(want)) expect(Number.isNaN(y[i]!)).toBe(true);
      else expect(y[i]).toBe(want);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    const ones = y.filter((v) => v === 1).length, zeros = y.filter((v) => v === 0).length;
    expect(ones).toBeGreaterThan(1000);
    expect(zeros).toBeGreaterThan(1000);
  });
});
