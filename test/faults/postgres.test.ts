import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, requires } from '../helpers/requires.js';
import { TcpProxy } from './helpers/tcp-proxy.js';
import { eventually } from './helpers/ports.js';
import { analyze, getJson, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const SCHEMA = `fault_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

describe.runIf(await requires('postgres'))('PostgreSQL behind a proxy that is cut and restored', () => {
  let proxy: TcpProxy;
  let server: ServerProcess;
  beforeAll(async () => {
    const target = new URL(DATABASE_URL);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(DATABASE_URL);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await startServerProcess({ env: { DATABASE_URL: viaProxy.toString() }, config: { store: { schema: SCHEMA } } });
  }, 150_000);
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await c.end();
  });

  it('answers 503 naming the database within the deadline, /health degraded, analysis unaffected; back by itself', async () => {
    expect((await getJson(`${server.url}/signals?limit=5`)).status).toBe(200);

    for (const cut of ['refuse', 'blackhole'] as const) {
      await proxy[cut]();
      const signals = await getJson(`${server.url}/signals?limit=5`);
      expect(signals.status, `${cut}: ${JSON.stringify(signals.json)}`).toBe(503);
      expect(signals.json['message']).toMatch(/postgres/);
      expect(signals.headers.get('retry-after')).not.toBeNull();
      const health = await getJson(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(health.json['status']).toBe('degraded');
      expect(health.json['dependencies']['store']).toMatchObject({ status: 'down', reason: expect.stringMatching(/postgres/) });
      // Analysis needs no database: it still answers.
      expect((await analyze(server.url, { pair: 'eth_usdt', limit: 80 })).status).toBe(200);
      expect(server.alive()).toBe(true);

      await proxy.restore();
      await eventually(async () => ((await getJson(`${server.url}/signals?limit=5`)).status === 200 ? true : undefined), `${cut}: /signals back`);
      expect((await getJson(`${server.url}/health`)).json['dependencies']['store']['status']).toBe('ok');
    }
    expect((await getJson(`${server.url}/health`)).json['process']).toMatchObject({ unhandled_rejections: 0, uncaught_exceptions: 0 });
  }, 240_000);
});
