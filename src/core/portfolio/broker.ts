import { type FeeModel, type SlippageModel, affordableUnits, slipPrice, slippageBps } from './costs.js';
import type { Portfolio } from './portfolio.js';
import type { Bar, Fill, OpenTrade, Order, OrderIntent, Side } from './types.js';

export interface BrokerOptions {
  fees: FeeModel;
  slippage: SlippageModel;
  /** Smallest tradable amount of base currency (crypto is fractional): 1e-8 like a satoshi. */
  unit: number;
}

/**
 * Fills orders against bars. The rules, the same in backtest and paper trading:
 *
 * - An order accepted while bar i is current (its strategy ran at bar i's close) is first
 *   tried on bar i+1: market orders fill at that bar's open.
 * - Limit: fills at the open if the open is already through the limit, else at the limit
 *   if the bar's low (buy) / high (sell) reaches it. Stop: the same with the trigger and
 *   the opposite extreme. Gaps fill at the open, never at a price the market skipped.
 * - Brackets (stop-loss, take-profits) are checked on every bar from the one the entry
 *   filled in: a gap through a level fills at the open; when one bar touches both the
 *   stop and a take-profit the stop is taken first (pessimistic: the bar's path is unknown).
 *   On the entry bar of a limit/stop entry only the stop-loss is checked, for the same reason.
 * - Market orders and triggered stops pay the taker fee and slippage; limit orders and
 *   take-profits pay the maker fee and no slippage.
 */
export class BrokerSim {
  private pending: Order[] = [];
  private nextId = 1;
  /** Bars seen per symbol: fills and trades carry the symbol's bar index. */
  readonly barIndex = new Map<string, number>();

  constructor(readonly portfolio: Portfolio, readonly opts: BrokerOptions) {}

  submit(intent: OrderIntent, now: number): Order {
    const order: Order = { ...intent, id: this.nextId++, createdAt: now, age: 0 };
    this.pending.push(order);
    return order;
  }

  cancelAll(symbol?: string): void {
    this.pending = symbol ? this.pending.filter((o) => o.symbol !== symbol) : [];
  }

  get openOrders(): readonly Order[] {
    return this.pending;
  }

  /** Runs one bar of one symbol: pending orders, then brackets, then marks the close. Returns the fills. */
  onBar(bar: Bar): Fill[] {
    const idx = (this.barIndex.get(bar.symbol) ?? -1) + 1;
    this.barIndex.set(bar.symbol, idx);
    const fills: Fill[] = [];
    const enteredIntrabar = new Set<OpenTrade>();
    if (this.pending.length) {
      const keep: Order[] = [];
      for (const o of this.pending) {
        if (o.symbol !== bar.symbol) {
          keep.push(o);
          continue;
        }
        const px = triggerPrice(o, bar);
        if (px === undefined) {
          o.age++;
          if (o.ttlBars === undefined || o.age < o.ttlBars) keep.push(o);
          continue;
        }
        const maker = o.type === 'limit';
        const fill = this.fill(o, bar, px.price, maker, idx);
        if (fill) {
          fills.push(fill.fill);
          if (fill.opened && px.intrabar) enteredIntrabar.add(fill.opened);
        }
      }
      this.pending = keep;
    }
    const lots = this.portfolio.open.get(bar.symbol);
    if (lots) {
      for (const lot of [...lots]) fills.push(...this.brackets(lot, bar, idx, enteredIntrabar.has(lot)));
    }
    this.portfolio.mark(bar.symbol, bar.close);
    return fills;
  }

  private unitsFor(o: Order, price: number, fee: number): number {
    const s = o.size;
    if ('units' in s) return s.units;
    const pos = this.portfolio.position(o.symbol);
    if ('positionFraction' in s) return Math.abs(pos) * s.positionFraction;
    // Reversing: the opposite position is closed first, and its value is budget again.
    const closing = Math.sign(pos) === (o.side === 'buy' ? -1 : 1) ? Math.abs(pos) : 0;
    const budget = this.portfolio.marginAvailable() * s.equityFraction;
    return closing + affordableUnits(budget, price, fee, this.opts.unit);
  }

