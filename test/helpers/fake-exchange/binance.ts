import { barsFor, closeTime } from './bars.js';
import { dailyBars, feed, feedBase, type Bar, type RawTrade } from './data.js';
import { intParam, ok, window, type FakeRequest, type FakeResponse, type Venue } from './http.js';

/**
 * Binance spot REST (api/v3) as ccxt's binance.js reads it, served from the bundled
 * data. Shapes follow Binance's API docs; error bodies are Binance's own.
 */
const toId = (symbol: string): string => symbol.replace('/', '');

function symbols(): Map<string, string> {
  return new Map([...dailyBars().keys()].map((s) => [toId(s), s]));
}

const invalidSymbol = (): FakeResponse => ({ status: 400, json: { code: -1121, msg: 'Invalid symbol.' } });

function decimals(x: string): number {
  const dot = x.indexOf('.');
  return dot < 0 ? 0 : x.length - dot - 1;
}

function tickSize(bars: readonly Bar[]): string {
  const d = Math.max(0, ...bars.slice(-30).flatMap((b) => [b.o, b.h, b.l, b.c].map(decimals)));
  return (10 ** -d).toFixed(Math.max(d, 8));
}

function exchangeInfo(): FakeResponse {
  const list = [...dailyBars()].map(([symbol, bars]) => {
    const [base, quote] = symbol.split('/');
    return {
      symbol: toId(symbol),
      status: 'TRADING',
      baseAsset: base,
      baseAssetPrecision: 8,
      quoteAsset: quote,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
      icebergAllowed: true,
      ocoAllowed: true,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: tickSize(bars), maxPrice: '1000000.00000000', tickSize: tickSize(bars) },
        { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
        { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
      ],
      permissions: [],
      permissionSets: [['SPOT']],
      defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
      allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
    };
  });
  return ok({
    timezone: 'UTC',
    serverTime: Date.now(),
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
    ],
    exchangeFilters: [],
    symbols: list,
  });
}

const INTERVALS = new Set(['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M']);

function klines(q: URLSearchParams): FakeResponse {
  const symbol = symbols().get(q.get('symbol') ?? '');
  if (!symbol) return invalidSymbol();
  const interval = q.get('interval') ?? '';
  if (!INTERVALS.has(interval)) return { status: 400, json: { code: -1120, msg: 'Invalid interval.' } };
  const limit = Math.min(intParam(q, 'limit') ?? 500, 1000);
  const start = intParam(q, 'startTime');
  const end = intParam(q, 'endTime');
  const bars = barsFor(symbol, interval).filter((b) => (start === undefined || b.t >= start) && (end === undefined || b.t <= end));
  return ok(
    window(bars, limit, start !== undefined).map((b) => [b.t, b.o, b.h, b.l, b.c, b.v, closeTime(b, interval), '0', 0, '0', '0', '0']),
  );
}

function depth(q: URLSearchParams): FakeResponse {
  const symbol = symbols().get(q.get('symbol') ?? '');
  if (!symbol) return invalidSymbol();
  const limit = Math.min(intParam(q, 'limit') ?? 100, 5000);
  const base = feedBase(symbol);
  if (!base) return ok({ lastUpdateId: 0, bids: [], asks: [] });
  const s = feed(base).snapshot;
  return ok({ lastUpdateId: s.lastUpdateId, bids: s.bids.slice(0, limit), asks: s.asks.slice(0, limit) });
}

function tradesOf(symbol: string): RawTrade[] {
  const base = feedBase(symbol);
  return base ? feed(base).trades : [];
}

/** Binance aggregates fills of one taker order at one price; the feed's T and m identify the order. */
function aggregate(trades: readonly RawTrade[]): { a: number; p: string; q: string; f: number; l: number; T: number; m: boolean; M: boolean }[] {
  const out: { a: number; p: string; q: string; f: number; l: number; T: number; m: boolean; M: boolean }[] = [];
  for (const t of trades) {
    const last = out[out.length - 1];
    if (last && last.p === t.p && last.T === t.T && last.m === t.m && last.l + 1 === t.t) {
      last.q = (Number(last.q) + Number(t.q)).toFixed(8);
      last.l = t.t;
    } else {
      out.push({ a: t.t, p: t.p, q: t.q, f: t.t, l: t.t, T: t.T, m: t.m, M: t.M });
    }
  }
  return out;
}

