import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { smaCrossFast } from '../../../src/core/backtest/sma-cross-fast.js';
import { GOLDEN_BT, HAS_GOLDEN_BT, compareGolden, goldenCandles, utc, type GoldenBacktest } from './golden-helpers.js';

describe.runIf(HAS_GOLDEN_BT)(`golden: backtesting.py sma-cross (${GOLDEN_BT})`, () => {
  const files = HAS_GOLDEN_BT ? readdirSync(GOLDEN_BT).filter((f) => f.endsWith('.json')).sort() : [];
  it('the folder holds golden files', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });
  for (const file of files) {
    it(file, () => {
      const g = JSON.parse(readFileSync(join(GOLDEN_BT, file), 'utf8')) as GoldenBacktest;
      expect(g.strategy.name).toBe('sma-cross');
      const c = goldenCandles(file, g);
      expect(c.time.length).toBe(g.bars);
      expect(c.time[0]).toBe(utc(g.first));
      expect(c.time[c.time.length - 1]).toBe(utc(g.last));
      const r = smaCrossFast(c, 'X', g.strategy, { cash: g.cash, fee: g.commission, slippageBps: 0, unit: 1e-8 });
      const { matched, problems } = compareGolden(g, c, r);
      expect(problems).toEqual([]);
      expect(matched).toBe(g.trades.length);
      expect(g.trades.length).toBeGreaterThan(0);
    });
  }
});
