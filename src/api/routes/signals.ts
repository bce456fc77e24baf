import { z } from 'zod';
import websocket from '@fastify/websocket';
import type { RouteModule } from '../context.js';
import { HttpError, parseWith } from '../errors.js';
import { compactPair, parsePair, type Pair } from '../../core/types.js';
import { parseTimeframe } from '../../core/timeframes.js';
import { timeframeField } from '../../config/zod.js';
import { candleCount } from '../../core/series.js';
import { DEFAULT_STRUCTURE_CONFIG } from '../../core/signals/config.js';
import { STRUCTURE_LOOKBACK } from '../../core/signals/lookback.js';
import type { FibLevels, Level, Swing } from '../../core/signals/types.js';
import type { SignalSummary, Store } from '../../infra/store/types.js';
import { storedSignalToWire } from '../wire/signal.js';
import { fibToWire, levelToWire, swingToWire, type BarTime } from '../wire/structure.js';

const limit = (max: number, def: number) => z.coerce.number().int('must be an integer').min(1, `must be >= 1`).max(max, `must be <= ${max}`).default(def);
const timeframe = timeframeField(z.string().default('1d'));
const symbolParam = z.strictObject({ symbol: z.string().min(1) });
const isoOrMs = z.union([z.coerce.number().int(), z.string()]).transform((v, c) => {
  const t = typeof v === 'number' ? v : Date.parse(v);
  if (!Number.isFinite(t)) {
    c.addIssue({ code: 'custom', message: 'must be an ISO date or epoch milliseconds' });
    return z.NEVER;
  }
  return t;
});

const signalsQuery = z.strictObject({
  symbol: z.string().optional(),
  direction: z.enum(['long', 'short', 'neutral']).optional(),
  timeframe: z.string().optional(),
  source: z.string().optional(),
  since: isoOrMs.optional(),
  limit: limit(1000, 100),
});
const seriesQuery = z.strictObject({ timeframe, source: z.string().optional(), limit: limit(5000, 200) });

