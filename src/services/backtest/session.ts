import type { EventLoop } from '../../kernel/loop.js';
import type { Strategy } from '../../kernel/ports.js';
import { BrokerSim } from '../../core/portfolio/broker.js';
import { Portfolio } from '../../core/portfolio/portfolio.js';
import { RiskEngine, type AccountState, type RiskLimits, type RiskRefusal } from '../../core/portfolio/risk.js';
import type { FeeModel, SlippageModel } from '../../core/portfolio/costs.js';
import type { Fill, OrderIntent } from '../../core/portfolio/types.js';
import { CANCEL_TOPIC, ORDER_TOPIC, REFUSAL_TOPIC, type AccountView, type TradingContext } from './context.js';

export interface SessionOptions {
  cash: number;
  fees: FeeModel;
  slippage: SlippageModel;
  unit: number;
  risk?: RiskLimits;
}

/** Something that happened to the account, for paper trading's event stream. */
export type SessionEvent =
  | { type: 'order'; at: number; id: number; intent: OrderIntent }
  | { type: 'refusal'; at: number; refusal: RiskRefusal }
  | { type: 'fill'; at: number; fill: Fill };

/**
 * One strategy trading one account on an event loop: the piece backtests and paper
 * trading share. Per candle the broker first fills what was ordered before (at this bar's
 * open or inside it), then the strategy sees the closed candle and its account; its
 * orders pass the risk engine and wait for the symbol's next bar.
 */
export class TradingSession {
  readonly portfolio: Portfolio;
  readonly broker: BrokerSim;
  readonly risk: RiskEngine;
  readonly account: AccountView;
  private readonly listeners: ((e: SessionEvent) => void)[] = [];

  constructor(opts: SessionOptions) {
    this.portfolio = new Portfolio(opts.cash);
    this.broker = new BrokerSim(this.portfolio, { fees: opts.fees, slippage: opts.slippage, unit: opts.unit });
    this.risk = new RiskEngine(opts.risk);
    const p = this.portfolio;
    const b = this.broker;
    this.account = {
      get cash() { return p.cash; },
      equity: () => p.equity(),
      position: (symbol) => p.position(symbol),
      openOrders: (symbol) => (symbol ? b.openOrders.filter((x) => x.symbol === symbol).length : b.openOrders.length),
    };
  }

  on(listener: (e: SessionEvent) => void): void {
    this.listeners.push(listener);
  }

  private tell(e: SessionEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Subscribes the broker and then the strategy (order matters: fills before decisions). */
  attach(loop: EventLoop, strategy: Strategy, onBar?: (at: number, barTime: number) => void): void {
    const p = this.portfolio;
    const state: AccountState = {
      get equity() { return p.equity(); },
      get grossExposure() { return p.grossExposure(); },
      get marginAvailable() { return p.marginAvailable(); },
      position: (s) => p.position(s),
      price: (s) => p.last.get(s),
    };
    const clock = loop.clock;
    loop.onOutput(ORDER_TOPIC, (out) => {
      const intent = out.payload as OrderIntent;
      const refusal = this.risk.check(intent, clock.now(), state);
      if (refusal) {
        loop.emit({ topic: REFUSAL_TOPIC, at: clock.now(), payload: refusal });
        if (this.listeners.length) this.tell({ type: 'refusal', at: clock.now(), refusal });
      } else {
        const o = this.broker.submit(intent, clock.now());
        if (this.listeners.length) this.tell({ type: 'order', at: clock.now(), id: o.id, intent });
      }
    });
    loop.onOutput(CANCEL_TOPIC, (out) => this.broker.cancelAll((out.payload as { symbol: string }).symbol));
    loop.subscribe('broker', (ev) => {
      if (ev.type !== 'candle') return;
      const c = ev.candle;
      onBar?.(ev.at, c.time);
      const fills = this.broker.onBar({ symbol: c.symbol, time: c.time, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume });
      if (this.listeners.length) for (const fill of fills) this.tell({ type: 'fill', at: ev.at, fill });
      this.risk.observe(ev.at, p.equity());
    }, ['candle']);
    const ctx: TradingContext = { clock, emit: (out) => loop.emit(out), account: this.account };
    loop.subscribe(strategy.name, (ev) => {
      if (ev.type === 'candle') strategy.onCandle(ev.candle, ctx);
      else strategy.onEvent?.(ev, ctx);
    });
  }
}
