// Event-loop responsiveness (issue 19): GET /health latency on a real `sextant serve` process
// while a burst of 100 distinct, uncached analyses (25 pairs x 4 limits, all sent at once)
// is being computed. Goal: /health p99 < 50 ms. Run twice: charts rendered on the event loop
// (charts.threads 0, the old way) and on the worker-thread pool (the default).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../test/helpers/server-process.js';

const BURST = 100;
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const startServer = (env: Record<string, string>) => startServerProcess({ env, echoStderr: true, startTimeoutMs: 120_000 });

function call(agent: Agent, port: number, method: string, path: string, body?: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function burst(label: string, env: Record<string, string>): Promise<Record<string, number | string>> {
  const server = await startServer(env);
  const healthAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const workAgent = new Agent({ keepAlive: true, maxSockets: BURST });
  try {
    const { port } = server;
    const markets = await new Promise<string[]>((resolve) => {
      request({ host: '127.0.0.1', port, path: '/api/v1/markets' }, (res) => {
        let t = '';
        res.on('data', (c: Buffer) => (t += c));
        res.on('end', () => {
          try {
            const j = JSON.parse(t) as { markets?: { symbol: string }[] };
            resolve((j.markets ?? []).map((m) => m.symbol).filter((s) => s.endsWith('/USDT')));
          } catch {
            resolve([]);
          }
        });
      }).end();
    });
    const pairs = (markets.length >= 25 ? markets : ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT', 'XRP/USDT', 'DOGE/USDT', 'ADA/USDT', 'AVAX/USDT', 'LINK/USDT', 'DOT/USDT', 'LTC/USDT', 'TRX/USDT', 'ATOM/USDT', 'NEAR/USDT', 'APT/USDT', 'ARB/USDT', 'OP/USDT', 'FIL/USDT', 'INJ/USDT', 'SUI/USDT', 'UNI/USDT', 'AAVE/USDT', 'ETC/USDT', 'BCH/USDT', 'XLM/USDT']).slice(0, 25);
    // Warm up: the first analysis loads the chart stack and the pool's first thread.
    await call(workAgent, port, 'POST', '/api/v1/analyze', JSON.stringify({ pair: 'BTC/USDT', limit: 120 }));
    for (let i = 0; i < 20; i++) await call(healthAgent, port, 'GET', '/health');

    const health: number[] = [];
    let done = false;
    const poll = (async () => {
      while (!done) {
        health.push((await call(healthAgent, port, 'GET', '/health')).ms);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const t0 = performance.now();
    const limits = [101, 151, 201, 251];
    const results = await Promise.all(pairs.flatMap((pair) => limits.map((limit) => call(workAgent, port, 'POST', '/api/v1/analyze', JSON.stringify({ pair, limit })))));
    const burstMs = performance.now() - t0;
    done = true;
    await poll;
    const ok = results.filter((r) => r.status === 200).length;
    const row = {
      mode: label,
      health_samples: health.length,
      health_p50_ms: Number(pct(health, 50).toFixed(1)),
      health_p99_ms: Number(pct(health, 99).toFixed(1)),
      health_max_ms: Number(Math.max(...health).toFixed(1)),
      burst_s: Number((burstMs / 1000).toFixed(2)),
      analyses_200: ok,
      analyses_other: results.length - ok,
    };
    process.stdout.write(`${label.padEnd(28)} /health p50 ${row.health_p50_ms} ms  p99 ${row.health_p99_ms} ms  max ${row.health_max_ms} ms  (${row.health_samples} samples); burst ${row.burst_s} s, ${ok}/${results.length} analyses 200\n`);
    return row;
  } finally {
    healthAgent.destroy();
    workAgent.destroy();
    await server.stop();
  }
}

const before = loadavg()[0]!;
process.stdout.write(`${BURST} distinct uncached analyses at once, /health polled meanwhile (${cpus().length} CPUs, load average ${before.toFixed(1)}):\n`);
const inline = await burst('charts on the event loop', { SEXTANT_CHARTS__THREADS: '0' });
const pooled = await burst('charts on the worker pool', {});
const p99 = pooled['health_p99_ms'] as number;
process.stdout.write(`goal /health p99 < 50 ms with the pool: ${p99 < 50 ? 'met' : 'NOT met'} (load average after: ${loadavg()[0]!.toFixed(1)}; figures on a shared machine are noisy)\n`);
mkdirSync(join(import.meta.dirname, 'out'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'out', 'event-loop.json'), `${JSON.stringify({ cpus: cpus().length, loadavg: before, runs: [inline, pooled] }, null, 2)}\n`);
