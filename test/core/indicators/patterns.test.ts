import { describe, it, expect } from 'vitest';
import { patterns as definitions } from '../../../src/core/indicators/patterns/index.js';
import {
  BodyDoji, BodyLong, BodyShort, BodyVeryLong, Equal, Far, Near, RangeType, ShadowLong, ShadowShort,
  ShadowVeryLong, ShadowVeryShort,
} from '../../../src/core/indicators/patterns/candle-settings.js';
import { ethDailyCandles } from '../../helpers/golden.js';
import type { IndicatorDef } from '../../../src/core/indicators/types.js';

type Bar = [open: number, high: number, low: number, close: number];

function series(bars: Bar[]): Float64Array[] {
  return [0, 1, 2, 3].map((k) => Float64Array.from(bars, (b) => b[k]!));
}

function def(name: string): IndicatorDef {
  const d = definitions.find((x) => x.name === name);
  if (!d) throw new Error(`${name} not registered`);
  return d;
}

function defaults(d: IndicatorDef): Record<string, number> {
  return Object.fromEntries(d.params.map((p) => [p.name, p.default]));
}

function run(name: string, bars: Bar[], params?: Record<string, number>): Float64Array {
  const d = def(name);
  return d.compute(series(bars), { ...defaults(d), ...params })[0]!;
}

const repeat = (bar: Bar, n: number): Bar[] => Array.from({ length: n }, () => [...bar] as Bar);

describe('candle settings', () => {
  it('match TA-Lib defaults', () => {
    const table = [
      [BodyLong, RangeType.RealBody, 10, 1.0], [BodyVeryLong, RangeType.RealBody, 10, 3.0],
      [BodyShort, RangeType.RealBody, 10, 1.0], [BodyDoji, RangeType.HighLow, 10, 0.1],
      [ShadowLong, RangeType.RealBody, 0, 1.0], [ShadowVeryLong, RangeType.RealBody, 0, 2.0],
      [ShadowShort, RangeType.Shadows, 10, 1.0], [ShadowVeryShort, RangeType.HighLow, 10, 0.1],
      [Near, RangeType.HighLow, 5, 0.2], [Far, RangeType.HighLow, 5, 0.6], [Equal, RangeType.HighLow, 5, 0.05],
    ] as const;
    for (const [s, type, period, factor] of table) {
      expect([s.name, s.rangeType, s.avgPeriod, s.factor]).toEqual([s.name, type, period, factor]);
    }
  });
});

describe('pattern definitions', () => {
  it('registers the 61 TA-Lib candlestick functions once each', () => {
    const names = definitions.map((d) => d.name);
    expect(names.length).toBe(61);
    expect(new Set(names).size).toBe(61);
    expect(names.every((n) => n.startsWith('CDL'))).toBe(true);
  });

  it('follow the contract: OHLC inputs, one integer output, TA-Lib params only', () => {
    const withPenetration: Record<string, number> = {
      CDLABANDONEDBABY: 0.3, CDLDARKCLOUDCOVER: 0.5, CDLEVENINGDOJISTAR: 0.3, CDLEVENINGSTAR: 0.3,
      CDLMATHOLD: 0.5, CDLMORNINGDOJISTAR: 0.3, CDLMORNINGSTAR: 0.3,
    };
    for (const d of definitions) {
      expect(d.group).toBe('Pattern Recognition');
      expect(d.description.length).toBeGreaterThan(10);
      expect(d.inputs).toEqual(['open', 'high', 'low', 'close']);
      expect(d.outputs).toEqual([{ name: 'outInteger', kind: 'integer' }]);
      const pen = withPenetration[d.name];
      if (pen === undefined) {
        expect(d.params, d.name).toEqual([]);
      } else {
        expect(d.params.map((p) => [p.name, p.type, p.default, p.min, p.max]), d.name).toEqual([['penetration', 'real', pen, 0, 3e37]]);
      }
    }
  });

  it('output NaN during warm-up and only TA-Lib pattern codes after it (real ETH/USDT daily candles)', () => {
    const g = { candles: ethDailyCandles() };
    const inputs = (['open', 'high', 'low', 'close'] as const).map((k) => Float64Array.from(g.candles[k]));
    const allowed = new Set([-200, -100, -80, 0, 80, 100, 200]);
    for (const d of definitions) {
      const out = d.compute(inputs, defaults(d))[0]!;
      const lb = d.lookback(defaults(d));
      expect(out.length).toBe(inputs[0]!.length);
      for (let i = 0; i < out.length; i++) {
        if (i < lb) expect(Number.isNaN(out[i]!), `${d.name}[${i}]`).toBe(true);
        else if (!allowed.has(out[i]!)) expect.fail(`${d.name}[${i}] = ${out[i]}`);
      }
      // ±80 only for TA-Lib 0.6's weaker engulfing/harami; ±200 only for hikkake confirmations.
      if (!['CDLENGULFING', 'CDLHARAMI', 'CDLHARAMICROSS'].includes(d.name)) expect(out.some((v) => Math.abs(v) === 80), d.name).toBe(false);
      if (!d.name.startsWith('CDLHIKKAKE')) expect(out.some((v) => Math.abs(v) === 200), d.name).toBe(false);
    }
  });

  it('return all-NaN when there are not more candles than the lookback, and handle empty input', () => {
    for (const d of definitions) {
      const lb = d.lookback(defaults(d));
      const out = d.compute(series(repeat([100, 101, 99, 100.5], lb)), defaults(d))[0]!;
      expect(out.length).toBe(lb);
      expect(out.every((v) => Number.isNaN(v)), d.name).toBe(true);
      expect(d.compute(series([]), defaults(d))[0]!.length).toBe(0);
    }
  });

  it('have TA-Lib lookbacks (averaging periods + extra candles)', () => {
    const expected: Record<string, number> = {
      CDLDOJI: 10, CDLENGULFING: 2, CDLHAMMER: 11, CDL3LINESTRIKE: 8, CDL3OUTSIDE: 3, CDLHIKKAKE: 5,
      CDLHIKKAKEMOD: 10, CDLMATCHINGLOW: 6, CDLMATHOLD: 14, CDLBREAKAWAY: 14, CDLXSIDEGAP3METHODS: 2,
      CDLGAPSIDESIDEWHITE: 7, CDL3BLACKCROWS: 13, CDLCONCEALBABYSWALL: 13,
    };
    for (const [name, lb] of Object.entries(expected)) expect(def(name).lookback({}), name).toBe(lb);
  });
});

