import type { BookLevel, MarketEvent, Pair } from '../../../core/types.js';

/**
 * Binance's spot stream messages (raw `/ws` connection, SUBSCRIBE with stream names) read
 * into kernel events. Each message is checked field by field: a frame that is not one of
 * these shapes is garbage (counted by the pool, never delivered).
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 */
export type WireResult = { kind: 'event'; event: MarketEvent } | { kind: 'control' } | { kind: 'garbage'; why: string };

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNumStr = (x: unknown): x is string => typeof x === 'string' && x !== '' && Number.isFinite(Number(x));

function levels(rows: unknown): BookLevel[] | undefined {
  if (!Array.isArray(rows)) return undefined;
  const out: BookLevel[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as unknown;
    if (!Array.isArray(r) || !isNumStr(r[0]) || !isNumStr(r[1])) return undefined;
    out[i] = [Number(r[0]), Number(r[1])];
  }
  return out;
}

/** The streams one symbol needs: trades, 100 ms depth diffs, and optionally best bid/ask. */
export function binanceStreams(lowercaseId: string, bookTicker: boolean): string[] {
  return [`${lowercaseId}@trade`, `${lowercaseId}@depth@100ms`, ...(bookTicker ? [`${lowercaseId}@bookTicker`] : [])];
}

/** `pairOf` maps Binance's symbol id (BTCUSDT) to the pair, undefined when not subscribed here. */
export function readBinanceMessage(msg: unknown, at: number, source: string, pairOf: (id: string) => Pair | undefined): WireResult {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { kind: 'garbage', why: 'not a JSON object' };
  let m = msg as Record<string, unknown>;
  // A combined-stream wrapper ({stream, data}) carries the same payloads.
  if (typeof m['stream'] === 'string' && typeof m['data'] === 'object' && m['data'] !== null) m = m['data'] as Record<string, unknown>;
  if ('result' in m && 'id' in m) return { kind: 'control' };
  if ('code' in m && 'msg' in m) return { kind: 'control' };
  const s = m['s'];
  if (typeof s !== 'string') return { kind: 'garbage', why: 'no symbol' };
  const symbol = pairOf(s);
  if (!symbol) return { kind: 'garbage', why: `symbol ${s} not subscribed on this connection` };
  const e = m['e'];
  if (e === 'depthUpdate') {
    const U = m['U'];
    const u = m['u'];
    const E = m['E'];
    const bids = levels(m['b']);
    const asks = levels(m['a']);
    if (!isNum(U) || !isNum(u) || !isNum(E) || u < U || !bids || !asks) return { kind: 'garbage', why: 'malformed depthUpdate' };
    const pu = m['pu'];
    return {
      kind: 'event',
      event: { type: 'book.diff', at, source, diff: { symbol, time: E, firstId: U, lastId: u, ...(isNum(pu) ? { prevLastId: pu } : {}), bids, asks } },
    };
  }
  if (e === 'trade') {
    const t = m['t'];
    const T = m['T'];
    const p = m['p'];
    const q = m['q'];
    const maker = m['m'];
    if (!isNum(t) || !isNum(T) || !isNumStr(p) || !isNumStr(q) || typeof maker !== 'boolean') return { kind: 'garbage', why: 'malformed trade' };
    // m = the buyer is the maker, so the taker sold.
    return { kind: 'event', event: { type: 'trade', at, source, trade: { symbol, id: String(t), time: T, price: Number(p), amount: Number(q), side: maker ? 'sell' : 'buy' } } };
  }
  if (e === undefined && 'u' in m && 'B' in m) {
    const u = m['u'];
    if (!isNum(u) || !isNumStr(m['b']) || !isNumStr(m['B']) || !isNumStr(m['a']) || !isNumStr(m['A'])) return { kind: 'garbage', why: 'malformed bookTicker' };
    return {
      kind: 'event',
      event: { type: 'book.top', at, source, top: { symbol, time: at, updateId: u, bid: Number(m['b']), bidAmount: Number(m['B']), ask: Number(m['a']), askAmount: Number(m['A']) } },
    };
  }
  return { kind: 'garbage', why: `unknown event ${String(e)}` };
}
