import { z } from 'zod';
import type { RouteModule } from '../context.js';
import { parseWith } from '../errors.js';
import { timeframeField } from '../../config/zod.js';

const timeframe = timeframeField(z.string().default('4h'));
const signalBody = z.strictObject({ symbol: z.string().min(1, 'must be a pair such as BTC/USDT'), timeframe });
const historyQuery = z.strictObject({
  symbol: z.string().min(1).optional(),
  limit: z.coerce.number().int('must be an integer').min(1, 'must be >= 1').max(1000, 'must be <= 1000').default(50),
});

/**
 * SPEC E's paths as written: POST /signal makes a signal, GET /signals/history lists them.
 * /signals/history does not clash with SPEC C's /signals routes (/signals, /signals/summary,
 * /signals/:symbol/latest); new signals also go out on /ws/signals.
 */
export const intelRoutes: RouteModule = async (app, { ctx }) => {
  const tags = ['intel'];
  app.post('/signal', {
    schema: {
      summary: 'Multi-modal intelligence signal: whales, order book, sentiment, Fear & Greed and the technical signal combined (SPEC E)',
      tags,
      body: { type: 'object', required: ['symbol'], properties: { symbol: { type: 'string', description: 'e.g. BTC/USDT' }, timeframe: { type: 'string', description: 'e.g. 4h (default)' } } },
    },
  }, async (req) => {
    const body = parseWith(signalBody, req.body ?? {});
    return ctx.intel.generate({ symbol: body.symbol, timeframe: body.timeframe });
  });

  app.get('/signals/history', {
    schema: { summary: 'Intelligence signals made so far, newest first', tags, querystring: { type: 'object', properties: { symbol: { type: 'string' }, limit: { type: 'integer' } } } },
  }, async (req) => {
    const q = parseWith(historyQuery, req.query);
    const signals = await ctx.intel.history({ ...(q.symbol ? { symbol: q.symbol } : {}), limit: q.limit });
    return { status: 'success', count: signals.length, signals };
  });
};
