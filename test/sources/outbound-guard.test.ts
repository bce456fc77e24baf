import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundGuard, fetchJson } from '../../src/sources/outbound/guard.js';
import { UnavailableError } from '../../src/errors.js';

let server: Server;
let url = '';
let mode: 'ok' | 'fail' = 'ok';
let hits = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.writeHead(mode === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
    res.end(mode === 'ok' ? '{"ok":true}' : '{"error":"down"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('OutboundGuard (bottleneck limit + opossum breaker) against a local HTTP server', () => {
  it('lets perMinute requests through and holds the next one until the minute refills', async () => {
    mode = 'ok';
    hits = 0;
    const g = new OutboundGuard({ name: 'standin', perMinute: 2, timeoutMs: 120_000 });
    const call = () => g.run(() => fetchJson(url, { timeoutMs: 5_000 }));
    let thirdDone = false;
    const [a, b] = [call(), call()];
    const third = call().then(() => (thirdDone = true)).catch(() => undefined);
    expect(await a).toEqual({ ok: true });
    expect(await b).toEqual({ ok: true });
    // Both answered; the third is still waiting for the reservoir, so the server saw two requests.
    await new Promise((r) => setImmediate(r));
    expect(hits).toBe(2);
    expect(thirdDone).toBe(false);
    await g.stop();
    await third;
  });

  it('turns failures into UnavailableError naming the source, then opens and stops calling', async () => {
    mode = 'fail';
    hits = 0;
    const g = new OutboundGuard({ name: 'standin', perMinute: 100, timeoutMs: 5_000, volumeThreshold: 3 });
    const call = () => g.run(() => fetchJson(url, { timeoutMs: 5_000 }));
    for (let i = 0; i < 3; i++) {
      const e = await call().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UnavailableError);
      expect((e as Error).message).toMatch(/^standin: HTTP 503/);
    }
    expect(g.state().breaker).toBe('open');
    const e = await call().catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/^standin: circuit open after repeated failures \(last: HTTP 503/);
    expect(hits).toBe(3);
    await g.stop();
  });
});
