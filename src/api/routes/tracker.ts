import { z } from 'zod';
import websocket from '@fastify/websocket';
import type { RouteModule } from '../context.js';
import { HttpError, parseWith } from '../errors.js';
import { parsePair, type Pair } from '../../core/types.js';
import { canonicalKey } from '../../kernel/keys.js';
import { SextantError } from '../../errors.js';
import type { TrackerService } from '../../services/tracker/service.js';
import { trackerStoreOf } from '../../services/tracker/store.js';

const time = z.union([z.coerce.number().int(), z.string()]).transform((v, c) => {
  const t = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(t)) {
    c.addIssue({ code: 'custom', message: 'must be an ISO date or epoch milliseconds' });
    return z.NEVER;
  }
  return t;
});
const range = { start: time.optional(), end: time.optional(), symbol: z.string().optional() };
const rangeQuery = z.strictObject(range);
const orderbookQuery = z.strictObject({ symbol: z.string().min(1, 'is required'), depth: z.coerce.number().int('must be an integer').min(1, 'must be >= 1').max(5000, 'must be <= 5000').default(20) });
const timeseriesBody = z.strictObject({
  event_key: z.string().min(1, 'is required'),
  start_date: time,
  end_date: time,
  symbol: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
});

/** Default bytes a WebSocket client may have unread before it is dropped: a slow reader never holds the loop. */
const WS_MAX_BUFFERED = 1 << 20;
/** Default heartbeat: a client that has not answered the previous ping when the next is due is dropped. */
const WS_PING_MS = 15_000;

const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : null);
const fin = (x: number) => (Number.isFinite(x) ? x : null);

