import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROUTE_ROLES, roleFor } from '../../src/api/auth/route-roles.js';
import { allows, type Role } from '../../src/api/auth/roles.js';
import { loadConfig } from '../../src/config/load.js';
import { apiKeysOf } from '../../src/infra/store/api-keys.js';
import { authWorld, concrete, type AuthWorld } from './auth-helpers.js';

const json = { 'content-type': 'application/json' };
const bearer = (k: string) => ({ ...json, authorization: `Bearer ${k}` });
// A query parameter no route knows: a caller that gets past auth is stopped by validation
// (400), so no scan, scheduler start or backtest runs while roles are checked.
const probe = (url: string) => `${concrete(url)}?zz_not_a_param=1`;

describe('every route: roles from one table, enforced (API keys in the store)', () => {
  let world: AuthWorld;
  let app: FastifyInstance;
  beforeAll(async () => {
    world = await authWorld({ withKeys: true });
    app = await world.app();
  });
  afterAll(() => world.close());

  it('the startup line says keys are configured and anonymous callers get nothing', () => {
    expect(app.security.activeKeys).toBe(3);
    expect(app.security.anonymousRole).toBeUndefined();
    expect(app.security.line).toMatch(/^auth: 3 API keys — every route needs a key or token/);
  });

  it('each route got the role the table (or the method default) gives it, and the OpenAPI document shows it', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, { 'x-required-role'?: string; security?: unknown[] }>> };
    let documented = 0;
    for (const r of app.security.routes) {
      expect(r.role, `${r.method} ${r.url}`).toBe(roleFor(r.method, r.url));
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      if (!op) continue; // HEAD routes and swagger-ui's own files are not operations
      documented++;
      expect(op['x-required-role'], `${r.method} ${r.url}`).toBe(r.role);
      expect(op.security, `${r.method} ${r.url}`).toEqual(r.role === 'public' ? [] : [{ apiKey: [] }, { bearer: [] }]);
    }
    expect(documented).toBeGreaterThan(25);
    // Every explicit entry of the table names a route that exists.
    const registered = new Set(app.security.routes.map((r) => `${r.method} ${r.url}`));
    for (const k of Object.keys(ROUTE_ROLES)) expect(registered.has(k), k).toBe(true);
  });

  it('each write route refuses anonymous callers (401) and wrong roles (403); the right role gets past auth', async () => {
    const writes = app.security.routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && r.role !== 'public');
    expect(writes.length).toBeGreaterThanOrEqual(7);
    let refused403 = 0;
    for (const r of writes) {
      const label = `${r.method} ${r.url}`;
      const anon = await app.inject({ method: r.method as 'POST', url: probe(r.url), headers: json, payload: '{}' });
      expect(anon.statusCode, label).toBe(401);
      expect(anon.headers['www-authenticate'], label).toBe('Bearer realm="sextant"');
      expect(anon.json().message, label).toMatch(/needs role/);
      const bare = await app.inject({ method: r.method as 'POST', url: concrete(r.url), headers: { 'content-type': 'text/plain' }, payload: 'x' });
      expect(bare.statusCode, label).toBe(401);
      const forged = await app.inject({ method: r.method as 'POST', url: probe(r.url), headers: bearer(`sx_${'0'.repeat(16)}_${'A'.repeat(43)}`), payload: '{}' });
      expect(forged.statusCode, label).toBe(401);
      for (const role of ['viewer', 'trader', 'admin'] as Role[]) {
        const res = await app.inject({ method: r.method as 'POST', url: probe(r.url), headers: bearer(world.keys[role]), payload: '{}' });
        if (r.role !== 'public' && !allows(role, r.role)) {
          expect(res.statusCode, `${label} as ${role}`).toBe(403);
          expect(res.json().message, label).toMatch(new RegExp(`role ${role} may not`));
          refused403++;
        } else {
          expect([401, 403], `${label} as ${role}: ${res.body.slice(0, 200)}`).not.toContain(res.statusCode);
        }
      }
    }
    expect(refused403).toBeGreaterThanOrEqual(5);
  });

  it('each read route refuses anonymous callers once keys exist and serves a viewer', async () => {
    const reads = app.security.routes.filter((r) => r.method === 'GET' && r.role === 'viewer');
    expect(reads.length).toBeGreaterThan(15);
    for (const r of reads) {
      expect((await app.inject({ url: probe(r.url) })).statusCode, r.url).toBe(401);
      const ok = await app.inject({ url: probe(r.url), headers: { 'x-api-key': world.keys.viewer } });
      expect([401, 403], `${r.url}: ${ok.body.slice(0, 200)}`).not.toContain(ok.statusCode);
    }
    // Public routes need nothing.
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/docs/json' })).statusCode).toBe(200);
  });

  it('a revoked key stops working (a fresh server; a running one within the 5 s key cache)', async () => {
    const store = (await apiKeysOf(world.services.store))!;
    const id = /^sx_([0-9a-f]{16})_/.exec(world.keys.trader)![1]!;
    expect(await store.revoke(id, Date.now())).toBe(1);
    const fresh = await world.app();
    const res = await fresh.inject({ url: '/signals', headers: { 'x-api-key': world.keys.trader } });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('api key: unknown or revoked');
    expect(res.body).not.toContain(world.keys.trader.slice(20));
  });

  it('a WebSocket upgrade may carry its credential as ?token= (browsers cannot set headers there); plain requests may not', async () => {
    const ws = (q: string) => app.inject({ url: `/ws/signals${q}`, headers: { connection: 'upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
    expect((await ws('')).statusCode).toBe(401);
    expect((await ws(`?token=${world.keys.viewer}`)).statusCode).not.toBe(401);
    expect((await ws('?token=sx_nope')).statusCode).toBe(401);
    expect((await app.inject({ url: `/signals?token=${world.keys.viewer}` })).statusCode).toBe(401);
  });

  it('a malformed Authorization header is a 401 that does not echo it', async () => {
    const res = await app.inject({ url: '/signals', headers: { authorization: 'Basic c2VjcmV0LXBhc3N3b3Jk' } });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('c2VjcmV0');
  });
});

describe('JWT bearer tokens', () => {
  const secret = 'a-test-secret-that-is-long-enough-0123456789';
  let world: AuthWorld;
  beforeAll(async () => {
    world = await authWorld({ withKeys: false });
  });
  afterAll(() => world.close());
  const sign = (claims: Record<string, unknown>, opts: { exp?: number | string; key?: string; alg?: string } = {}) => {
    let j = new SignJWT(claims).setProtectedHeader({ alg: opts.alg ?? 'HS256' }).setIssuedAt().setSubject('alice');
    if (opts.exp !== undefined) j = j.setExpirationTime(opts.exp);
    return j.sign(new TextEncoder().encode(opts.key ?? secret));
  };

  it('HS256: role claim honoured, expiry checked with the configured clock skew, exp required, wrong secret refused', async () => {
    const app = await world.app({ auth: { jwt: { secret, clockSkewS: 30 } } });
    expect(app.security.jwt).toBe('HS256');
    expect(app.security.anonymousRole).toBeUndefined();
    const now = Math.floor(Date.now() / 1000);
    const call = async (token: string, url = '/api/v1/scheduler/start') => app.inject({ method: 'POST', url: `${url}?zz=1`, headers: bearer(token), payload: '{}' });
    expect((await call(await sign({ role: 'admin' }, { exp: now + 60 }))).statusCode).toBe(400); // past auth, stopped by validation
    expect((await call(await sign({ role: 'trader' }, { exp: now + 60 }))).statusCode).toBe(403);
    // Expired 10 s ago: inside the 30 s skew; 120 s ago: outside.
    expect((await call(await sign({ role: 'admin' }, { exp: now - 10 }))).statusCode).toBe(400);
    const expired = await call(await sign({ role: 'admin' }, { exp: now - 120 }));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toBe('token: expired');
    const noExp = await call(await sign({ role: 'admin' }));
    expect(noExp.statusCode).toBe(401);
    expect(noExp.json().message).toMatch(/claim exp is missing/);
    expect((await call(await sign({ role: 'admin' }, { exp: now + 60, key: `${secret}-other` }))).statusCode).toBe(401);
    expect((await call(await sign({ role: 'root' }, { exp: now + 60 }))).json().message).toMatch(/claim role must be/);
    // alg "none": an unsigned token is never accepted.
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ role: 'admin', exp: now + 60 })).toString('base64url');
    expect((await call(`${header}.${body}.`)).statusCode).toBe(401);
  });

  it('RS256 with a public key; an HS256 token made with the public key as secret is refused', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const app = await world.app({ auth: { jwt: { publicKey: pem } } });
    expect(app.security.jwt).toBe('RS256');
    const now = Math.floor(Date.now() / 1000);
    const good = await new SignJWT({ role: 'viewer' }).setProtectedHeader({ alg: 'RS256' }).setExpirationTime(now + 60).sign(privateKey);
    expect((await app.inject({ url: '/signals', headers: { authorization: `Bearer ${good}` } })).statusCode).toBe(200);
    const confused = await sign({ role: 'admin' }, { exp: now + 60, key: pem });
    expect((await app.inject({ url: '/signals', headers: { authorization: `Bearer ${confused}` } })).statusCode).toBe(401);
  });
});

