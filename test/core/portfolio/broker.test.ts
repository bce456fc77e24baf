import { describe, expect, it } from 'vitest';
import { BrokerSim } from '../../../src/core/portfolio/broker.js';
import { Portfolio } from '../../../src/core/portfolio/portfolio.js';
import type { Bar } from '../../../src/core/portfolio/types.js';

const bar = (time: number, open: number, high: number, low: number, close: number, volume = 1000): Bar => ({ symbol: 'BTC/USDT', time, open, high, low, close, volume });

function setup(maker = 0, taker = 0, slippage: ConstructorParameters<typeof BrokerSim>[1]['slippage'] = { kind: 'none' }) {
  const p = new Portfolio(10_000);
  const b = new BrokerSim(p, { fees: { maker, taker }, slippage, unit: 1e-8 });
  return { p, b };
}

describe('BrokerSim fill rules', () => {
  it('a market order placed at a close fills at the next bar open, not before', () => {
    const { p, b } = setup();
    b.onBar(bar(0, 100, 110, 90, 105));
    b.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: { units: 2 } }, 1);
    expect(p.position('BTC/USDT')).toBe(0);
    const fills = b.onBar(bar(1, 107, 112, 101, 111));
    expect(fills).toHaveLength(1);
    expect(fills[0]!.price).toBe(107);
    expect(p.cash).toBe(10_000 - 214);
    expect(p.equity()).toBe(10_000 - 214 + 2 * 111);
  });

  it('limit buy: open already below the limit fills at the open; otherwise at the limit when the low reaches it', () => {
    const { p, b } = setup(0.001, 0.002);
    b.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: 100, size: { units: 1 } }, 0);
    expect(b.onBar(bar(0, 105, 106, 101, 103))).toHaveLength(0);
    const f = b.onBar(bar(1, 104, 104, 95, 99));
    expect(f[0]!.price).toBe(100);
    expect(f[0]!.liquidity).toBe('maker');
    expect(f[0]!.fee).toBeCloseTo(0.1, 12);
    b.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: 100, size: { units: 1 } }, 1);
    expect(b.onBar(bar(2, 97, 99, 96, 98))[0]!.price).toBe(97);
    expect(p.position('BTC/USDT')).toBe(2);
  });

  it('stop sell triggers at the stop inside the bar, at the open on a gap; taker fee and slippage apply', () => {
    const { p, b } = setup(0, 0.001, { kind: 'fixed', bps: 10 });
    p.apply({ orderId: 0, symbol: 'BTC/USDT', side: 'buy', time: 0, price: 100, units: 1, fee: 0, liquidity: 'taker', reason: 'entry' }, 0);
    b.submit({ symbol: 'BTC/USDT', side: 'sell', type: 'stop', price: 95, size: { positionFraction: 1 }, reduceOnly: true }, 0);
    const f = b.onBar(bar(1, 93, 96, 90, 94));
    expect(f[0]!.price).toBeCloseTo(93 * (1 - 0.001), 12);
    expect(f[0]!.liquidity).toBe('taker');
    expect(p.closed[0]!.exitReason).toBe('exit');
    expect(p.position('BTC/USDT')).toBe(0);
  });

  it('a bar that touches both stop-loss and take-profit takes the stop (pessimistic)', () => {
    const { p, b } = setup();
    b.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: { units: 1 }, bracket: { stopLoss: 95, takeProfits: [{ price: 110, fraction: 1 }] } }, 0);
    b.onBar(bar(0, 100, 101, 99, 100));
    b.onBar(bar(1, 100, 111, 94, 100));
    expect(p.closed).toHaveLength(1);
    expect(p.closed[0]!.exitReason).toBe('stop-loss');
    expect(p.closed[0]!.exitPrice).toBe(95);
    expect(p.closed[0]!.pnl).toBe(-5);
  });

  it('take-profits close their fractions of the entry one after another; the last closes the rest', () => {
    const { p, b } = setup();
    const tps = [{ price: 105, fraction: 0.5 }, { price: 110, fraction: 0.25 }, { price: 120, fraction: 0.25 }];
    b.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: { units: 4 }, bracket: { stopLoss: 90, takeProfits: tps } }, 0);
    b.onBar(bar(0, 100, 101, 99, 100));
    b.onBar(bar(1, 100, 106, 99, 104));
    expect(p.position('BTC/USDT')).toBe(2);
    b.onBar(bar(2, 104, 111, 103, 109));
    expect(p.position('BTC/USDT')).toBe(1);
    b.onBar(bar(3, 121, 125, 119, 122));
    expect(p.position('BTC/USDT')).toBe(0);
    expect(p.closed.map((t) => [t.size, t.exitPrice, t.exitReason])).toEqual([[2, 105, 'take-profit'], [1, 110, 'take-profit'], [1, 121, 'take-profit']]);
    expect(p.cash).toBe(10_000 - 400 + 210 + 110 + 121);
  });

  it('short: a sell opens negative units, profit when price falls, equity = cash + units × price', () => {
    const { p, b } = setup(0, 0.001);
    b.submit({ symbol: 'BTC/USDT', side: 'sell', type: 'market', size: { units: 10 } }, 0);
    b.onBar(bar(0, 100, 100, 100, 100));
    expect(p.position('BTC/USDT')).toBe(-10);
    expect(p.equity()).toBeCloseTo(10_000 - 1, 9);
    b.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: { positionFraction: 1 }, reduceOnly: true }, 1);
    b.onBar(bar(1, 90, 90, 90, 90));
    const t = p.closed[0]!;
    expect(t.side).toBe('short');
    expect(t.pnl).toBeCloseTo(100 - 1 - 0.9, 9);
    expect(p.equity()).toBeCloseTo(10_000 + t.pnl, 9);
  });

  it('all-in fractional sizing floors to the unit after the fee; reduce-only never flips', () => {
    const { p, b } = setup(0.001, 0.001);
    b.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: { equityFraction: 1 } }, 0);
    b.onBar(bar(0, 30_000, 30_000, 30_000, 30_000));
    const u = p.position('BTC/USDT');
    expect(u).toBe(33_300_033 * 1e-8);
    expect(p.cash).toBeGreaterThanOrEqual(0);
    b.submit({ symbol: 'BTC/USDT', side: 'sell', type: 'market', size: { units: 5 }, reduceOnly: true }, 1);
    b.onBar(bar(1, 30_000, 30_000, 30_000, 30_000));
    expect(p.position('BTC/USDT')).toBe(0);
  });

  it('volume slippage grows with the share of the bar volume', () => {
    const small = setup(0, 0, { kind: 'volume', baseBps: 1, impactBps: 100 });
    small.b.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: { units: 1 } }, 0);
    const big = setup(0, 0, { kind: 'volume', baseBps: 1, impactBps: 100 });
    big.b.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: { units: 50 } }, 0);
    const a = small.b.onBar(bar(0, 100, 100, 100, 100, 100))[0]!.price;
    const c = big.b.onBar(bar(0, 100, 100, 100, 100, 100))[0]!.price;
    expect(a).toBeCloseTo(100 * (1 + 2 / 10_000), 12);
    expect(c).toBeCloseTo(100 * (1 + 51 / 10_000), 12);
  });

  it('limit orders with a time to live expire unfilled', () => {
    const { b } = setup();
    b.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: 50, size: { units: 1 }, ttlBars: 2 }, 0);
    b.onBar(bar(0, 100, 100, 100, 100));
    expect(b.openOrders).toHaveLength(1);
    b.onBar(bar(1, 100, 100, 100, 100));
    expect(b.openOrders).toHaveLength(0);
  });
});