function aggTrades(q: URLSearchParams): FakeResponse {
  const symbol = symbols().get(q.get('symbol') ?? '');
  if (!symbol) return invalidSymbol();
  const limit = Math.min(intParam(q, 'limit') ?? 500, 1000);
  const fromId = intParam(q, 'fromId');
  const start = intParam(q, 'startTime');
  const end = intParam(q, 'endTime');
  const all = aggregate(tradesOf(symbol)).filter(
    (t) => (fromId === undefined || t.a >= fromId) && (start === undefined || t.T >= start) && (end === undefined || t.T <= end),
  );
  return ok(window(all, limit, fromId !== undefined || start !== undefined));
}

function trades(q: URLSearchParams): FakeResponse {
  const symbol = symbols().get(q.get('symbol') ?? '');
  if (!symbol) return invalidSymbol();
  const limit = Math.min(intParam(q, 'limit') ?? 500, 1000);
  return ok(
    window(tradesOf(symbol), limit, false).map((t) => ({
      id: t.t,
      price: t.p,
      qty: t.q,
      quoteQty: (Number(t.p) * Number(t.q)).toFixed(8),
      time: t.T,
      isBuyerMaker: t.m,
      isBestMatch: t.M,
    })),
  );
}

/**
 * The 24h statistics of a pair's last bundled day. The data has base volume only, so
 * quote volume is volume × close: an estimate, good enough to rank pairs by.
 */
function ticker24(symbol: string): Record<string, unknown> | undefined {
  const bars = dailyBars().get(symbol);
  const last = bars?.[bars.length - 1];
  if (!bars || !last) return undefined;
  const prev = bars[bars.length - 2] ?? last;
  const change = Number(last.c) - Number(last.o);
  return {
    symbol: toId(symbol),
    priceChange: change.toFixed(8),
    priceChangePercent: ((change / Number(last.o)) * 100).toFixed(3),
    weightedAvgPrice: last.c,
    prevClosePrice: prev.c,
    lastPrice: last.c,
    lastQty: '0',
    openPrice: last.o,
    highPrice: last.h,
    lowPrice: last.l,
    volume: last.v,
    quoteVolume: (Number(last.v) * Number(last.c)).toFixed(8),
    openTime: last.t,
    closeTime: last.t + 86_400_000 - 1,
    firstId: -1,
    lastId: -1,
    count: 0,
  };
}

function ticker(q: URLSearchParams): FakeResponse {
  const one = q.get('symbol');
  if (one) {
    const t = ticker24(symbols().get(one) ?? '');
    return t ? ok(t) : invalidSymbol();
  }
  const many = q.get('symbols');
  const ids = many ? (JSON.parse(many) as string[]) : [...symbols().keys()];
  const out = [];
  for (const id of ids) {
    const t = ticker24(symbols().get(id) ?? '');
    if (!t) return invalidSymbol();
    out.push(t);
  }
  return ok(out);
}

export const binance: Venue = (req: FakeRequest) => {
  if (req.method !== 'GET') return undefined;
  switch (req.path) {
    case '/api/v3/ping':
      return ok({});
    case '/api/v3/time':
      return ok({ serverTime: Date.now() });
    case '/api/v3/exchangeInfo':
      return exchangeInfo();
    case '/api/v3/klines':
      return klines(req.query);
    case '/api/v3/depth':
      return depth(req.query);
    case '/api/v3/aggTrades':
      return aggTrades(req.query);
    case '/api/v3/trades':
      return trades(req.query);
    case '/api/v3/ticker/24hr':
      return ticker(req.query);
    default:
      return undefined;
  }
};