describe('local default, auth disabled, CSRF and WebSocket origins', () => {
  let world: AuthWorld;
  beforeAll(async () => {
    world = await authWorld({ withKeys: false });
  });
  afterAll(() => world.close());

  it('no keys, no JWT: reads open, writes refused with a pointer to `sextant keys create`, bound to loopback', async () => {
    const app = await world.app();
    expect(app.security.line).toMatch(/^auth: no API keys or JWT configured — anonymous reads allowed, writes refused until `sextant keys create --role admin --name NAME`; listening on 127\.0\.0\.1 only$/);
    expect((await app.inject({ url: '/signals' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/v1/scheduler/stop', headers: json, payload: '{}' })).statusCode).toBe(401);
  });

  it('auth.disabled: true lets writes through but still demands JSON (or a token) and a same-origin caller', async () => {
    const app = await world.app({ auth: { disabled: true } });
    expect(app.security.line).toMatch(/^auth: DISABLED/);
    const stop = await app.inject({ method: 'POST', url: '/api/v1/scheduler/stop', headers: json, payload: '{}' });
    expect(stop.statusCode).toBe(200);
    // The browser "simple request" a foreign page can send without a preflight.
    const simple = await app.inject({ method: 'POST', url: '/api/v1/scheduler/stop', headers: { 'content-type': 'text/plain' }, payload: 'x' });
    expect(simple.statusCode).toBe(400);
    expect(simple.json().field).toBe('content-type');
    const foreign = await app.inject({ method: 'POST', url: '/api/v1/scheduler/stop', headers: { ...json, origin: 'https://evil.example', host: 'localhost:8080' }, payload: '{}' });
    expect(foreign.statusCode).toBe(403);
    const same = await app.inject({ method: 'POST', url: '/api/v1/scheduler/stop', headers: { ...json, origin: 'http://localhost:8080', host: 'localhost:8080' }, payload: '{}' });
    expect(same.statusCode).toBe(200);
  });

  it('WebSocket upgrades from a foreign Origin are refused; the own origin and configured origins pass', async () => {
    const app = await world.app({ http: { corsOrigins: ['https://dash.example'] } });
    const ws = (origin: string) => app.inject({ url: '/ws/signals', headers: { connection: 'upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', origin, host: 'localhost:8080' } });
    expect((await ws('https://evil.example')).statusCode).toBe(403);
    expect((await ws('https://dash.example')).statusCode).not.toBe(403);
    expect((await ws('http://localhost:8080')).statusCode).not.toBe(403);
  });
});

describe('IP allowlist (CIDR, IPv4 and IPv6) and trusted proxies', () => {
  let world: AuthWorld;
  beforeAll(async () => {
    world = await authWorld({ withKeys: false });
  });
  afterAll(() => world.close());

  it('only listed ranges get in; X-Forwarded-For is believed only from a configured proxy', async () => {
    const app = await world.app({ auth: { allowlist: ['10.0.0.0/8', 'fd00::/8'], trustedProxies: ['192.168.1.1/32'] } });
    const get = (remoteAddress: string, xff?: string) => app.inject({ url: '/signals', remoteAddress, headers: xff ? { 'x-forwarded-for': xff } : {} });
    expect((await get('10.1.2.3')).statusCode).toBe(200);
    expect((await get('::ffff:10.1.2.3')).statusCode).toBe(200);
    expect((await get('fd00::42')).statusCode).toBe(200);
    expect((await get('127.0.0.1')).statusCode).toBe(403);
    expect((await get('fe80::1')).statusCode).toBe(403);
    // An untrusted peer cannot claim an allowed address...
    expect((await get('127.0.0.1', '10.9.9.9')).statusCode).toBe(403);
    // ...a trusted proxy can, in IPv4 and IPv6.
    expect((await get('192.168.1.1', '10.9.9.9')).statusCode).toBe(200);
    expect((await get('192.168.1.1', 'fd00::7')).statusCode).toBe(200);
    expect((await get('192.168.1.1', '8.8.8.8')).statusCode).toBe(403);
  });

  it('a bad CIDR stops the start with one line naming the key', async () => {
    await expect(world.app({ auth: { allowlist: ['10.0.0.0/99'] } })).rejects.toThrow(/auth\.allowlist: "10\.0\.0\.0\/99" is not an IP address or CIDR range/);
  });
});

describe('profiles', () => {
  it('prod refuses auth disabled and anonymous reads at load, and 0.0.0.0 without credentials at start', async () => {
    expect(() => loadConfig({ env: { SEXTANT_ENV: 'prod', SEXTANT_AUTH__DISABLED: 'true' } })).toThrow(/auth\.disabled: the prod profile refuses/);
    expect(() => loadConfig({ env: { SEXTANT_ENV: 'prod', SEXTANT_AUTH__ANONYMOUS: 'viewer' } })).toThrow(/auth\.anonymous/);
    const prod = loadConfig({ env: { SEXTANT_ENV: 'prod' } });
    expect(prod.auth.anonymous).toBe('none');
    expect(loadConfig({ env: { SEXTANT_ENV: 'test' } }).logLevel).toBe('warn');
    expect(loadConfig({ env: { SEXTANT_ENV: 'test', LOG_LEVEL: 'debug' } }).logLevel).toBe('debug');
    const world = await authWorld({ withKeys: false });
    try {
      await expect(world.app({ env: 'prod', server: { host: '0.0.0.0', port: 8080 } })).rejects.toThrow(/server\.host: the prod profile refuses to listen on 0\.0\.0\.0 without API keys/);
      const app = await world.app({ env: 'prod', server: { host: '0.0.0.0', port: 8080 }, auth: { jwt: { secret: 'x'.repeat(40) } } });
      expect(app.security.anonymousRole).toBeUndefined();
    } finally {
      await world.close();
    }
  });
});
