import { describe, expect, it } from 'vitest';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { loadSeries } from '../../../src/services/backtest/data.js';
import { builtinStrategy, resolveParams } from '../../../src/services/backtest/strategies/index.js';
import { runPaper } from '../../../src/services/paper/run.js';
import type { SessionEvent } from '../../../src/services/backtest/session.js';

const replay = new ReplaySource();
const since = Date.UTC(2021, 0, 1);
const until = Date.UTC(2022, 0, 1);

describe('paper trading on replay', () => {
  it('the risk engine refuses an order over the size limit; the refusal is an event with its reason and nothing fills', async () => {
    const series = await loadSeries(replay, { pairs: ['BTC/USDT'], timeframe: '1d', since, until });
    const def = builtinStrategy('sma-cross');
    const events: SessionEvent[] = [];
    const s = await runPaper({
      strategy: def, params: resolveParams(def, { fast: 5, slow: 20 }), series, cash: 10_000, fee: 0.001, slippage: { kind: 'none' },
      risk: { maxOrderNotional: 1000 }, onEvent: (e) => events.push(e),
    });
    expect(s.events).toBe(365);
    expect(s.refusals.length).toBeGreaterThan(0);
    expect(s.refusals.every((r) => r.reason === 'order_size' && /order notional \d+\.\d+ > limit 1000/.test(r.message))).toBe(true);
    expect(events.filter((e) => e.type === 'refusal')).toHaveLength(s.refusals.length);
    expect(s.fills).toBe(0);
    expect(s.equity).toBe(10_000);
  });

  it('within limits the same run trades, and the kill switch stops new entries', async () => {
    const series = await loadSeries(replay, { pairs: ['BTC/USDT', 'ETH/USDT'], timeframe: '1d', since, until });
    const def = builtinStrategy('sma-cross');
    const params = resolveParams(def, { fast: 5, slow: 20, allocation: 0.4 });
    const ok = await runPaper({ strategy: def, params, series, cash: 10_000, fee: 0.001, slippage: { kind: 'fixed', bps: 5 }, risk: { maxOrderNotional: 20_000 } });
    expect(ok.fills).toBeGreaterThan(4);
    expect(ok.refusals).toEqual([]);
    const killed = await runPaper({ strategy: def, params, series, cash: 10_000, fee: 0.001, slippage: { kind: 'none' }, risk: { killSwitch: true } });
    expect(killed.fills).toBe(0);
    expect(killed.refusals.every((r) => r.reason === 'kill_switch')).toBe(true);
    expect(killed.refusals.length).toBeGreaterThan(0);
  });
});