/** SPEC D: the live tracker's windows, books, benchmarks and event series, plus /ws/events. */
export const trackerRoutes: RouteModule = async (app, { ctx }) => {
  const tags = ['tracker'];
  const tracker = (): TrackerService => {
    if (!ctx.tracker) throw new HttpError(503, 'the tracker is not running in this server (start it with `sextant serve --tracker`)');
    return ctx.tracker;
  };
  const pair = (s: string, field: string): Pair => {
    try {
      return parsePair(s, field);
    } catch (e) {
      throw new HttpError(400, `${field}: ${(e as Error).message}`, field);
    }
  };
  const checkRange = (q: { start?: number; end?: number }) => {
    if (q.start !== undefined && q.end !== undefined && q.start > q.end) throw new HttpError(400, 'start: must not be after end', 'start');
  };

  app.get('/api/tracker/data', { schema: { summary: 'Closed volume windows in [start, end] and each symbol\'s rolling figures and book state', tags } }, async (req) => {
    const q = parseWith(rangeQuery, req.query);
    checkRange(q);
    const t = tracker();
    const sym = q.symbol !== undefined ? pair(q.symbol, 'symbol') : undefined;
    const rows = t.closedWindows(sym).filter((w) => (q.start === undefined || w.start >= q.start) && (q.end === undefined || w.start <= q.end));
    return {
      status: 'success',
      symbols: t.status().filter((s) => !sym || s.symbol === sym),
      count: rows.length,
      windows: rows.map((w) => ({
        symbol: w.symbol, window: `${w.window}m`, time: iso(w.start), start: w.start, end: w.end,
        buy_volume: w.buyVolume, sell_volume: w.sellVolume, buy_quote_volume: w.buyQuote, sell_quote_volume: w.sellQuote,
        buy_trades: w.buyTrades, sell_trades: w.sellTrades, buy_share: fin(w.buyVolume / (w.buyVolume + w.sellVolume)), complete: w.complete,
      })),
    };
  });

  app.get('/api/market/data', { schema: { summary: 'Order-book metric samples (one per second) in [start, end]', tags } }, async (req) => {
    const q = parseWith(rangeQuery, req.query);
    checkRange(q);
    const t = tracker();
    const syms = q.symbol !== undefined ? [pair(q.symbol, 'symbol')] : t.symbols();
    return {
      status: 'success',
      data: syms.map((symbol) => ({
        symbol,
        samples: t.metricSamples(symbol, q.start, q.end).map((m) => ({
          time: iso(m.time), bid: m.bid, ask: m.ask, mid: m.mid, spread_bps: m.spreadBps, bid_volume: m.bidVolume, ask_volume: m.askVolume,
          imbalance: fin(m.imbalance), bid_depth: m.bidDepth, ask_depth: m.askDepth, walls: m.walls.length, support: fin(m.support), resistance: fin(m.resistance),
        })),
      })),
    };
  });

  app.get('/api/benchmark/info', { schema: { summary: 'Daily volume benchmark per symbol and window, 7-day momentum, volume standings', tags } }, async () => {
    const t = tracker();
    return {
      status: 'success',
      error: t.benchmarkError ?? null,
      benchmarks: t.symbols().map((symbol) => {
        const b = t.benchmarks.get(symbol);
        return {
          symbol, as_of: b ? iso(b.asOf) : null, days: b?.days ?? 0, daily_mean_volume: b ? fin(b.dailyMean) : null,
          per_window: b ? Object.fromEntries(Object.entries(b.perWindow).map(([w, v]) => [`${w}m`, fin(v)])) : {},
          momentum_7d: b ? fin(b.momentum7d) : null,
        };
      }),
      standings: t.standings().map((s) => ({ rank: s.rank, symbol: s.symbol, quote_volume_60m: s.quoteVolume, buy_share: fin(s.buyShare) })),
      // The exchange-wide daily standings (24 h quote volume) of the maintenance job, the first 50.
      daily_standings: t.maintenance?.data.standings
        ? { as_of: iso(t.maintenance.data.standings.at), quote: t.maintenance.data.standings.quote, ranked: t.maintenance.data.standings.list.length,
          top: t.maintenance.data.standings.list.slice(0, 50).map((s) => ({ rank: s.rank, symbol: s.symbol, quote_volume_24h: s.quoteVolume })) }
        : null,
      jobs: t.maintenance?.scheduler.status() ?? [],
    };
  });

  app.get('/api/jobs', { schema: { summary: 'The tracker\'s daily maintenance jobs: schedule, next run, last run with its duration and result', tags } }, async () => {
    const t = tracker();
    const m = t.maintenance;
    return {
      status: 'success',
      jobs: m?.scheduler.status() ?? [],
      coins: m?.data.coins ? { as_of: iso(m.data.coins.at), quote: m.data.coins.quote, count: m.data.coins.list.length, list: m.data.coins.list } : null,
    };
  });

  app.post('/api/jobs/:name/run', { schema: { summary: 'Run one maintenance job now and answer with its run (a running job: its current run)', tags } }, async (req) => {
    const { name } = parseWith(z.strictObject({ name: z.string().min(1) }), req.params);
    const m = tracker().maintenance;
    if (!m) throw new HttpError(503, 'this tracker runs no maintenance jobs');
    if (!m.scheduler.status().some((j) => j.name === name)) throw new HttpError(404, `name: no job named "${name}" (have ${m.scheduler.status().map((j) => j.name).join(', ')})`, 'name');
    return { status: 'success', name, run: await m.scheduler.run(name, 'manual') };
  });

  app.post('/api/timeseries', { schema: { summary: 'Events of one key as a time series', tags, body: { type: 'object', properties: { event_key: { type: 'string' }, start_date: { type: 'string' }, end_date: { type: 'string' }, symbol: { type: 'string' } } } } }, async (req) => {
    const b = parseWith(timeseriesBody, req.body);
    let key: string;
    try {
      key = canonicalKey(b.event_key, 'event_key');
    } catch (e) {
      throw new HttpError(400, `event_key: ${(e as SextantError).message}`, 'event_key');
    }
    if (b.start_date > b.end_date) throw new HttpError(400, 'start_date: must not be after end_date', 'start_date');
    const sym = b.symbol !== undefined ? pair(b.symbol, 'symbol') : undefined;
    let series: { time: number; symbol: string; value: number; detail: Record<string, unknown> }[];
    if (ctx.tracker?.opts.store) {
      await ctx.tracker.flush();
      series = await ctx.tracker.opts.store.queryEvents({ key, start: b.start_date, end: b.end_date, limit: b.limit, ...(sym ? { symbol: sym } : {}) });
    } else if (ctx.tracker) {
      series = ctx.tracker.recentEvents({ key, start: b.start_date, end: b.end_date, ...(sym ? { symbol: sym } : {}) }).slice(0, b.limit);
    } else {
      series = await trackerStoreOf(ctx.store).queryEvents({ key, start: b.start_date, end: b.end_date, limit: b.limit, ...(sym ? { symbol: sym } : {}) });
    }
    return {
      status: 'success', event_key: key, start_date: iso(b.start_date), end_date: iso(b.end_date), count: series.length,
      series: series.map((e) => ({ time: iso(e.time), timestamp: e.time, symbol: e.symbol, value: fin(e.value), detail: e.detail })),
    };
  });

  app.get('/api/orderbook', { schema: { summary: 'The synced order book of a symbol; 503 with its state and age while out of sync', tags } }, async (req, reply) => {
    const q = parseWith(orderbookQuery, req.query);
    const t = tracker();
    const symbol = pair(q.symbol, 'symbol');
    const v = t.bookView(symbol, q.depth);
    if (!v || !t.symbols().includes(symbol)) throw new HttpError(404, `symbol: ${symbol} is not tracked (tracked: ${t.symbols().join(', ')})`, 'symbol');
    const st = t.status().find((s) => s.symbol === symbol)!;
    if (v.state !== 'synced') {
      reply.code(503);
      return { status: 'error', error: `the ${symbol} book is ${v.state}: not served until it is in sync again`, symbol, state: v.state, out_of_sync_ms: st.book.outOfSyncMs, last_update_id: v.lastUpdateId };
    }
    const m = t.bookMetrics(symbol);
    return {
      status: 'success', symbol, state: v.state, time: iso(v.time), age_ms: st.book.ageMs, last_update_id: v.lastUpdateId,
      bids: v.bids, asks: v.asks,
      metrics: m ? { spread_bps: m.spreadBps, imbalance: fin(m.imbalance), bid_volume: m.bidVolume, ask_volume: m.askVolume, walls: m.walls, support: fin(m.support), resistance: fin(m.resistance) } : null,
    };
  });

  // Research replays the bundled feed once per grouping and process (a few seconds of CPU); later asks get the same report.
  const research = new Map<string, Promise<unknown>>();
  const researchQuery = z.strictObject({ by: z.enum(['key', 'prefix']).default('key') });
  app.get('/api/tracker/research', { schema: { summary: 'Research mode: the recorded feed replayed through the tracker detectors; returns after 5m/1h/1d, hit rates and sample sizes per event key (outcomes)', tags } }, async (req) => {
    const q = parseWith(researchQuery, req.query);
    let job = research.get(q.by);
    if (!job) {
      job = (async () => {
        const { trackerFeedFor } = await import('../../services/tracker/feeds.js');
        const { runResearch, sourceOutcomeCandles } = await import('../../services/tracker/research.js');
        const feed = await trackerFeedFor('replay', { top: Infinity }, ctx.config);
        const symbols = feed.feeds.map((f) => f.name as Pair);
        const extra = feed.start !== undefined ? await sourceOutcomeCandles(ctx.source, symbols, feed.start) : { candles: [], notes: [] };
        const r = await runResearch({ feed, symbols, candles: extra.candles, by: q.by });
        return { status: 'success', ...r, notes: [...r.notes, ...extra.notes] };
      })();
      research.set(q.by, job);
      // A failed run is not cached: the next ask tries again.
      job.catch(() => research.delete(q.by));
    }
    return job;
  });

  await app.register(websocket);
  app.get('/ws/events', { websocket: true, schema: { summary: 'WebSocket: tracker events and closed windows as JSON; slow clients are dropped', tags } }, (socket) => {
    const t = ctx.tracker;
    if (!t) {
      socket.close(1013, 'tracker not running');
      return;
    }
    const off = t.listen((m) => {
      if (socket.readyState !== socket.OPEN) return;
      // Never wait for a client: one that cannot keep up is cut off instead of buffering without bound.
      if (socket.bufferedAmount > (t.opts.wsMaxBuffered ?? WS_MAX_BUFFERED)) {
        off();
        socket.terminate();
        return;
      }
      socket.send(JSON.stringify(m));
    });
    // A client that stopped reading also stops answering pings; the kernel's socket buffers
    // can hide it from bufferedAmount for megabytes, the heartbeat cannot.
    let alive = true;
    socket.on('pong', () => (alive = true));
    const beat = setInterval(() => {
      if (!alive) {
        off();
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, t.opts.wsPingMs ?? WS_PING_MS);
    beat.unref();
    const done = () => {
      off();
      clearInterval(beat);
    };
    socket.on('close', done);
    socket.on('error', done);
  });
};
