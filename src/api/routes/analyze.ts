import { z } from 'zod';
import type { RouteModule } from '../context.js';
import { HttpError, parseWith } from '../errors.js';
import { pairField, timeframeField } from '../../config/zod.js';
import type { AnalyzeRequest } from '../../services/analysis/index.js';

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

/** Validated bodies remembered per app; a raw body longer than this is never kept. */
const MEMO_ENTRIES = 512;
const MEMO_BODY_CHARS = 1024;

/** SPEC A: POST /api/v1/analyze and GET /api/v1/cache-stats. */
export const analyzeRoutes: RouteModule = async (app, { ctx }) => {
  const { analysis: service, cache } = ctx;

  // Clients repeat the same few bodies, and on a cache hit JSON.parse and zod were a large
  // share of the work. A raw body that passed validation maps to its parsed (frozen) object
  // and that to the normalised request, so a repeat skips both. Only valid bodies are kept:
  // a bad one is parsed and refused with its field every time. Oldest entries go first.
  const memo = new Map<string, { body: object; request: AnalyzeRequest }>();
  const requestOf = new WeakMap<object, AnalyzeRequest>();
  const rawOf = new WeakMap<object, string>();
  const remember = (raw: string, body: object, request: AnalyzeRequest) => {
    Object.freeze(body);
    Object.freeze(request);
    requestOf.set(body, request);
    memo.set(raw, { body, request });
    if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  };

  // Scoped to this plugin: a body that is not JSON gets a 400 naming `body`, like every other field error.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    const known = memo.get(text);
    if (known) return done(null, known.body);
    if (!text.trim()) return done(null, undefined);
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && text.length <= MEMO_BODY_CHARS) rawOf.set(parsed, text);
      done(null, parsed);
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
    const raw = req.body;
    let request = typeof raw === 'object' && raw !== null ? requestOf.get(raw) : undefined;
    if (!request) {
      if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
        throw new HttpError(400, 'body: must be a JSON object such as {"pair": "eth_usdt"}', 'body');
      }
      const body = parseWith(analyzeBody, raw);
      const sent = (raw as { timeframe?: unknown } | undefined)?.timeframe;
      const timeframeLabel = typeof sent === 'string' ? sent.trim() : 'day1';
      request = { pair: body.pair, timeframe: body.timeframe, limit: body.limit, timeframeLabel };
      const text = raw === undefined ? undefined : rawOf.get(raw);
      if (text !== undefined) remember(text, raw!, request);
    }
    const { body: json, cached } = await service.analyzeJson(request);
    return reply.header('x-cache', cached ? 'hit' : 'miss').type('application/json; charset=utf-8').send(json);
  });

  // A body seen valid before is answered ahead of Fastify's hooks, with the same security,
  // budget, headers, metrics and logs (api/fast-lane.ts); any other goes through the route above.
  if (app.hasDecorator('fastLane')) {
    const hit = Object.freeze({ 'x-cache': 'hit' });
    const miss = Object.freeze({ 'x-cache': 'miss' });
    app.fastLane.route(app, 'POST', '/api/v1/analyze', {
      known: (raw) => memo.get(raw)?.request,
      answer: async (request) => {
        const { body, cached } = await service.analyzeJson(request);
        return { body, headers: cached ? hit : miss };
      },
    });
  }

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
