import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { authWorld, type AuthWorld } from '../api/auth-helpers.js';

/**
 * Every operation of the OpenAPI document, fed malformed JSON, wrong types, huge and
 * negative numbers, long strings, traversal and injection strings in its path, query and
 * body. Each answer must be < 500 and, when an error, JSON with a message; the server
 * must still answer /health at the end. Every case is invalid on purpose (an unknown query
 * key or a bad value), so no scan, backtest or training actually runs.
 */
const NASTY: unknown[] = [
  '', ' ', 'x'.repeat(20_000), '../../../../etc/passwd', '..%2f..%2f..%2fetc%2fpasswd', '%00', '\u0000', "' OR 1=1 --", '"; DROP TABLE signals; --',
  '<script>alert(1)</script>', '${jndi:ldap://x/a}', '{{7*7}}', '__proto__', 'constructor', '💥🚀', 'ETH/USDT/../../x', 'NaN', 'Infinity',
  -1, 0, 1e308, -1e308, 9_007_199_254_740_992, 1.5, true, null, [], {}, [1, 2], { $gt: '' }, { __proto__: { polluted: true } },
];
const BODIES: string[] = ['{', '{"a":', '[1,2', 'null', '[]', '"text"', '123', 'true', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', `{"${'k'.repeat(5000)}":1}`, '\u0000{}'];

interface Op { method: string; path: string; params: string[]; query: string[]; body: string[] }

const enc = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));

describe('fuzz over every route of the OpenAPI document', () => {
  let world: AuthWorld;
  let app: FastifyInstance;
  const counts: Record<string, number> = {};
  let requests = 0;
  beforeAll(async () => {
    // The tracker runs too (replayed feed), so its routes answer instead of "not running".
    world = await authWorld({ withKeys: true, wire: { tracker: { speed: 1 } } });
    app = await world.app({ rateLimit: { enabled: false } });
  });
  afterAll(async () => {
    // Figures for the README (printed, not asserted).
    process.stdout.write(`fuzz: ${requests} requests, statuses ${JSON.stringify(counts)}\n`);
    await world.close();
  });

  it('only 4xx (or 2xx) answers with a message, never a 5xx, and the server stays up', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>> };
    const ops: Op[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const params = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const body = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
        ops.push({ method: method.toUpperCase(), path, params, query, body });
      }
    }
    expect(ops.length).toBeGreaterThan(30);
    const failures: string[] = [];
    const headers = { 'x-api-key': world.keys.admin };
    const hit = async (method: string, url: string, payload?: string) => {
      requests++;
      const res = await app.inject({ method: method as 'GET', url, headers: payload !== undefined ? { ...headers, 'content-type': 'application/json' } : headers, ...(payload !== undefined ? { payload } : {}) });
      counts[res.statusCode] = (counts[res.statusCode] ?? 0) + 1;
      const bad = res.statusCode >= 500 || (res.statusCode >= 400 && !(res.headers['content-type'] ?? '').includes('json'))
        || (res.statusCode >= 400 && typeof (JSON.parse(res.body) as { message?: unknown }).message !== 'string');
      if (bad) failures.push(`${method} ${url.slice(0, 120)} ${payload?.slice(0, 40) ?? ''} -> ${res.statusCode} ${res.body.slice(0, 160)}`);
    };
    const pathWith = (op: Op, v: unknown) => op.path.replace(/\{(\w+)\}/g, () => enc(v)).replace(/\/\*$/, `/${enc(v)}`);
    const safePath = (op: Op) => pathWith(op, 'BTCUSDT');
    for (const op of ops) {
      if (op.path.startsWith('/docs')) continue;
      // Path parameters.
      if (op.params.length || op.path.endsWith('*')) for (const v of NASTY) await hit(op.method, `${pathWith(op, v)}?fuzz_unknown=1`, op.method === 'GET' ? undefined : '{}');
      // Query values, each declared parameter in turn, plus an unknown key.
      for (const q of [...op.query, 'fuzz_unknown']) for (const v of NASTY) await hit(op.method, `${safePath(op)}?${q}=${enc(v)}&fuzz_unknown=1`, op.method === 'GET' ? undefined : '{}');
      if (op.method !== 'GET') {
        // Malformed and wrong-shaped bodies.
        for (const b of BODIES) await hit(op.method, `${safePath(op)}?fuzz_unknown=1`, b);
        // Each body field with each nasty value (other fields absent: never a valid request).
        for (const f of op.body) for (const v of NASTY) await hit(op.method, safePath(op), JSON.stringify({ [f]: v, fuzz_unknown: 1 }));
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
    expect((await app.inject({ url: '/health' })).statusCode).toBeLessThan(500);
    expect(Object.keys(counts).every((s) => Number(s) < 500)).toBe(true);
  }, 600_000);
});
