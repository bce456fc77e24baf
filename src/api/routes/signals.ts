import { z } from 'zod';
import websocket from '@fastify/websocket';
import type { RouteModule } from '../context.js';
import { HttpError, parseWith } from '../errors.js';
import { parsePair } from '../../core/types.js';
import { parseTimeframe } from '../../core/timeframes.js';
import { candleCount } from '../../core/series.js';
import { storedSignalToWire } from '../wire/signal.js';

const limit = (max: number, def: number) => z.coerce.number().int('must be an integer').min(1, `must be >= 1`).max(max, `must be <= ${max}`).default(def);
const timeframe = z.string().default('1d').transform((s, c) => {
  try {
    return parseTimeframe(s);
  } catch (e) {
    c.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});
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
    return { status: 'success', ...(await ctx.store.signalSummary({ source: sourceId(q), ...(q.since !== undefined ? { since: q.since } : {}) })) };
  });

  app.get('/signals/:symbol/latest', { schema: { summary: 'Latest signal of a symbol (per timeframe)', tags } }, async (req) => {
    const { symbol } = parseWith(symbolParam, req.params);
    const q = parseWith(z.strictObject({ source: z.string().optional(), timeframe: z.string().optional() }), req.query);
    const sym = parsePair(symbol);
    const rows = await ctx.store.latestSignals({ source: sourceId(q), symbol: sym, ...(q.timeframe ? { timeframe: parseTimeframe(q.timeframe) } : {}) });
    if (!rows.length) throw new HttpError(404, `no signal stored for ${sym}`);
    return { status: 'success', signal: storedSignalToWire(rows[0]!), by_timeframe: rows.map(storedSignalToWire) };
  });

  app.get('/candles/:symbol', { schema: { summary: 'Stored candles of a symbol', tags } }, async (req) => {
    const { symbol } = parseWith(symbolParam, req.params);
    const q = parseWith(seriesQuery, req.query);
    const sym = parsePair(symbol);
    const c = await ctx.store.getCandles(sourceId(q), sym, q.timeframe, { limit: q.limit });
    if (!candleCount(c)) throw new HttpError(404, `no stored candles for ${sym} ${q.timeframe}`);
    const rows = Array.from({ length: candleCount(c) }, (_, i) => ({ timestamp: c.time[i]!, open: c.open[i]!, high: c.high[i]!, low: c.low[i]!, close: c.close[i]!, volume: c.volume[i]! }));
    return { status: 'success', symbol: sym, timeframe: q.timeframe, candles: rows };
  });

  const snapshotRoute = (path: string, kind: 'sr_levels' | 'swings', field: string, summary: string) =>
    app.get(path, { schema: { summary, tags } }, async (req) => {
      const { symbol } = parseWith(symbolParam, req.params);
      const q = parseWith(z.strictObject({ timeframe, source: z.string().optional() }), req.query);
      const sym = parsePair(symbol);
      const snap = await ctx.store.getSnapshot(kind, { source: sourceId(q), symbol: sym, timeframe: q.timeframe });
      if (!snap) throw new HttpError(404, `no ${field} stored for ${sym} ${q.timeframe}`);
      return { status: 'success', symbol: sym, timeframe: q.timeframe, as_of: snap.time, [field]: snap.payload };
    });
  snapshotRoute('/sr-levels/:symbol', 'sr_levels', 'levels', 'Support/resistance levels as of the last processed candle');
  snapshotRoute('/swings/:symbol', 'swings', 'swings', 'Confirmed swings as of the last processed candle');

  await app.register(websocket);
  app.get('/ws/signals', { websocket: true, schema: { summary: 'WebSocket: every new signal as JSON', tags } }, (socket) => {
    const off = ctx.signalBus.subscribe((s) => socket.send(JSON.stringify(storedSignalToWire(s))));
    socket.on('close', off);
    socket.on('close', ctx.intel.subscribe((s) => socket.send(JSON.stringify({ type: 'intel', ...s }))));
  });
};
