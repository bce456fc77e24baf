import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, installErrorHandler, parseWith } from '../../src/api/errors.js';
import { ERROR_TABLE, SextantError, type ErrorCode } from '../../src/errors.js';
import { MarketError, UnknownSymbolError } from '../../src/sources/market/errors.js';
import { parsePair } from '../../src/core/types.js';
import { parseTimeframe } from '../../src/core/timeframes.js';

/** A real Fastify app with the production handler; each route throws one kind of failure. */
describe('API error handler: status by code', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify({ logger: false });
    installErrorHandler(app);
    app.get('/code/:code', async (req) => {
      const { code } = req.params as { code: ErrorCode };
      throw new SextantError(code, `failed with ${code}`, { field: 'f', ...(code === 'rate_limited' ? { retryAfterS: 2.5 } : {}) });
    });
    app.get('/pair', async () => parsePair('e'));
    app.get('/tf', async () => parseTimeframe('day7'));
    app.get('/unknown', async () => {
      throw new UnknownSymbolError('NOPE/USDT', 'replay');
    });
    app.get('/rate', async () => {
      throw new MarketError('rate_limited', 'binance: slow down', 'binance');
    });
    app.get('/http', async () => {
      throw new HttpError(409, 'busy');
    });
    app.get('/zod', async (req) => parseWith(z.strictObject({ limit: z.coerce.number().max(5, 'must be <= 5') }), req.query));
    app.get('/bug', async () => {
      throw new TypeError('secret internal detail');
    });
    app.post('/ajv', { schema: { body: { type: 'object', required: ['pair'], properties: { pair: { type: 'string' } } } } }, async () => 'ok');
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.json() as { status: string; message: string; field?: string }, headers: r.headers };
  };

  it.each(Object.keys(ERROR_TABLE))('%s answers its HTTP status', async (code) => {
    const { status, body } = await get(`/code/${code}`);
    expect(status).toBe(ERROR_TABLE[code as ErrorCode].http);
    expect(body.status).toBe('error');
    expect(body.field).toBe('f');
    if (code === 'internal') expect(body.message).toBe('internal error while processing the request');
    else expect(body.message).toBe(`failed with ${code}`);
  });

  it('Retry-After comes from the error', async () => {
    expect((await get('/code/rate_limited')).headers['retry-after']).toBe('3');
  });

  it('400s name the field: pair, timeframe, zod, fastify schema', async () => {
    expect(await get('/pair')).toMatchObject({ status: 400, body: { field: 'pair' } });
    expect(await get('/tf')).toMatchObject({ status: 400, body: { field: 'timeframe' } });
    expect(await get('/zod?limit=9')).toMatchObject({ status: 400, body: { field: 'limit', message: 'limit: must be <= 5' } });
    expect(await get('/zod?limit=1&x=1')).toMatchObject({ status: 400, body: { field: 'x', message: 'unknown field x' } });
    const r = await app.inject({ method: 'POST', url: '/ajv', payload: {} });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: 'pair', message: 'pair: is required' });
  });

  it('market errors: unknown pair 404, rate limited 429', async () => {
    expect(await get('/unknown')).toMatchObject({ status: 404, body: { message: expect.stringMatching(/unknown pair NOPE\/USDT/) } });
    expect((await get('/rate')).status).toBe(429);
    expect((await get('/http')).status).toBe(409);
  });

  it('a 500 never leaks a stack or the internal message', async () => {
    const { status, body } = await get('/bug');
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/secret|\n\s+at /);
  });

  it('framework client errors keep their status', async () => {
    const r = await app.inject({ method: 'POST', url: '/ajv', payload: '{"pair":', headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(400);
    const big = await app.inject({ method: 'POST', url: '/ajv', payload: 'x', headers: { 'content-type': 'text/weird' } });
    expect(big.statusCode).toBe(415);
    expect(big.json()).toMatchObject({ status: 'error' });
  });
});
