import type { ClosedTrade, Fill, OpenTrade, TakeProfit } from './types.js';

/**
 * Cash, open lots and closed trades over any number of symbols. Long and short are the
 * same arithmetic: a buy pays units × price from cash, a sell receives it, so a short
 * (margin/futures style, no borrow fee) holds negative units and extra cash, and
 * equity = cash + Σ units × last price in both cases.
 */
export class Portfolio {
  cash: number;
  readonly open = new Map<string, OpenTrade[]>();
  readonly closed: ClosedTrade[] = [];
  readonly last = new Map<string, number>();
  commissions = 0;
  private nextTradeId = 1;

  constructor(readonly initialCash: number) {
    this.cash = initialCash;
  }

  /** Signed units held in `symbol`. */
  position(symbol: string): number {
    const lots = this.open.get(symbol);
    if (!lots) return 0;
    let u = 0;
    for (const t of lots) u += t.units;
    return u;
  }

  mark(symbol: string, price: number): void {
    this.last.set(symbol, price);
  }

  equity(): number {
    let e = this.cash;
    for (const [sym, lots] of this.open) {
      const p = this.last.get(sym);
      if (p === undefined) continue;
      for (const t of lots) e += t.units * p;
    }
    return e;
  }

  /** Σ |units| × last price over every open lot. */
  grossExposure(): number {
    let g = 0;
    for (const [sym, lots] of this.open) {
      const p = this.last.get(sym) ?? 0;
      for (const t of lots) g += Math.abs(t.units) * p;
    }
    return g;
  }

  /** What a new order may still commit at leverage 1: equity not already tied in positions. */
  marginAvailable(): number {
    return Math.max(0, this.equity() - this.grossExposure());
  }

  /**
   * Books a fill: it first closes opposite lots first-in first-out (each closed part is a
   * ClosedTrade carrying its share of the entry fee), and what remains opens a new lot
   * unless `reduceOnly`.
   */
  apply(fill: Fill, bar: number, opts: { reduceOnly?: boolean; stopLoss?: number; takeProfits?: TakeProfit[] } = {}): OpenTrade | undefined {
    const signed = fill.side === 'buy' ? fill.units : -fill.units;
    this.cash -= signed * fill.price + fill.fee;
    this.commissions += fill.fee;
    this.last.set(fill.symbol, this.last.get(fill.symbol) ?? fill.price);
    let remaining = fill.units;
    const lots = this.open.get(fill.symbol) ?? [];
    const feePerUnit = fill.units > 0 ? fill.fee / fill.units : 0;
    while (remaining > 0 && lots.length && Math.sign(lots[0]!.units) === -Math.sign(signed)) {
      const lot = lots[0]!;
      const lotUnits = Math.abs(lot.units);
      const take = Math.min(lotUnits, remaining);
      const whole = take === lotUnits;
      const entryFee = whole ? lot.entryFee : (lot.entryFee * take) / lotUnits;
      const exitFee = whole && take === fill.units ? fill.fee : feePerUnit * take;
      const dir = lot.units > 0 ? 1 : -1;
      const pnl = dir * take * (fill.price - lot.entryPrice) - entryFee - exitFee;
      this.closed.push({
        symbol: lot.symbol,
        side: dir > 0 ? 'long' : 'short',
        entryTime: lot.entryTime,
        exitTime: fill.time,
        entryBar: lot.entryBar,
        exitBar: bar,
        entryPrice: lot.entryPrice,
        exitPrice: fill.price,
        size: take,
        pnl,
        returnPct: (pnl / (take * lot.entryPrice)) * 100,
        commission: entryFee + exitFee,
        exitReason: fill.reason,
      });
      if (whole) lots.shift();
      else {
        lot.units -= dir * take;
        lot.entryFee -= entryFee;
      }
      remaining -= take;
    }
    let opened: OpenTrade | undefined;
    // A remainder below float noise is the same lot closed exactly, not a new position.
    if (remaining > fill.units * 1e-12 && !opts.reduceOnly) {
      const units = fill.side === 'buy' ? remaining : -remaining;
      opened = {
        id: this.nextTradeId++,
        symbol: fill.symbol,
        units,
        entryPrice: fill.price,
        entryTime: fill.time,
        entryBar: bar,
        entryFee: remaining === fill.units ? fill.fee : feePerUnit * remaining,
        stopLoss: opts.stopLoss,
        takeProfits: (opts.takeProfits ?? []).map((t) => ({ ...t })),
        initialUnits: remaining,
      };
      lots.push(opened);
    }
    if (lots.length) this.open.set(fill.symbol, lots);
    else this.open.delete(fill.symbol);
    return opened;
  }
}
