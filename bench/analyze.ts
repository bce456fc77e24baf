// SPEC A latency (issue 18): one uncached analysis of 200 daily candles in-process
// (indicators, structure, both writers, the chart's scene, its painting and the palette
// PNG), then cached POST /api/v1/analyze requests/s against a real `sextant serve` process
// and a bare node:http peer (each in its own process) with autocannon in this process, on the
// same cores. Goals: p50 < 25 ms, >= 15k req/s.
// Run: node --import tsx bench/analyze.ts [seconds=10] [connections=50] [--cached-only | --uncached-only] [--rounds=3] [--workers=N] [--pipelining=N]
// --pipelining=N (N > 1) measures every side twice per round, in the same rotation: plain
// (one request in flight per connection, the figure the goal is judged on) and with N
// requests pipelined per connection (as Fastify's published benchmarks run autocannon, -p 10);
// each setting gets its own table, the bare peer measured the same way in both.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { replaySource } from '../src/app/sources.js';
import { loadCandles } from '../src/services/candles.js';
import { analyzeCandles, analysisChartInput, writeEnglish, writePersian, AnalysisService, analysisHistory } from '../src/services/analysis/index.js';
import { chartPainter, renderCandleChart } from '../src/infra/charts/index.js';
import { echartsChartPng } from './peers/echarts-chart.js';
import { chartScene } from '../src/infra/charts/scene.js';
import { paintScene } from '../src/infra/charts/skia.js';
import { encodePalettePng } from '../src/infra/charts/png.js';
import { startServerProcess } from '../test/helpers/server-process.js';

const numbers = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const seconds = Number(numbers[0] ?? 10);
const connections = Number(numbers[1] ?? 50);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function inProcess(): Promise<void> {
  const source = replaySource();
  const svc = new AnalysisService({ source });
  const req = { pair: 'ETH/USDT', timeframe: '1d' as const, limit: 200 };
  for (let i = 0; i < 10; i++) await svc.analyze(req);
  const total: number[] = [];
  const cpu: number[] = [];
  const parts = { numbers: [] as number[], text: [] as number[], scene: [] as number[], paint: [] as number[], png: [] as number[] };
  let bytes = 0;
  const runs = 60;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const u0 = process.cpuUsage();
    const r = await svc.analyze(req);
    total.push(performance.now() - t0);
    const u = process.cpuUsage(u0);
    cpu.push((u.user + u.system) / 1000);
    bytes = r.chart_image_base64.length * 0.75;
    // The same work again, step by step, for the breakdown.
    const loaded = await loadCandles(source, { ...req, limit: analysisHistory(req.limit) });
    const a = performance.now();
    const core = analyzeCandles(loaded, 'replay', req.limit);
    const b = performance.now();
    writeEnglish(core.data);
    writePersian(core.data);
    const c = performance.now();
    const scene = chartScene(analysisChartInput(core.display, core), 800, 500);
    const d = performance.now();
    const pixels = paintScene(scene);
    const e = performance.now();
    encodePalettePng(pixels, scene.width, scene.height);
    const f = performance.now();
    parts.numbers.push(b - a); parts.text.push(c - b); parts.scene.push(d - c); parts.paint.push(e - d); parts.png.push(f - e);
  }
  process.stdout.write(`uncached analyze, ETH/USDT 1d, 200 candles, ${runs} runs, chart painted by ${chartPainter()} (${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}):\n`);
  process.stdout.write(`  total   p50 ${ms(pct(total, 50))}  p95 ${ms(pct(total, 95))}   goal p50 < 25 ms: ${pct(total, 50) < 25 ? 'met' : 'NOT met'}; PNG ${(bytes / 1024).toFixed(1)} KiB\n`);
  process.stdout.write(`  CPU time of the process per analysis (all threads): p50 ${ms(pct(cpu, 50))}\n`);
  for (const [k, v] of Object.entries(parts)) process.stdout.write(`  ${k.padEnd(7)} p50 ${ms(pct(v, 50))}  p95 ${ms(pct(v, 95))}\n`);

  // Peers: the same scene as SVG rasterised by resvg (the painter before Skia, still the
  // fallback), and the chart as drawn before issue 18 (ECharts SSR SVG + resvg RGBA PNG),
  // alternating with today's painter on the same input in this run.
  const loaded = await loadCandles(source, { ...req, limit: analysisHistory(req.limit) });
  const core = analyzeCandles(loaded, 'replay', req.limit);
  const input = analysisChartInput(core.display, core);
  const side = () => ({ wall: [] as number[], cpu: [] as number[], bytes: 0 });
  const sides = { now: side(), resvg: side(), echarts: side() };
  const draw = { now: () => renderCandleChart(input), resvg: () => renderCandleChart(input, 'resvg'), echarts: () => echartsChartPng(input) };
  const names = { now: `Sextant now (${chartPainter()})`, resvg: 'same scene, SVG + resvg', echarts: 'ECharts SVG + RGBA PNG (before)' };
  const keys = ['now', 'resvg', 'echarts'] as const;
  for (let i = 0; i < 5; i++) for (const k of keys) draw[k]();
  for (let i = 0; i < 30; i++) {
    for (const k of keys) {
      const t0 = performance.now();
      const u0 = process.cpuUsage();
      sides[k].bytes = draw[k]().length;
      const u = process.cpuUsage(u0);
      sides[k].wall.push(performance.now() - t0);
      sides[k].cpu.push((u.user + u.system) / 1000);
    }
  }
  process.stdout.write(`chart alone (800x500, same input, alternating, 30 rounds):\n`);
  for (const [k, v] of Object.entries(sides)) {
    process.stdout.write(`  ${names[k as keyof typeof names].padEnd(31)} wall p50 ${ms(pct(v.wall, 50))}  CPU p50 ${ms(pct(v.cpu, 50))}  ${(v.bytes / 1024).toFixed(1)} KiB\n`);
  }
  for (const k of ['resvg', 'echarts'] as const) {
    process.stdout.write(`  ratio now/${k}: wall ${(pct(sides.now.wall, 50) / pct(sides[k].wall, 50)).toFixed(2)}, CPU ${(pct(sides.now.cpu, 50) / pct(sides[k].cpu, 50)).toFixed(2)}, size ${(sides.now.bytes / sides[k].bytes).toFixed(2)}\n`);
  }
}

