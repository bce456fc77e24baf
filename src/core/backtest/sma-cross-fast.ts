import type { Candles } from '../series.js';
import { affordableUnits, slipPrice } from '../portfolio/costs.js';
import type { ClosedTrade } from '../portfolio/types.js';
import type { RunResult } from './result.js';
import { TIE_REL } from './sma.js';

export interface SmaCrossParams {
  fast: number;
  slow: number;
}

export interface FastCosts {
  cash: number;
  /** Relative fee per side (market orders pay taker). */
  fee: number;
  slippageBps: number;
  unit: number;
}

/**
 * sma-cross on one series without the event loop: the same rules, sizing, fee and
 * equity arithmetic as the kernel run (BrokerSim + Portfolio + the sma-cross strategy),
 * written as one loop over columns. Tests hold both paths to identical output; this one
 * exists for sweeps and benchmarks where per-event dispatch would dominate.
 */
export function smaCrossFast(c: Candles, symbol: string, p: SmaCrossParams, k: FastCosts): RunResult {
  const n = c.time.length;
  const { open, close, time } = c;
  const equity = new Float64Array(n);
  const trades: ClosedTrade[] = [];
  let cash = k.cash;
  let commissions = 0;
  let units = 0;
  let entryPrice = 0;
  let entryTime = 0;
  let entryBar = 0;
  let entryFee = 0;
  let pending = 0; // 1 buy all-in, -1 close
  let fs = 0;
  let ss = 0;
  let prev = NaN;
  let barsInMarket = 0;
  for (let i = 0; i < n; i++) {
    if (pending === 1) {
      const price = slipPrice(open[i]!, 'buy', k.slippageBps);
      const u = affordableUnits(Math.max(0, cash - 0) * 1, price, k.fee, k.unit);
      if (u > 0) {
        const fee = u * price * k.fee;
        cash -= u * price + fee;
        commissions += fee;
        units = u;
        entryPrice = price;
        entryTime = time[i]!;
        entryBar = i;
        entryFee = fee;
      }
    } else if (pending === -1 && units > 0) {
      const price = slipPrice(open[i]!, 'sell', k.slippageBps);
      const u = units * 1;
      const fee = u * price * k.fee;
      cash -= -u * price + fee;
      commissions += fee;
      const pnl = 1 * u * (price - entryPrice) - entryFee - fee;
      trades.push({
        symbol, side: 'long', entryTime, exitTime: time[i]!, entryBar, exitBar: i, entryPrice, exitPrice: price,
        size: u, pnl, returnPct: (pnl / (u * entryPrice)) * 100, commission: entryFee + fee, exitReason: 'exit',
      });
      units = 0;
    }
    pending = 0;
    const cl = close[i]!;
    equity[i] = units !== 0 ? cash + units * cl : cash;
    if (units !== 0) barsInMarket++;
    fs += cl;
    if (i >= p.fast) fs -= close[i - p.fast]!;
    ss += cl;
    if (i >= p.slow) ss -= close[i - p.slow]!;
    const f = i >= p.fast - 1 ? fs / p.fast : NaN;
    const s = i >= p.slow - 1 ? ss / p.slow : NaN;
    // cmp() inlined: this loop is the benchmark's hot path.
    const d = f - s;
    const now = Math.abs(d) > TIE_REL * Math.max(Math.abs(f), Math.abs(s)) ? (d > 0 ? 1 : -1) : d !== d ? NaN : 0;
    if (prev === -1 && now === 1) {
      if (units === 0) pending = 1;
    } else if (prev === 1 && now === -1) {
      if (units > 0) pending = -1;
    }
    prev = now;
  }
  return {
    symbols: [symbol],
    initialCash: k.cash,
    trades,
    open: units > 0
      ? [{ id: 1, symbol, units, entryPrice, entryTime, entryBar, entryFee, takeProfits: [], initialUnits: units }]
      : [],
    equity,
    times: time,
    commissions,
    barsInMarket,
    refusals: [],
    buyHold: n ? { first: close[0]!, last: close[n - 1]! } : undefined,
    warmupBars: p.slow - 1,
  };
}
