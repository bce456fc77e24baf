import { z } from 'zod';
import type { RouteModule } from '../context.js';
import { HttpError, parseWith } from '../errors.js';
import { parsePair } from '../../core/types.js';
import { timeframeField } from '../../config/zod.js';
import { candleCount } from '../../core/series.js';
import { listIndicators } from '../../core/indicators/registry.js';
import type { IndicatorDef } from '../../core/indicators/types.js';
import { indicatorJson } from '../../services/indicators.js';
import { loadSignal } from '../../services/signal.js';
import { loadCandles } from '../../services/candles.js';
import { signalToWire } from '../wire/signal.js';

/**
 * Read-only views the dashboard needs and the other routes do not give: market standings,
 * a pair's candles with the structure computed on exactly those candles, and the indicator
 * registry (metadata and values). Nothing here writes.
 */

const timeframe = timeframeField(z.string().default('1d'));
const limit = z.coerce.number().int('must be an integer').min(10, 'must be >= 10').max(2000, 'must be <= 2000').default(300);
const chartQuery = z.strictObject({ timeframe, limit });
const marketsQuery = z.strictObject({ top: z.coerce.number().int('must be an integer').min(1, 'must be >= 1').max(500, 'must be <= 500').default(40) });

/** Price-scaled groups draw over the candles; every other indicator gets its own pane. */
const OVERLAY_GROUPS = new Set(['Overlap Studies', 'Price Transform']);
const OVERLAY_EXTRAS = new Set(['VWAP', 'VWAP_SESSION', 'ICHIMOKU', 'KELTNER', 'SUPERTREND', 'DONCHIAN', 'HMA', 'PIVOTS', 'LINEARREG', 'LINEARREG_INTERCEPT', 'TSF']);
const placement = (d: IndicatorDef): 'overlay' | 'pane' => (OVERLAY_GROUPS.has(d.group) || OVERLAY_EXTRAS.has(d.name) ? 'overlay' : 'pane');

/** Standings are recomputed at most once a minute: with a live exchange each pair costs a request. */
const MARKETS_TTL_MS = 60_000;

const fin = (x: number | null | undefined) => (x !== null && x !== undefined && Number.isFinite(x) ? x : null);

