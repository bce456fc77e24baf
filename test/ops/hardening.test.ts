import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { authWorld, type AuthWorld } from '../api/auth-helpers.js';

describe('request hardening', () => {
  let world: AuthWorld;
  let app: FastifyInstance;
  beforeAll(async () => {
    world = await authWorld({ withKeys: false, config: { http: { bodyLimitBytes: 4096, requestTimeoutMs: 400 } } });
    app = await world.app();
  });
  afterAll(() => world.close());

  it('a request whose body never finishes is answered 408 and closed (it used to be held open forever)', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const answer = await new Promise<string>((resolve, reject) => {
      const sock = connect(port, '127.0.0.1', () => {
        sock.write('POST /api/v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"pair":');
      });
      let got = '';
      sock.on('data', (d) => (got += d.toString()));
      sock.on('close', () => resolve(got));
      sock.on('error', reject);
      // The test's own guard: without the server's timeout this would never resolve.
      setTimeout(() => {
        sock.destroy();
        reject(new Error('socket still open after 20 s'));
      }, 20_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('bodies over the limit are 413 with a message', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/analyze', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ pair: 'x'.repeat(10_000) }) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 'error', message: expect.any(String) });
  });

  it('an unknown 100 KB key is quoted as a short excerpt, not echoed back', async () => {
    const big = await world.app({ http: { bodyLimitBytes: 1 << 20 } });
    const key = 'k'.repeat(100_000);
    const res = await big.inject({ method: 'POST', url: '/api/v1/analyze', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ pair: 'eth_usdt', [key]: 1 }) });
    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(1000);
    expect(res.json().message).toMatch(/more characters\)$/);
    const q = await big.inject({ url: `/signals?${'q'.repeat(50_000)}=1` });
    expect(q.statusCode).toBe(400);
    expect(q.body.length).toBeLessThan(1000);
  });

  it('security headers on every answer, errors included; no CORS unless configured', async () => {
    for (const url of ['/health', '/signals', '/nope']) {
      const res = await app.inject({ url, headers: { origin: 'https://elsewhere.example' } });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(String(res.headers['content-security-policy']), url).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['access-control-allow-origin'], url).toBeUndefined();
      expect(res.headers['x-request-id'], url).toBeTruthy();
    }
    const cors = await world.app({ http: { corsOrigins: ['https://dash.example'] } });
    const pre = await cors.inject({ method: 'OPTIONS', url: '/signals', headers: { origin: 'https://dash.example', 'access-control-request-method': 'GET' } });
    expect(pre.headers['access-control-allow-origin']).toBe('https://dash.example');
    const other = await cors.inject({ url: '/signals', headers: { origin: 'https://elsewhere.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a known path with the wrong method is 405 with Allow; an unknown path stays 404', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/scheduler/start' });
    expect(res.statusCode).toBe(405);
    expect(res.headers['allow']).toBe('POST');
    const get = await app.inject({ method: 'PUT', url: '/signals/BTCUSDT/latest' });
    expect(get.statusCode).toBe(405);
    expect(get.headers['allow']).toBe('GET, HEAD');
    expect((await app.inject({ method: 'DELETE', url: '/no/such/path' })).statusCode).toBe(404);
  });

  it('a caller-supplied request id is kept (tracing), a hostile one replaced', async () => {
    expect((await app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } })).headers['x-request-id']).toBe('abc-123');
    expect((await app.inject({ url: '/health', headers: { 'x-request-id': 'a\u0000b<script>' } })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
