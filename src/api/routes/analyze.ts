import { z } from 'zod';
import type { RouteModule } from '../context.js';
import { HttpError, parseWith } from '../errors.js';
import { pairField, timeframeField } from '../../config/zod.js';

const analyzeBody = z.strictObject({
  pair: pairField(z.string({ error: (i) => (i.input === undefined ? 'required (e.g. "eth_usdt", "ETH/USDT" or "ETHUSDT")' : 'must be a string') })
    .min(1, 'must not be empty')),
  timeframe: timeframeField(z.string({ error: 'must be a string such as "day1" or "1d"' }).default('day1')),
  limit: z.number({ error: 'must be an integer from 1 to 2000' }).int('must be an integer from 1 to 2000')
    .min(1, 'must be from 1 to 2000').max(2000, 'must be from 1 to 2000').default(200),
});

const levelSchema = {
  type: 'object',
  properties: {
    price: { type: 'number' }, zone_low: { type: 'number' }, zone_high: { type: 'number' }, touches: { type: 'integer' },
    strength: { type: 'number' }, role: { type: 'string', enum: ['support', 'resistance'] }, state: { type: 'string' }, distance_pct: { type: 'number' },
  },
};
const nullableNumber = { type: ['number', 'null'] };
const errorSchema = { type: 'object', properties: { status: { type: 'string', const: 'error' }, message: { type: 'string' }, field: { type: 'string' } } };

/** Documentation only: the handler sends pre-serialised JSON, which Fastify passes through. */
const analyzeResponse = {
  type: 'object',
  properties: {
    status: { type: 'string', const: 'success' },
    analysis: { type: 'string', description: 'Detailed English report' },
    analysis_summarized: { type: 'string', description: 'Persian summary' },
    message: { type: 'null' },
    chart_image_base64: { type: 'string', description: 'data:image/png;base64,... chart: candles, EMA9, EMA50, Bollinger Bands, S/R levels, volume' },
    writer: { type: 'string', enum: ['builtin', 'llm'] },
    writer_note: { type: ['string', 'null'], description: 'Why the LLM text was not used' },
    data: {
      type: 'object',
      properties: {
        pair: { type: 'string' }, timeframe: { type: 'string', description: 'As the caller sent it (day1 stays day1)' }, timeframe_ccxt: { type: 'string', description: 'The CCXT name (1d)' },
        source: { type: 'string' }, candles: { type: 'integer' },
        last_candle_time: { type: 'string', format: 'date-time' }, close: { type: 'number' },
        indicators: {
          type: 'object',
          properties: {
            ema9: nullableNumber, ema21: nullableNumber, ema50: nullableNumber, rsi14: nullableNumber, adx14: nullableNumber, mfi14: nullableNumber,
            bb: { type: 'object', properties: { upper: nullableNumber, middle: nullableNumber, lower: nullableNumber } },
          },
        },
        trend: { type: 'object', additionalProperties: true },
        momentum: { type: 'object', additionalProperties: true },
        volatility: { type: 'object', additionalProperties: true },
        volume: { type: 'object', additionalProperties: true },
        levels: { type: 'array', items: levelSchema },
        signal: { type: 'object', additionalProperties: true, description: 'SPEC C signal record' },
      },
    },
  },
};

/** SPEC A: POST /api/v1/analyze and GET /api/v1/cache-stats. */
export const analyzeRoutes: RouteModule = async (app, { ctx }) => {
  const { analysis: service, cache } = ctx;

  // Scoped to this plugin: a body that is not JSON gets a 400 naming `body`, like every other field error.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (!text.trim()) return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(new HttpError(400, `body: not valid JSON (${(e as Error).message})`, 'body'), undefined);
    }
  });

  app.post('/api/v1/analyze', {
    schema: {
      summary: 'Technical analysis of a pair: English report, Persian summary, PNG chart and structured data',
      description: 'pair as eth_usdt, ETH/USDT or ETHUSDT; timeframe as minute1…month1 or 1m…1M (default day1); limit 1-2000 (default 200).',
      tags: ['analysis'],
      body: {
        type: 'object',
        properties: {
          pair: { type: 'string', examples: ['eth_usdt'] },
          timeframe: { type: 'string', default: 'day1', examples: ['day1', '4h'] },
          limit: { type: 'integer', minimum: 1, maximum: 2000, default: 200 },
        },
      },
      response: { 200: analyzeResponse, 400: errorSchema, 404: errorSchema, 503: errorSchema },
    },
    // The body schema above documents; zod validates so messages name the field and rule.
    validatorCompiler: () => () => true,
  }, async (req, reply) => {
    if (req.body !== undefined && (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))) {
      throw new HttpError(400, 'body: must be a JSON object such as {"pair": "eth_usdt"}', 'body');
    }
    const body = parseWith(analyzeBody, req.body);
    const sent = (req.body as { timeframe?: unknown } | undefined)?.timeframe;
    const timeframeLabel = typeof sent === 'string' ? sent.trim() : 'day1';
    const { body: json, cached } = await service.analyzeJson({ pair: body.pair, timeframe: body.timeframe, limit: body.limit, timeframeLabel });
    return reply.header('x-cache', cached ? 'hit' : 'miss').type('application/json; charset=utf-8').send(json);
  });

  app.get('/api/v1/cache-stats', {
    schema: {
      summary: 'Analysis cache hits, misses and size',
      tags: ['analysis'],
      response: {
        200: {
          type: 'object',
          properties: { hits: { type: 'integer' }, misses: { type: 'integer' }, size: { type: 'integer' }, backend: { type: 'string', enum: ['memory', 'redis'] } },
        },
      },
    },
  }, async () => cache.stats());
};
