// SPEC A latency: one uncached analysis of 200 daily candles in-process (indicators,
// structure, both writers, chart SVG and PNG), then cached requests/s against a real
// `sextant serve` process over loopback keep-alive HTTP. Goals: p50 < 50 ms, >= 15k req/s.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { replaySource } from '../src/app/sources.js';
import { loadCandles } from '../src/services/candles.js';
import { analyzeCandles, analysisChartInput, writeEnglish, writePersian, AnalysisService } from '../src/services/analysis/index.js';
import { renderCandleChartSvg } from '../src/infra/charts/index.js';
import { svgToPng } from '../src/infra/charts/raster.js';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function inProcess(): Promise<void> {
  const source = replaySource();
  const svc = new AnalysisService({ source });
  const req = { pair: 'ETH/USDT', timeframe: '1d' as const, limit: 200 };
  for (let i = 0; i < 8; i++) await svc.analyze(req);
  const total: number[] = [];
  const parts = { numbers: [] as number[], text: [] as number[], svg: [] as number[], png: [] as number[] };
  const runs = 60;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await svc.analyze(req);
    total.push(performance.now() - t0);
    const loaded = await loadCandles(source, req);
    const a = performance.now();
    const core = analyzeCandles(loaded, 'replay');
    const b = performance.now();
    writeEnglish(core.data);
    writePersian(core.data);
    const c = performance.now();
    const svg = renderCandleChartSvg(analysisChartInput(loaded, core));
    const d = performance.now();
    svgToPng(svg);
    const e = performance.now();
    parts.numbers.push(b - a); parts.text.push(c - b); parts.svg.push(d - c); parts.png.push(e - d);
  }
  process.stdout.write(`uncached analyze, ETH/USDT 1d, 200 candles, ${runs} runs (${cpus().length} CPUs):\n`);
  process.stdout.write(`  total   p50 ${ms(pct(total, 50))}  p95 ${ms(pct(total, 95))}   goal p50 < 50 ms: ${pct(total, 50) < 50 ? 'met' : 'NOT met'}\n`);
  for (const [k, v] of Object.entries(parts)) process.stdout.write(`  ${k.padEnd(7)} p50 ${ms(pct(v, 50))}  p95 ${ms(pct(v, 95))}\n`);
}

async function startServer(): Promise<{ port: number; stop(): void }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env['REDIS_URL'];
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start')), 60_000);
    proc.stdout!.on('data', (c: Buffer) => {
      out += c;
      const m = /Sextant API on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return { port, stop: () => proc.kill('SIGTERM') };
}

/** Closed-loop load: `connections` keep-alive sockets, each sending the next request when the last answer is read. */
async function load(port: number, body: string, connections: number, maxRequests: number, maxMs: number): Promise<{ n: number; secs: number; bytes: number; errors: number; lat: number[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const deadline = performance.now() + maxMs;
  let sent = 0, done = 0, bytes = 0, errors = 0;
  const lat: number[] = [];
  const one = () => new Promise<void>((resolve) => {
    const t0 = performance.now();
    const r = request({ host: '127.0.0.1', port, path: '/api/v1/analyze', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => {
        if (res.statusCode !== 200 || res.headers['x-cache'] !== 'hit') errors++;
        if ((done & 15) === 0) lat.push(performance.now() - t0);
        done++;
        resolve();
      });
    });
    r.on('error', () => {
      errors++;
      resolve();
    });
    r.end(body);
  });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (sent < maxRequests && performance.now() < deadline) {
      sent++;
      await one();
    }
  }));
  agent.destroy();
  return { n: done, secs: (performance.now() - t0) / 1000, bytes, errors, lat };
}

async function cached(): Promise<void> {
  const server = await startServer();
  try {
    const body = JSON.stringify({ pair: 'eth_usdt', timeframe: 'day1', limit: 200 });
    await load(server.port, body, 1, 1, 30_000); // the one miss: fills the cache
    await load(server.port, body, 32, 3000, 5000); // JIT warm-up of both processes
    const r = await load(server.port, body, 64, 200_000, 10_000);
    const rps = r.n / r.secs;
    process.stdout.write(`cached POST /api/v1/analyze against \`sextant serve\` (separate process, loopback keep-alive, 64 connections, load generator on the same ${cpus().length} CPUs):\n`);
    process.stdout.write(`  ${r.n} requests in ${r.secs.toFixed(1)} s = ${Math.round(rps)} req/s, ${(r.bytes / r.n / 1024).toFixed(0)} KiB/response, ${(r.bytes / r.secs / 1e6).toFixed(0)} MB/s, errors ${r.errors}, latency p50 ${ms(pct(r.lat, 50))} p99 ${ms(pct(r.lat, 99))}\n`);
    process.stdout.write(`  goal >= 15000 req/s: ${rps >= 15_000 ? 'met' : 'NOT met'}\n`);
  } finally {
    server.stop();
  }
}

await inProcess();
await cached();