  private fill(o: Order, bar: Bar, rawPrice: number, maker: boolean, idx: number): { fill: Fill; opened?: OpenTrade } | undefined {
    const feeRate = maker ? this.opts.fees.maker : this.opts.fees.taker;
    let price = rawPrice;
    if (!maker) {
      const guess = this.unitsFor(o, rawPrice, feeRate);
      price = slipPrice(rawPrice, o.side, slippageBps(this.opts.slippage, guess, bar.volume));
    }
    let units = this.unitsFor(o, price, feeRate);
    if (o.reduceOnly) {
      const pos = this.portfolio.position(o.symbol);
      const against = o.side === 'buy' ? -pos : pos;
      units = Math.min(units, Math.max(0, against));
    }
    if (!(units > 0)) return undefined;
    const fill: Fill = {
      orderId: o.id, symbol: o.symbol, side: o.side, time: bar.time, price, units,
      fee: units * price * feeRate, liquidity: maker ? 'maker' : 'taker', reason: o.reduceOnly ? 'exit' : 'entry',
    };
    const opened = this.portfolio.apply(fill, idx, { reduceOnly: o.reduceOnly, stopLoss: o.bracket?.stopLoss, takeProfits: o.bracket?.takeProfits });
    return { fill, opened };
  }

  private brackets(lot: OpenTrade, bar: Bar, idx: number, intrabarEntry: boolean): Fill[] {
    const out: Fill[] = [];
    const long = lot.units > 0;
    const exitSide: Side = long ? 'sell' : 'buy';
    if (lot.stopLoss !== undefined) {
      const sl = lot.stopLoss;
      // After an intrabar entry the open is history: only the range after it can stop out.
      const gap = !intrabarEntry && (long ? bar.open <= sl : bar.open >= sl);
      const hit = gap || (long ? bar.low <= sl : bar.high >= sl);
      if (hit) {
        const raw = gap ? bar.open : sl;
        const units = Math.abs(lot.units);
        const price = slipPrice(raw, exitSide, slippageBps(this.opts.slippage, units, bar.volume));
        out.push(this.exit(lot, bar, idx, exitSide, price, units, 'taker', 'stop-loss'));
        return out;
      }
    }
    if (intrabarEntry) return out;
    while (lot.takeProfits.length && lot.units !== 0) {
      const tp = lot.takeProfits[0]!;
      const gap = long ? bar.open >= tp.price : bar.open <= tp.price;
      const hit = gap || (long ? bar.high >= tp.price : bar.low <= tp.price);
      if (!hit) break;
      lot.takeProfits.shift();
      const last = lot.takeProfits.length === 0;
      const units = last ? Math.abs(lot.units) : Math.min(Math.abs(lot.units), lot.initialUnits * tp.fraction);
      out.push(this.exit(lot, bar, idx, exitSide, gap ? bar.open : tp.price, units, 'maker', 'take-profit'));
    }
    return out;
  }

  private exit(lot: OpenTrade, bar: Bar, idx: number, side: Side, price: number, units: number, liq: 'maker' | 'taker', reason: Fill['reason']): Fill {
    const fee = units * price * (liq === 'maker' ? this.opts.fees.maker : this.opts.fees.taker);
    const fill: Fill = { orderId: 0, symbol: lot.symbol, side, time: bar.time, price, units, fee, liquidity: liq, reason };
    this.portfolio.apply(fill, idx, { reduceOnly: true });
    return fill;
  }
}

/** Where an order would fill in this bar, or undefined if it does not. */
function triggerPrice(o: Order, bar: Bar): { price: number; intrabar: boolean } | undefined {
  if (o.type === 'market') return { price: bar.open, intrabar: false };
  const p = o.price;
  if (p === undefined || !Number.isFinite(p)) return undefined;
  const buy = o.side === 'buy';
  // Limit buys want lower prices, stop buys trigger on higher ones; sells mirror both.
  const wantsLower = (o.type === 'limit') === buy;
  if (wantsLower) {
    if (bar.open <= p) return { price: bar.open, intrabar: false };
    if (bar.low <= p) return { price: p, intrabar: true };
  } else {
    if (bar.open >= p) return { price: bar.open, intrabar: false };
    if (bar.high >= p) return { price: p, intrabar: true };
  }
  return undefined;
}
