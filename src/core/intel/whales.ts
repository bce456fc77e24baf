import { type ChainTx, SATS_PER_BTC } from './chain-types.js';

export type FlowKind = 'exchange_inflow' | 'exchange_outflow' | 'exchange_internal' | 'unknown';

export interface WhaleTx {
  hash: string;
  time: number;
  /** BTC moved: outputs to exchanges (inflow), outputs leaving exchanges (outflow), all outputs otherwise. */
  btc: number;
  kind: FlowKind;
  exchange: string | null;
}

/**
 * Coins sent *to* an exchange are usually about to be sold (distribution); coins taken
 * *off* an exchange go to custody (accumulation). A transaction whose inputs and outputs
 * are both exchange wallets is the exchange moving its own funds and says neither.
 */
export function classifyTx(tx: ChainTx, exchanges: ReadonlyMap<string, string>): { kind: FlowKind; exchange: string | null; btc: number } {
  const fromEx = tx.inputs.map((i) => (i.address ? exchanges.get(i.address) : undefined)).find(Boolean) ?? null;
  let toExSats = 0;
  let toOtherSats = 0;
  let toEx: string | null = null;
  for (const o of tx.outputs) {
    const ex = o.address ? exchanges.get(o.address) : undefined;
    if (ex) {
      toExSats += o.value;
      toEx ??= ex;
    } else toOtherSats += o.value;
  }
  if (fromEx && toOtherSats === 0) return { kind: 'exchange_internal', exchange: fromEx, btc: toExSats / SATS_PER_BTC };
  // Change back to the exchange's own wallet is not an outflow: count only what leaves.
  if (fromEx) return { kind: 'exchange_outflow', exchange: fromEx, btc: toOtherSats / SATS_PER_BTC };
  if (toEx) return { kind: 'exchange_inflow', exchange: toEx, btc: toExSats / SATS_PER_BTC };
  return { kind: 'unknown', exchange: null, btc: (toExSats + toOtherSats) / SATS_PER_BTC };
}

/** Transactions moving at least `minBtc`, classified; coinbase (new coins) is not a whale move. */
export function whaleTxs(txs: readonly ChainTx[], exchanges: ReadonlyMap<string, string>, minBtc: number): WhaleTx[] {
  const out: WhaleTx[] = [];
  for (const tx of txs) {
    if (tx.coinbase) continue;
    const c = classifyTx(tx, exchanges);
    const total = tx.outputs.reduce((a, o) => a + o.value, 0) / SATS_PER_BTC;
    if (total < minBtc) continue;
    out.push({ hash: tx.hash, time: tx.time, btc: c.btc, kind: c.kind, exchange: c.exchange });
  }
  return out;
}

export interface FlowWindow {
  /** Window length, ms; the window is (asOf − ms, asOf]. */
  ms: number;
  count: number;
  volumeBtc: number;
  inflowBtc: number;
  outflowBtc: number;
  /** −100 … +100: (outflow − inflow) / (outflow + inflow); null when no exchange flow was seen. */
  accumulation: number | null;
}

/** Net flow off exchanges as a score: +100 all coins leaving exchanges, −100 all arriving. */
export function accumulationScore(inflow: number, outflow: number): number | null {
  const total = inflow + outflow;
  return total > 0 ? Math.round((100 * (outflow - inflow)) / total) : null;
}

export function flowWindows(whales: readonly WhaleTx[], asOf: number, windowsMs: readonly number[]): FlowWindow[] {
  return windowsMs.map((ms) => {
    let count = 0;
    let volume = 0;
    let inflow = 0;
    let outflow = 0;
    for (const w of whales) {
      if (!(w.time > asOf - ms && w.time <= asOf)) continue;
      count++;
      volume += w.btc;
      if (w.kind === 'exchange_inflow') inflow += w.btc;
      else if (w.kind === 'exchange_outflow') outflow += w.btc;
    }
    return { ms, count, volumeBtc: volume, inflowBtc: inflow, outflowBtc: outflow, accumulation: accumulationScore(inflow, outflow) };
  });
}

/** A taker trade on an exchange, as the tracker sees it. */
export interface TakerTrade { time: number; price: number; amount: number; side: 'buy' | 'sell' }

export interface ExchangeWhales {
  /** Notional threshold (quote currency) a trade must reach. */
  minNotional: number;
  count: number;
  buyNotional: number;
  sellNotional: number;
  /** −100 … +100: large taker buying vs selling; null when no large trade. */
  accumulation: number | null;
  largest: { time: number; price: number; amount: number; side: 'buy' | 'sell'; notional: number }[];
}

/**
 * One taker order sweeping several price levels prints one trade per level, all with the
 * same time and side; they are merged back into the order (like Binance's aggTrade) so a
 * large order counts as one large trade rather than many ordinary ones.
 */
export function takerOrders(trades: Iterable<TakerTrade>): TakerTrade[] {
  const out: TakerTrade[] = [];
  let cur: { time: number; side: 'buy' | 'sell'; amount: number; notional: number } | undefined;
  const flush = () => {
    if (cur) out.push({ time: cur.time, side: cur.side, amount: cur.amount, price: cur.notional / cur.amount });
  };
  for (const t of trades) {
    if (cur && cur.time === t.time && cur.side === t.side) {
      cur.amount += t.amount;
      cur.notional += t.amount * t.price;
    } else {
      flush();
      cur = { time: t.time, side: t.side, amount: t.amount, notional: t.amount * t.price };
    }
  }
  flush();
  return out;
}

/** Fewer large orders than this are anecdotes, not a flow: no score. */
export const MIN_WHALE_ORDERS = 5;

/**
 * Exchange-side whales: taker orders (merged fills) of at least `minNotional`; buyers
 * lifting the ask accumulate, sellers hitting the bid distribute.
 */
export function exchangeWhales(trades: Iterable<TakerTrade>, minNotional: number, keep = 5): ExchangeWhales {
  let buy = 0;
  let sell = 0;
  let count = 0;
  const big: ExchangeWhales['largest'] = [];
  for (const t of takerOrders(trades)) {
    const notional = t.price * t.amount;
    if (notional < minNotional) continue;
    count++;
    if (t.side === 'buy') buy += notional;
    else sell += notional;
    big.push({ ...t, notional });
  }
  big.sort((a, b) => b.notional - a.notional);
  return { minNotional, count, buyNotional: buy, sellNotional: sell, accumulation: count >= MIN_WHALE_ORDERS ? accumulationScore(sell, buy) : null, largest: big.slice(0, keep) };
}
