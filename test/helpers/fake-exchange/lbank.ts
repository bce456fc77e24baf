import { barsFor } from './bars.js';
import { dailyBars, feed, feedBase, type RawTrade } from './data.js';
import { intParam, ok, window, type FakeRequest, type FakeResponse, type Venue } from './http.js';

/**
 * LBank spot REST v2 (`/v2/<path>.do`) and the contract instrument list that ccxt's
 * lbank.js loads with the markets, answered from the bundled data in LBank's shapes
 * (`{"result":"true","data":…,"error_code":0,"ts":…}`; ids like btc_usdt).
 */
const toId = (symbol: string): string => symbol.replace('/', '_').toLowerCase();

function symbols(): Map<string, string> {
  return new Map([...dailyBars().keys()].map((s) => [toId(s), s]));
}

const wrap = (data: unknown): FakeResponse => ok({ result: 'true', data, error_code: 0, ts: Date.now() });
/** LBank reports errors with HTTP 200 and result "false". */
const fail = (code: number): FakeResponse => ok({ result: 'false', error_code: code, ts: Date.now() });

const TYPES: Record<string, string> = {
  minute1: '1m', minute5: '5m', minute15: '15m', minute30: '30m',
  hour1: '1h', hour2: '2h', hour4: '4h', hour6: '6h', hour8: '8h', hour12: '12h',
  day1: '1d', week1: '1w', month1: '1M',
};

function accuracy(): FakeResponse {
  return wrap(
    [...dailyBars()].map(([symbol, bars]) => {
      const last = bars[bars.length - 1]!;
      const dot = last.c.indexOf('.');
      return { symbol: toId(symbol), quantityAccuracy: '4', minTranQua: '0.0001', priceAccuracy: String(dot < 0 ? 0 : last.c.length - dot - 1) };
    }),
  );
}

/** Last bundled day per pair; turnover (quote volume) is estimated as volume × close. */
function tickerOf(symbol: string): Record<string, unknown> | undefined {
  const bars = dailyBars().get(symbol);
  const last = bars?.[bars.length - 1];
  if (!last) return undefined;
  return {
    symbol: toId(symbol),
    ticker: {
      high: last.h,
      vol: last.v,
      low: last.l,
      change: (((Number(last.c) - Number(last.o)) / Number(last.o)) * 100).toFixed(2),
      turnover: (Number(last.v) * Number(last.c)).toFixed(2),
      latest: last.c,
    },
    timestamp: last.t + 86_400_000 - 1,
  };
}

function ticker(q: URLSearchParams): FakeResponse {
  const id = q.get('symbol') ?? '';
  if (id === 'all') return wrap([...dailyBars().keys()].map((s) => tickerOf(s)));
  const symbol = symbols().get(id);
  return symbol ? wrap([tickerOf(symbol)]) : fail(10008);
}

function kline(q: URLSearchParams): FakeResponse {
  const symbol = symbols().get(q.get('symbol') ?? '');
  if (!symbol) return fail(10008);
  const tf = TYPES[q.get('type') ?? ''];
  if (!tf) return fail(10003);
  const size = Math.min(intParam(q, 'size') ?? 100, 2000);
  const time = intParam(q, 'time');
  if (time === undefined) return fail(10001);
  const bars = barsFor(symbol, tf).filter((b) => b.t >= time * 1000);
  return wrap(window(bars, size, true).map((b) => [b.t / 1000, Number(b.o), Number(b.h), Number(b.l), Number(b.c), Number(b.v)]));
}

function depth(q: URLSearchParams): FakeResponse {
  const symbol = symbols().get(q.get('symbol') ?? '');
  if (!symbol) return fail(10008);
  const size = Math.min(intParam(q, 'size') ?? 60, 200);
  const base = feedBase(symbol);
  const s = base ? feed(base).snapshot : { bids: [], asks: [] };
  return wrap({ asks: s.asks.slice(0, size), bids: s.bids.slice(0, size), timestamp: Date.now() });
}

function tradesOf(q: URLSearchParams): RawTrade[] | undefined {
  const symbol = symbols().get(q.get('symbol') ?? '');
  if (!symbol) return undefined;
  const base = feedBase(symbol);
  const all = base ? feed(base).trades : [];
  const size = Math.min(intParam(q, 'size') ?? 600, 600);
  const time = intParam(q, 'time');
  return window(time === undefined ? all : all.filter((t) => t.T >= time), size, time !== undefined);
}

// The taker side is the opposite of the maker: Binance's m=true means the buyer made, a sell took.
function trades(q: URLSearchParams): FakeResponse {
  const list = tradesOf(q);
  if (!list) return fail(10008);
  return wrap(list.map((t) => ({ date_ms: t.T, amount: Number(t.q), price: Number(t.p), type: t.m ? 'sell' : 'buy', tid: String(t.t) })));
}

function supplementTrades(q: URLSearchParams): FakeResponse {
  const list = tradesOf(q);
  if (!list) return fail(10008);
  return wrap(
    list.map((t) => ({ quoteQty: Number(t.p) * Number(t.q), price: Number(t.p), qty: Number(t.q), id: String(t.t), time: t.T, isBuyerMaker: t.m })),
  );
}

export const lbank: Venue = (req: FakeRequest) => {
  switch (req.path) {
    case '/v2/accuracy.do':
      return accuracy();
    case '/v2/withdrawConfigs.do':
      return wrap([]);
    case '/v2/timestamp.do':
      return wrap(Date.now());
    case '/v2/ticker/24hr.do':
      return ticker(req.query);
    case '/v2/kline.do':
      return kline(req.query);
    case '/v2/depth.do':
      return depth(req.query);
    case '/v2/trades.do':
      return trades(req.query);
    case '/v2/supplement/trades.do':
      return supplementTrades(req.query);
    case '/cfd/openApi/v1/pub/instrument':
      return ok({ data: [], error_code: 0, msg: 'Success', result: 'true', success: true });
    default:
      return undefined;
  }
};
