import { describe, expect, it } from 'vitest';
import { RiskEngine, type AccountState } from '../../../src/core/portfolio/risk.js';
import type { OrderIntent } from '../../../src/core/portfolio/types.js';

const acct = (over: Partial<AccountState> = {}): AccountState => ({
  equity: 10_000, grossExposure: 0, marginAvailable: 10_000, position: () => 0, price: () => 100, ...over,
});
const buy = (units: number, symbol = 'BTC/USDT'): OrderIntent => ({ symbol, side: 'buy', type: 'market', size: { units } });
const exit: OrderIntent = { symbol: 'BTC/USDT', side: 'sell', type: 'market', size: { positionFraction: 1 }, reduceOnly: true };

describe('RiskEngine', () => {
  it('refuses an order over the size limit and records the reason', () => {
    const r = new RiskEngine({ maxOrderNotional: 1000 });
    expect(r.check(buy(5), 0, acct())).toBeUndefined();
    const no = r.check(buy(11), 0, acct());
    expect(no?.reason).toBe('order_size');
    expect(r.refusals).toHaveLength(1);
  });

  it('per-coin position limit counts what is already held', () => {
    const r = new RiskEngine({ maxPositionNotional: 2000 });
    expect(r.check(buy(15), 0, acct({ position: () => 10 }))?.reason).toBe('position_limit');
    expect(r.check(buy(9), 0, acct({ position: () => 10 }))).toBeUndefined();
  });

  it('exposure limit is gross over equity', () => {
    const r = new RiskEngine({ maxExposure: 1 });
    expect(r.check(buy(30, 'ETH/USDT'), 0, acct({ grossExposure: 8000 }))?.reason).toBe('exposure_limit');
    expect(r.check(buy(20, 'ETH/USDT'), 0, acct({ grossExposure: 8000 }))).toBeUndefined();
  });

  it('daily loss halts new orders until the next UTC day, exits still pass', () => {
    const r = new RiskEngine({ maxDailyLoss: 0.05 });
    const day = 86_400_000;
    r.observe(10 * day, 10_000);
    r.observe(10 * day + 1000, 9400);
    expect(r.check(buy(1), 10 * day + 2000, acct())?.reason).toBe('daily_loss_halt');
    expect(r.check(exit, 10 * day + 2000, acct())).toBeUndefined();
    r.observe(11 * day, 9400);
    expect(r.check(buy(1), 11 * day + 1, acct())).toBeUndefined();
  });

  it('order frequency: at most N accepted orders per window', () => {
    const r = new RiskEngine({ maxOrders: { count: 2, windowMs: 60_000 } });
    expect(r.check(buy(1), 0, acct())).toBeUndefined();
    expect(r.check(buy(1), 10, acct())).toBeUndefined();
    expect(r.check(buy(1), 20, acct())?.reason).toBe('order_frequency');
    expect(r.check(buy(1), 60_001, acct())).toBeUndefined();
  });

  it('kill switch refuses everything but reduce-only orders', () => {
    const r = new RiskEngine();
    r.setKillSwitch(true);
    expect(r.check(buy(1), 0, acct())?.reason).toBe('kill_switch');
    expect(r.check(exit, 0, acct())).toBeUndefined();
  });
});
