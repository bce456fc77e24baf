import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { httpApp } from '../../src/app/server.js';
import { authWorld, type AuthWorld } from '../api/auth-helpers.js';

// Every secret the process knows, each distinctive so a grep finds any copy of it.
const SECRETS = {
  llmKey: 'sk-llmSECRET0123456789abcdefghij',
  exchangeKey: 'exKEYsecret0123456789ABCDEF',
  exchangeSecret: 'exSECRETvalue0123456789abcdef',
  jwtSecret: 'jwtSECRETvalue-0123456789abcdefghijklmnop',
  dbPassword: 'dbPASSWORDsecret987',
};

describe('no secret in any response or log line', () => {
  let llm: Server;
  let world: AuthWorld;
  let app: FastifyInstance;
  const lines: string[] = [];
  const responses: string[] = [];
  let appConfig: unknown;

  beforeAll(async () => {
    // An LLM endpoint that echoes the request headers (the key included) in its error.
    llm = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `bad request; you sent ${JSON.stringify(req.headers)}` } })));
    });
    await new Promise<void>((r) => llm.listen(0, '127.0.0.1', r));
    const config = {
      llm: { baseUrl: `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`, apiKey: SECRETS.llmKey, model: 'm', timeoutMs: 5000 },
      exchange: { apiKey: SECRETS.exchangeKey, secret: SECRETS.exchangeSecret },
      auth: { jwt: { secret: SECRETS.jwtSecret } },
    };
    world = await authWorld({ withKeys: true, config });
    const stream = new Writable({ write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    } });
    // The app's config also names a database URL with a password (as DATABASE_URL would).
    appConfig = { ...world.services.config, store: { ...world.services.config.store, databaseUrl: `postgres://sextant:${SECRETS.dbPassword}@db:5432/sextant` } };
    const s = Object.create(world.services, { config: { value: appConfig } });
    app = await httpApp(s, { level: 'trace', stream });
    // A route that fails the way a driver does: its message quotes the connection string and a key.
    app.get('/boom', async () => {
      throw new Error(`connect failed: postgres://sextant:${SECRETS.dbPassword}@db:5432/sextant (key ${SECRETS.exchangeKey})`);
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await world?.close();
    await new Promise((r) => llm.close(r));
  });

  it('requests with keys, tokens, failures and an echoing LLM leave no secret behind', async () => {
    const token = await new SignJWT({ role: 'viewer' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1m').sign(new TextEncoder().encode(SECRETS.jwtSecret));
    const calls = [
      { url: '/signals', headers: { authorization: `Bearer ${world.keys.admin}` } },
      { url: '/signals', headers: { authorization: `Bearer ${token}` } },
      { url: '/signals', headers: { 'x-api-key': `${world.keys.viewer}x` } },
      { url: '/signals', headers: { authorization: `Bearer ${token.slice(0, -3)}abc` } },
      { method: 'POST' as const, url: '/api/v1/analyze', headers: { 'x-api-key': world.keys.viewer, 'content-type': 'application/json' }, payload: '{"pair":"eth_usdt"}' },
      { url: `/ws/signals?token=${world.keys.viewer}`, headers: { connection: 'upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } },
      { url: '/health' },
      { url: '/metrics' },
    ];
    for (const c of calls) responses.push((await app.inject(c)).body);
    const analyze = JSON.parse(responses[4]!) as { writer: string; writer_note: string };
    expect(analyze.writer).toBe('builtin');
    expect(analyze.writer_note).toBe('LLM endpoint rejected the request (HTTP 400); built-in text used');
    app.log.info({ config: appConfig }, 'effective config');
    app.log.error({ err: new Error(`llm said: Incorrect API key ${SECRETS.llmKey}`) }, 'upstream failure');
    app.log.warn(`retrying with ${SECRETS.exchangeSecret}`);
    expect(lines.length).toBeGreaterThan(10);
    // Fastify's request logs carry the request id.
    expect(lines.some((l) => /"reqId":"[0-9a-f-]{36}"/.test(l))).toBe(true);

    const boom = await app.inject({ url: '/boom', headers: { 'x-api-key': world.keys.admin } });
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toEqual({ status: 'error', message: 'internal error while processing the request' });
    responses.push(boom.body);
    expect(lines.filter((l) => l.includes('connect failed')).join('\n')).toContain('connect failed: postgres://sextant:[REDACTED]@db');

    const everything = [...lines, ...responses].join('\n');
    for (const [name, secret] of Object.entries(SECRETS)) expect(everything.includes(secret), name).toBe(false);
    const keySecrets = Object.values(world.keys).map((k) => k.slice(20));
    for (const k of keySecrets) expect(everything.includes(k)).toBe(false);
    expect(everything.includes(token.split('.')[2]!)).toBe(false);
    // No stack trace in any response.
    for (const r of responses) expect(r).not.toMatch(/\n\s+at |\.ts:\d+/);
  });
});