describe('hand-built sequences', () => {
  // Ten ordinary white candles: body 5, high-low range 10.
  const base = repeat([100, 110, 100, 105], 10);

  it('CDLDOJI flags a candle whose body is within 10% of the average range', () => {
    const out = run('CDLDOJI', [...base, [100, 105, 95, 100.5], [100, 105, 95, 101.5]]);
    expect(Number.isNaN(out[9]!)).toBe(true);
    expect(out[10]).toBe(100); // body 0.5 <= 0.1 * 10
    expect(out[11]).toBe(0); // body 1.5 > 1.0
  });

  it('CDLENGULFING: bullish 100, bearish -80 when the open only matches the prior close', () => {
    const bull = run('CDLENGULFING', [[100, 101, 99, 100], [105, 106, 99, 100], [99, 107, 98, 106]]);
    expect(bull[2]).toBe(100);
    const bear = run('CDLENGULFING', [[100, 101, 99, 100], [100, 106, 99, 105], [105, 106, 98, 99]]);
    expect(bear[2]).toBe(-80);
    const none = run('CDLENGULFING', [[100, 101, 99, 100], [100, 106, 99, 105], [104, 106, 98, 101]]);
    expect(none[2]).toBe(0);
  });

  it('CDLHAMMER: small body at the prior low, long lower shadow, no upper shadow', () => {
    const prior = repeat([100, 105, 99, 104], 11); // body 4, range 6
    const hammer: Bar = [100, 101.1, 97, 101]; // body 1, lower shadow 3, upper 0.1 < 0.6
    expect(run('CDLHAMMER', [...prior, hammer])[11]).toBe(100);
    expect(run('CDLHANGINGMAN', [...prior, hammer])[11]).toBe(0); // not near the prior high
    expect(run('CDLHAMMER', [...prior, [100, 102, 97, 101]])[11]).toBe(0); // upper shadow too long
  });

  it('CDLDARKCLOUDCOVER honours penetration', () => {
    const prior = repeat([100, 102, 99, 101], 10); // bodies of 1
    const bars: Bar[] = [...prior, [100, 111, 99, 110], [112, 113, 103, 104]]; // long white, black closes 60% in
    expect(run('CDLDARKCLOUDCOVER', bars)[11]).toBe(-100);
    expect(run('CDLDARKCLOUDCOVER', bars, { penetration: 0.7 })[11]).toBe(0);
  });

  it('CDLHIKKAKE reports the pattern (+100) and its confirmation (+200) causally', () => {
    const bars: Bar[] = [
      [100, 101, 99, 100], [100, 101, 99, 100], [100, 101, 99, 100],
      [100, 110, 90, 100], // 3: mother bar
      [100, 105, 95, 100], // 4: inside bar
      [97, 104, 93, 96], // 5: lower high, lower low -> bullish hikkake
      [96, 103, 95, 102], // 6: no confirmation yet (close 102 < 105)
      [102, 108, 94, 106], // 7: outside bar (no new setup), close above the inside bar's high -> confirmed
    ];
    const out = run('CDLHIKKAKE', bars);
    expect(Array.from(out.subarray(5))).toEqual([100, 0, 200]);
  });
});