/** SPEC C's read API over what the pipeline stored, plus a WebSocket of new signals. */
export const signalRoutes: RouteModule = async (app, { ctx }) => {
  const sourceId = (q: { source?: string }) => q.source ?? ctx.source.id;
  const tags = ['signals'];

  app.get('/signals', { schema: { summary: 'Stored signals, newest first', tags, querystring: { type: 'object', properties: { symbol: { type: 'string' }, direction: { type: 'string', enum: ['long', 'short', 'neutral'] }, timeframe: { type: 'string' }, since: { type: 'string' }, limit: { type: 'integer' } } } } }, async (req) => {
    const q = parseWith(signalsQuery, req.query);
    const rows = await ctx.store.querySignals({
      source: sourceId(q),
      ...(q.symbol ? { symbol: parsePair(q.symbol) } : {}),
      ...(q.direction ? { direction: q.direction } : {}),
      ...(q.timeframe ? { timeframe: parseTimeframe(q.timeframe) } : {}),
      ...(q.since !== undefined ? { since: q.since } : {}),
      limit: q.limit,
    });
    return { status: 'success', count: rows.length, signals: rows.map(storedSignalToWire) };
  });

  app.get('/signals/summary', { schema: { summary: 'Signal counts by direction and symbol', tags } }, async (req) => {
    const q = parseWith(z.strictObject({ source: z.string().optional(), since: isoOrMs.optional() }), req.query);
    return { status: 'success', ...summaryToWire(await ctx.store.signalSummary({ source: sourceId(q), ...(q.since !== undefined ? { since: q.since } : {}) })) };
  });

  app.get('/signals/:symbol/latest', { schema: { summary: 'Latest signal of a symbol (per timeframe)', tags } }, async (req) => {
    const { symbol } = parseWith(symbolParam, req.params);
    const q = parseWith(z.strictObject({ source: z.string().optional(), timeframe: z.string().optional() }), req.query);
    const sym = parsePair(symbol);
    const rows = await ctx.store.latestSignals({ source: sourceId(q), symbol: sym, ...(q.timeframe ? { timeframe: parseTimeframe(q.timeframe) } : {}) });
    if (!rows.length) throw new HttpError(404, `no signal stored for ${sym}`);
    const wire = rows.map(storedSignalToWire);
    // Seed 002 answers with the record itself: its fields at the top level; `signal` and `by_timeframe` are additions.
    return { ...wire[0]!, status: 'success', signal: wire[0]!, by_timeframe: wire };
  });

  app.get('/candles/:symbol', { schema: { summary: 'Stored candles of a symbol', tags } }, async (req) => {
    const { symbol } = parseWith(symbolParam, req.params);
    const q = parseWith(seriesQuery, req.query);
    const sym = parsePair(symbol);
    const c = await ctx.store.getCandles(sourceId(q), sym, q.timeframe, { limit: q.limit });
    if (!candleCount(c)) throw new HttpError(404, `no stored candles for ${sym} ${q.timeframe}`);
    const rows = Array.from({ length: candleCount(c) }, (_, i) => ({ timestamp: c.time[i]!, open: c.open[i]!, high: c.high[i]!, low: c.low[i]!, close: c.close[i]!, volume: c.volume[i]! }));
    return { status: 'success', symbol: compactPair(sym), pair: sym, timeframe: q.timeframe, candles: rows };
  });

  // Snapshots hold indexes into the window the pipeline computed them on: the last
  // STRUCTURE_LOOKBACK stored candles ending with the snapshot's bar (the shared lookback
  // rule). Rebuilt here to give bar times.
  const barTimes = async (store: Store, source: string, symbol: Pair, timeframe: string, at: number): Promise<BarTime> => {
    const c = await store.getCandles(source, symbol, timeframe, { until: at, limit: STRUCTURE_LOOKBACK });
    const n = candleCount(c);
    if (!n || c.time[n - 1] !== at) return () => null;
    return (i) => (Number.isInteger(i) && i >= 0 && i < n ? c.time[i]! : null);
  };

  const snapshotRoute = <T>(path: string, kind: 'sr_levels' | 'swings' | 'fib_levels', field: string, summary: string, toWire: (payload: T, barTime: BarTime) => unknown) =>
    app.get(path, { schema: { summary, tags } }, async (req) => {
      const { symbol } = parseWith(symbolParam, req.params);
      const q = parseWith(z.strictObject({ timeframe, source: z.string().optional() }), req.query);
      const sym = parsePair(symbol);
      const source = sourceId(q);
      const snap = await ctx.store.getSnapshot<T>(kind, { source, symbol: sym, timeframe: q.timeframe });
      if (!snap) throw new HttpError(404, `no ${field} stored for ${sym} ${q.timeframe}`);
      const wire = toWire(snap.payload, await barTimes(ctx.store, source, sym, q.timeframe, snap.time));
      return { status: 'success', symbol: compactPair(sym), pair: sym, timeframe: q.timeframe, as_of: snap.time, as_of_time: new Date(snap.time).toISOString(), [field]: wire };
    });
  snapshotRoute<Level[]>('/sr-levels/:symbol', 'sr_levels', 'levels', 'Support/resistance levels as of the last processed candle', (ls, t) => ls.map((l) => levelToWire(l, t)));
  snapshotRoute<Swing[]>('/swings/:symbol', 'swings', 'swings', 'Confirmed swings as of the last processed candle (the last 20)', (ss, t) => ss.map((x) => swingToWire(x, t)));
  snapshotRoute<FibLevels | null>('/fib-levels/:symbol', 'fib_levels', 'fib', 'Fibonacci retracement of the last swing leg as of the last processed candle', (f, t) => (f ? fibToWire(f, t) : null));

  app.get('/fib-config', { schema: { summary: "Fibonacci ratios of the trade plans (seed 002's fib_config)", tags } }, async () => {
    const c = DEFAULT_STRUCTURE_CONFIG;
    const side = (f: typeof c.fibLong) => ({ entry1: f.entry1, entry2: f.entry2, sl: f.stop, approaching: f.approaching });
    // The seed's long/short ratios and pullback start, then the rest of the plan settings (additions).
    const rest = Object.entries(c).filter(([k]) => !['fibLong', 'fibShort', 'pullbackStart'].includes(k)).map(([k, v]) => [k.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`), v]);
    return { status: 'success', fib_config: { long: side(c.fibLong), short: side(c.fibShort), pullback_start: c.pullbackStart, ...Object.fromEntries(rest) } };
  });

  await app.register(websocket);
  app.get('/ws/signals', { websocket: true, schema: { summary: 'WebSocket: every new signal as JSON', tags } }, (socket) => {
    const off = ctx.signalBus.subscribe((s) => socket.send(JSON.stringify(storedSignalToWire(s))));
    socket.on('close', off);
    socket.on('close', ctx.intel.subscribe((s) => socket.send(JSON.stringify({ type: 'intel', ...s }))));
  });
};

function summaryToWire(s: SignalSummary) {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    total: s.total,
    by_direction: s.byDirection,
    by_symbol: s.bySymbol.map((x) => ({ symbol: compactPair(x.symbol), pair: x.symbol, total: x.total, long: x.long, short: x.short, neutral: x.neutral, last: x.last, last_time: iso(x.last) })),
    first: s.first,
    first_time: iso(s.first),
    last: s.last,
    last_time: iso(s.last),
  };
}