export const dashboardDataRoutes: RouteModule = async (app, { ctx }) => {
  const tags = ['dashboard'];
  let marketsCache: { at: number; top: number; body: unknown } | undefined;

  app.get('/api/v1/markets', { schema: { summary: 'Top pairs by quote volume with the last daily close and change', tags } }, async (req) => {
    const { top } = parseWith(marketsQuery, req.query);
    const now = Date.now();
    if (marketsCache && marketsCache.top === top && now - marketsCache.at < MARKETS_TTL_MS) return marketsCache.body;
    const markets = (await ctx.source.markets()).filter((m) => m.active);
    markets.sort((a, b) => (b.quoteVolume ?? -1) - (a.quoteVolume ?? -1));
    const picked = markets.slice(0, top);
    const rows = await Promise.all(picked.map(async (m) => {
      try {
        const c = await ctx.source.candles(m.symbol, '1d', { limit: 2 });
        const n = candleCount(c);
        if (!n) return { symbol: m.symbol, quote_volume: fin(m.quoteVolume), time: null, close: null, change_pct: null, volume: null, error: null };
        const prev = n > 1 ? c.close[n - 2]! : NaN;
        return {
          symbol: m.symbol, quote_volume: fin(m.quoteVolume), time: c.time[n - 1]!, close: c.close[n - 1]!,
          change_pct: fin(((c.close[n - 1]! - prev) / prev) * 100), volume: c.volume[n - 1]!, error: null,
        };
      } catch (e) {
        return { symbol: m.symbol, quote_volume: fin(m.quoteVolume), time: null, close: null, change_pct: null, volume: null, error: (e as Error).message };
      }
    }));
    const times = rows.map((r) => r.time).filter((t): t is number => t !== null);
    const body = { status: 'success', source: ctx.source.id, pairs: markets.length, as_of: times.length ? Math.max(...times) : null, markets: rows };
    marketsCache = { at: now, top, body };
    return body;
  });

  // The dashboard shows controls by role. A caller without credentials got here on the
  // anonymous reads the server allows, which are a viewer's.
  app.get('/api/v1/whoami', { schema: { summary: 'The caller as the server sees it: role and how it authenticated', tags } }, async (req) => {
    const p = req.principal;
    return { status: 'success', role: p?.role ?? 'viewer', via: p?.via ?? 'anonymous', id: p?.id ?? null };
  });

  app.get('/api/v1/indicators', { schema: { summary: 'The indicator registry: groups, inputs, parameters, outputs and where to draw each', tags } }, async () => ({
    status: 'success',
    indicators: listIndicators().map((d) => ({
      name: d.name, group: d.group, description: d.description, interpretation: d.interpretation, inputs: d.inputs,
      params: d.params, outputs: d.outputs.map((o) => o.name), placement: placement(d),
    })),
  }));

  // Parameters come as query keys (?timePeriod=14); the registry validates names and ranges.
  app.get<{ Params: { name: string; pair: string } }>('/api/v1/indicators/:name/:pair', { schema: { summary: "An indicator's outputs on a pair, aligned to the candle times (null in warm-up)", tags } }, async (req) => {
    const { timeframe: tfRaw, limit: limRaw, ...rest } = req.query as Record<string, string>;
    const q = parseWith(chartQuery, { ...(tfRaw !== undefined ? { timeframe: tfRaw } : {}), ...(limRaw !== undefined ? { limit: limRaw } : {}) });
    const params: Record<string, number> = {};
    for (const [k, v] of Object.entries(rest)) {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new HttpError(400, `${k}: must be a number`, k);
      params[k] = n;
    }
    const loaded = await loadCandles(ctx.source, { pair: parsePair(req.params.pair), timeframe: q.timeframe, limit: q.limit });
    const out = indicatorJson(req.params.name, loaded.candles, params);
    const def = listIndicators().find((d) => d.name === out.name)!;
    return { status: 'success', symbol: loaded.symbol, timeframe: loaded.timeframe, placement: placement(def), time: Array.from(loaded.candles.time), ...out };
  });

  app.get<{ Params: { pair: string } }>('/api/v1/chart/:pair', { schema: { summary: 'Candles of a pair with swings, S/R levels, order blocks, Fibonacci leg and trade plan computed on the same candles', tags } }, async (req) => {
    const q = parseWith(chartQuery, req.query);
    const { loaded, result } = await loadSignal(ctx.source, { pair: parsePair(req.params.pair), timeframe: q.timeframe, limit: q.limit });
    const c = loaded.candles;
    const n = candleCount(c);
    return {
      status: 'success', symbol: loaded.symbol, timeframe: loaded.timeframe, origin: loaded.origin,
      gaps: loaded.quality.gaps.length,
      candles: Array.from({ length: n }, (_, i) => [c.time[i]!, c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!, c.volume[i]!]),
      swings: result.swings.map((s) => ({ time: s.time, price: s.price, kind: s.kind, confirmed_time: c.time[s.confirmedAt] ?? null })),
      levels: result.levels.map((l) => ({ price: l.price, zone_low: l.zoneLow, zone_high: l.zoneHigh, touches: l.touches, strength: l.strength, state: l.state, role: l.role })),
      order_blocks: result.orderBlocks.map((b) => ({ kind: b.kind, time: b.time, formed_time: c.time[b.formedAt] ?? null, high: b.high, low: b.low, state: b.state })),
      fib: result.fib ? { leg: result.fib.leg, high: result.fib.high, low: result.fib.low, retracements: result.fib.retracements, entry1: result.fib.entry1, entry2: result.fib.entry2, stop: result.fib.stop, pullback: result.fib.pullback } : null,
      signal: signalToWire(result.signal),
    };
  });
};
