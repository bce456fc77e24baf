import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCandleCsv } from '../../../src/sources/market/parse.js';
import { asPair, type CandleClosed } from '../../../src/core/types.js';
import type { KernelContext, Strategy } from '../../../src/kernel/ports.js';
import { runBacktest } from '../../../src/services/backtest/run.js';
import { builtinStrategy, resolveParams } from '../../../src/services/backtest/strategies/index.js';
import { accountOf, placeOrder } from '../../../src/services/backtest/context.js';
import type { Series } from '../../../src/services/backtest/feed.js';
import { GOLDEN_BT, HAS_GOLDEN_BT, compareGolden, goldenCandles, type GoldenBacktest } from '../../core/backtest/golden-helpers.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const daily = parseCandleCsv(readFileSync(join(ROOT, 'data', 'binance-daily', 'binance_daily_ohlcv_2021.csv'), 'utf8'));
const series = (sym: string): Series => ({ symbol: asPair(sym), timeframe: '1d', candles: daily.get(sym)! });

describe('backtest on the kernel', () => {
  it('the kernel run and the fast path give identical trades and equity (real daily and hourly data)', async () => {
    const cases: { s: Series; p: Record<string, number> }[] = [
      { s: series('BTC/USDT'), p: { fast: 5, slow: 20 } },
      { s: series('ETH/USDT'), p: { fast: 3, slow: 12 } },
      { s: series('SOL/USDT'), p: { fast: 5, slow: 20 } },
    ];
    let trades = 0;
    for (const { s, p } of cases) {
      const def = builtinStrategy('sma-cross');
      const spec = { strategy: def, params: resolveParams(def, p), series: [s], cash: 10_000, fee: 0.001, slippage: { kind: 'fixed' as const, bps: 3 } };
      const fast = await runBacktest({ ...spec, engine: 'fast' });
      const kern = await runBacktest({ ...spec, engine: 'kernel' });
      expect(kern.engine).toBe('kernel');
      expect(kern.result.trades).toEqual(fast.result.trades);
      expect(Array.from(kern.result.equity)).toEqual(Array.from(fast.result.equity));
      expect(Array.from(kern.result.times)).toEqual(Array.from(fast.result.times));
      expect(kern.metrics).toEqual(fast.metrics);
      trades += fast.result.trades.length;
    }
    expect(trades).toBeGreaterThan(10);
  });

  it.runIf(HAS_GOLDEN_BT)('the kernel run reproduces every backtesting.py golden file too', async () => {
    for (const file of readdirSync(GOLDEN_BT).filter((f) => f.endsWith('.json'))) {
      const g = JSON.parse(readFileSync(join(GOLDEN_BT, file), 'utf8')) as GoldenBacktest;
      const c = goldenCandles(file, g);
      const def = builtinStrategy('sma-cross');
      const r = await runBacktest({
        strategy: def, params: resolveParams(def, { fast: g.strategy.fast, slow: g.strategy.slow }), series: [{ symbol: asPair('X/USDT'), timeframe: file.includes('-1d-') ? '1d' : '1h', candles: c }],
        cash: g.cash, fee: g.commission, slippage: { kind: 'none' }, engine: 'kernel',
      });
      const { problems, matched } = compareGolden(g, c, r.result);
      expect(problems, file).toEqual([]);
      expect(matched).toBe(g.trades.length);
    }
  });

  it('a strategy sees only the past: the clock stands at the candle close and no later candle was delivered', async () => {
    const seen: number[] = [];
    const spy: Strategy = {
      name: 'spy',
      onCandle(c: CandleClosed, ctx: KernelContext) {
        expect(ctx.clock.now()).toBe(c.time + 86_400_000);
        if (seen.length) expect(c.time).toBeGreaterThan(seen[seen.length - 1]!);
        seen.push(c.time);
      },
    };
    const s = series('BTC/USDT');
    await runBacktest({ strategy: { name: 'spy', description: '', params: {}, create: () => spy }, params: {}, series: [s], cash: 1000, fee: 0, slippage: { kind: 'none' } });
    expect(seen).toEqual(Array.from(s.candles.time));
  });

  it('many assets at once: one equity point per bar time, positions in several coins, refusals recorded', async () => {
    const syms = [...daily.keys()].filter((k) => daily.get(k)!.time.length === 365).slice(0, 12);
    expect(syms.length).toBe(12);
    const def = builtinStrategy('sma-cross');
    const r = await runBacktest({
      strategy: def, params: resolveParams(def, { fast: 5, slow: 20, allocation: 0.1 }), series: syms.map(series), cash: 100_000, fee: 0.001,
      slippage: { kind: 'fixed', bps: 2 }, risk: { maxExposure: 0.45 },
    });
    expect(r.engine).toBe('kernel');
    expect(r.result.equity.length).toBe(365);
    expect(new Set(r.result.trades.map((t) => t.symbol)).size).toBeGreaterThan(5);
    expect(r.result.refusals.length).toBeGreaterThan(0);
    expect(r.result.refusals.every((x) => x.reason === 'exposure_limit' && x.message.includes('exceed'))).toBe(true);
    const open = r.result.open.reduce((a, t) => a + t.units * daily.get(t.symbol)!.close[364]! - t.entryFee - t.units * t.entryPrice, 0);
    const pnl = r.result.trades.reduce((a, t) => a + t.pnl, 0);
    expect(Math.abs(pnl + open - (r.metrics.finalEquity - 100_000))).toBeLessThan(1e-6);
  });

  it('a throwing strategy stops the backtest with its message and the bar time', async () => {
    const bad: Strategy = {
      name: 'bad',
      onCandle(c: CandleClosed, ctx: KernelContext) {
        if (c.time === Date.UTC(2021, 2, 1)) throw new Error('division by zero in my signal');
        if (accountOf(ctx).position(c.symbol) === 0) placeOrder(ctx, { symbol: c.symbol, side: 'buy', type: 'market', size: { units: 0.001 } });
      },
    };
    await expect(runBacktest({ strategy: { name: 'bad', description: '', params: {}, create: () => bad }, params: {}, series: [series('BTC/USDT')], cash: 1000, fee: 0, slippage: { kind: 'none' } }))
      .rejects.toThrow(/bad failed at 2021-03-02T00:00:00.000Z: division by zero in my signal/);
  });

  it('volume-spike and trade-plan strategies run on real data with brackets', async () => {
    for (const name of ['volume-spike', 'trade-plan']) {
      const def = builtinStrategy(name);
      const r = await runBacktest({ strategy: def, params: resolveParams(def), series: [series('BTC/USDT'), series('ETH/USDT'), series('SOL/USDT')], cash: 10_000, fee: 0.001, slippage: { kind: 'fixed', bps: 5 } });
      expect(r.result.trades.length, name).toBeGreaterThan(0);
      for (const t of r.result.trades) expect(t.exitTime).toBeGreaterThanOrEqual(t.entryTime);
      if (name === 'trade-plan') expect(r.result.trades.some((t) => t.exitReason === 'take-profit' || t.exitReason === 'stop-loss')).toBe(true);
    }
  });

  it('unknown strategy and parameter errors name them', () => {
    expect(() => builtinStrategy('nope')).toThrow(/unknown strategy "nope"/);
    expect(() => resolveParams(builtinStrategy('sma-cross'), { fsat: '3' })).toThrow(/no parameter "fsat"/);
    expect(() => resolveParams(builtinStrategy('sma-cross'), { fast: '40', slow: '30' })).toThrow(/fast \(40\) must be below slow/);
  });
});
