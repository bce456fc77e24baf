/**
 * Trading vocabulary shared by the backtester, paper trading and (opt-in) live trading.
 * Pure data: times are epoch ms (UTC), prices in quote units, sizes in base units.
 */

export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop';

/**
 * How much to trade. `units` is explicit; `equityFraction` is resolved at fill time
 * against the cash then available (all-in = 1); `positionFraction` is a share of the
 * position held when it fills (exits). Resolving at fill time means a signal at a bar's close buys what
 * the next bar's open price allows, as a real order would.
 */
export type OrderSize = { units: number } | { equityFraction: number } | { positionFraction: number };

/** One take-profit level of a bracket: close `fraction` of the entry size at `price`. */
export interface TakeProfit {
  price: number;
  fraction: number;
}

/** Stop-loss / take-profit attached to an entry (the seed-002 plan: SL, TP1..TP3 with partial exits). */
export interface Bracket {
  stopLoss?: number;
  takeProfits?: TakeProfit[];
}

/** What a strategy asks for. The risk engine sees it before the broker does. */
export interface OrderIntent {
  symbol: string;
  side: Side;
  type: OrderType;
  size: OrderSize;
  /** Limit price (limit) or trigger price (stop). */
  price?: number;
  /** Only reduces or closes a position (exits, brackets); never opens or flips one. */
  reduceOnly?: boolean;
  bracket?: Bracket;
  /** Cancel when not filled within this many bars of its symbol (absent = good till cancelled). */
  ttlBars?: number;
  tag?: string;
}

export interface Order extends OrderIntent {
  id: number;
  /** Clock time when it was accepted. */
  createdAt: number;
  /** Bars of its symbol seen since it was accepted. */
  age: number;
}

export interface Fill {
  orderId: number;
  symbol: string;
  side: Side;
  time: number;
  price: number;
  units: number;
  fee: number;
  /** Limit fills and resting brackets are maker; market and triggered stops are taker. */
  liquidity: 'maker' | 'taker';
  reason: 'entry' | 'exit' | 'stop-loss' | 'take-profit';
}

/** One bar of one symbol as the broker sees it. */
export interface Bar {
  symbol: string;
  /** Open time. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A position lot, opened by one entry fill (backtesting.py's notion of a trade). */
export interface OpenTrade {
  id: number;
  symbol: string;
  /** +units long, -units short. */
  units: number;
  entryPrice: number;
  entryTime: number;
  entryBar: number;
  /** Entry fee not yet attributed to a closed part. */
  entryFee: number;
  stopLoss?: number;
  takeProfits: TakeProfit[];
  /** Units at entry: TP fractions refer to it. */
  initialUnits: number;
}

export interface ClosedTrade {
  symbol: string;
  side: 'long' | 'short';
  entryTime: number;
  exitTime: number;
  /** 0-based bar index of the symbol's series. */
  entryBar: number;
  exitBar: number;
  entryPrice: number;
  exitPrice: number;
  /** Units closed (positive). */
  size: number;
  /** After the entry fee share and the exit fee. */
  pnl: number;
  /** pnl / entry notional, in percent. */
  returnPct: number;
  commission: number;
  exitReason: Fill['reason'];
}