/** Peer: a bare node:http server in its own process (like `sextant serve`) answering every request with the same bytes. */
async function bareServer(body: Buffer): Promise<{ url: string; pid: number; stop(): void }> {
  const script = `const b = Buffer.from(process.env.BODY, 'base64');
    const s = require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': b.length, 'x-cache': 'hit' }); res.end(b); }); });
    s.listen(0, '127.0.0.1', () => console.log('port ' + s.address().port));`;
  const proc = spawn(process.execPath, ['-e', script], { env: { ...process.env, BODY: body.toString('base64') }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => proc.stdout!.on('data', (c: Buffer) => resolve(Number(/port (\d+)/.exec(String(c))![1]))));
  return { url: `http://127.0.0.1:${port}`, pid: proc.pid!, stop: () => proc.kill('SIGTERM') };
}

/** CPU time (user + system, all threads) a process has used, in ms, from /proc (clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function cached(): Promise<void> {
  // The stack a user runs (anonymous viewer access, metrics, rate limiting), with a budget
  // no benchmark client reaches: refusals would be cheap 429s, not analyses. A second
  // `sextant serve` with the fast lane off (http.fastLane: false) shows what the lane gives.
  const env = { SEXTANT_RATE_LIMIT__MAX: '1000000', SEXTANT_RATE_LIMIT__WINDOW_MS: '1000' };
  const [server, plain] = await Promise.all([
    startServerProcess({ env, echoStderr: true }),
    startServerProcess({ env: { ...env, SEXTANT_HTTP__FAST_LANE: 'false' }, echoStderr: true }),
  ]);
  const body = JSON.stringify({ pair: 'eth_usdt', timeframe: 'day1', limit: 200 });
  const workersArg = process.argv.find((a) => a.startsWith('--workers='));
  const workers = workersArg ? Number(workersArg.slice('--workers='.length)) : 0;
  const roundsArg = process.argv.find((a) => a.startsWith('--rounds='));
  const rounds = roundsArg ? Number(roundsArg.slice('--rounds='.length)) : 3;
  const pipeliningArg = process.argv.find((a) => a.startsWith('--pipelining='));
  const pipelined = pipeliningArg ? Number(pipeliningArg.slice('--pipelining='.length)) : 1;
  const settings = pipelined > 1 ? [1, pipelined] : [1];
  const run = (url: string, duration: number, pipelining: number) => new Promise<autocannon.Result>((resolve, reject) => autocannon({
    url: `${url}/api/v1/analyze`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration, pipelining, ...(workers ? { workers } : {}),
  }, (err, r) => (err ? reject(err) : resolve(r))));
  // Each side's server CPU and the load generator's CPU per answered request: on a shared
  // machine these hold better than req/s, which moves with whatever else runs.
  type Run = { rps: number; serverUs: number; generatorUs: number; r: autocannon.Result };
  type Side = { name: string; url: string; pid: number; runs: Map<number, Run[]> };
  const measure = async (side: Side, pipelining: number) => {
    const s0 = processCpuMs(side.pid);
    const g0 = process.cpuUsage();
    const r = await run(side.url, seconds, pipelining);
    const g = process.cpuUsage(g0);
    const n = Math.max(1, r.requests.total);
    const runs = side.runs.get(pipelining) ?? [];
    runs.push({ rps: r.requests.average, serverUs: ((processCpuMs(side.pid) - s0) * 1000) / n, generatorUs: (g.user + g.system) / n, r });
    side.runs.set(pipelining, runs);
    if (r.non2xx || r.errors) process.exitCode = 1;
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  let bare: { url: string; pid: number; stop(): void } | undefined;
  try {
    const answer = await fetch(`${server.url}/api/v1/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const bytes = Buffer.from(await answer.arrayBuffer());
    bare = await bareServer(bytes);
    const sides: Side[] = [
      { name: '`sextant serve`', url: server.url, pid: server.proc.pid!, runs: new Map() },
      { name: 'sextant, fast lane off', url: plain.url, pid: plain.proc.pid!, runs: new Map() },
      { name: 'bare node:http, same bytes', url: bare.url, pid: bare.pid, runs: new Map() },
    ];
    // JIT warm-up of the servers and of autocannon (a cold first run costs 2x CPU per request).
    for (const side of sides) await run(side.url, 5, 1);
    // Rotating the order each round, so every side sees the same machine; with pipelining,
    // both settings of a side back to back in alternating order.
    for (let i = 0; i < rounds; i++) {
      for (let j = 0; j < sides.length; j++) {
        for (const p of i % 2 ? [...settings].reverse() : settings) await measure(sides[(i + j) % sides.length]!, p);
      }
    }
    const load = loadavg()[0]!.toFixed(1);
    for (const p of settings) {
      const runsOf = (s: Side) => s.runs.get(p)!;
      const mode = p > 1 ? `PIPELINED, ${p} requests in flight per connection (autocannon -p ${p})` : 'plain, one request in flight per connection (autocannon -p 1)';
      process.stdout.write(`cached POST /api/v1/analyze, ${mode}: autocannon${workers ? ` (${workers} workers)` : ''} in this process, each server in its own process, ${connections} connections, ${seconds} s per run, ${rounds} rotating runs per side (means, [min-max] req/s), same ${cpus().length} CPUs, load average ${load}:\n`);
      const rps = (s: Side) => mean(runsOf(s).map((x) => x.rps));
      const range = (s: Side) => `[${Math.round(Math.min(...runsOf(s).map((x) => x.rps)))}-${Math.round(Math.max(...runsOf(s).map((x) => x.rps)))}]`;
      const cpu = (s: Side, k: 'serverUs' | 'generatorUs') => mean(runsOf(s).map((x) => x[k]));
      // What the cores could give if the server and the generator shared them perfectly.
      const ceiling = (s: Side) => (cpus().length * 1e6) / (cpu(s, 'serverUs') + cpu(s, 'generatorUs'));
      for (const s of sides) {
        const last = runsOf(s).at(-1)!.r;
        process.stdout.write(`  ${s.name.padEnd(28)} ${String(Math.round(rps(s))).padStart(6)} req/s ${range(s)}, ${(last.throughput.average / last.requests.average / 1024).toFixed(1)} KiB/response, p50 ${last.latency.p50} ms p99 ${last.latency.p99} ms; `
          + `server CPU ${cpu(s, 'serverUs').toFixed(0)} µs/request, autocannon CPU ${cpu(s, 'generatorUs').toFixed(0)} µs/request; CPU ceiling ${Math.round(ceiling(s))} req/s\n`);
      }
      const [lane, off, floor] = sides as [Side, Side, Side];
      process.stdout.write(`  sextant / bare: ${(rps(lane) / rps(floor)).toFixed(2)} req/s, ${(cpu(lane, 'serverUs') / cpu(floor, 'serverUs')).toFixed(2)}x server CPU per request; `
        + `lane off / bare: ${(rps(off) / rps(floor)).toFixed(2)} req/s, ${(cpu(off, 'serverUs') / cpu(floor, 'serverUs')).toFixed(2)}x\n`);
      process.stdout.write(`  (CPU ceiling: ${cpus().length} cores / (server + autocannon CPU per request))\n`);
      process.stdout.write(`  goal >= 15000 req/s${p > 1 ? ` (judged on the plain setting, not this one)` : ''}: ${rps(lane) >= 15_000 ? 'met' : 'NOT met'}${p > 1 ? ' at this setting' : ''}${rps(floor) < 15_000 ? ` (the bare peer: ${Math.round(rps(floor))} req/s)` : ''}\n`);
    }
  } finally {
    bare?.stop();
    await Promise.all([server.stop(), plain.stop()]);
  }
}

if (!process.argv.includes('--cached-only')) await inProcess();
if (!process.argv.includes('--uncached-only')) await cached();
