// SPEC A latency (issue 18): one uncached analysis of 200 daily candles in-process
// (indicators, structure, both writers, the chart SVG, its rasterisation and the palette
// PNG), then cached POST /api/v1/analyze requests/s against a real `sextant serve` process
// with autocannon in this process, on the same cores. Goals: p50 < 25 ms, >= 15k req/s.
// Run: node --import tsx bench/analyze.ts [seconds=10] [connections=50]
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { Resvg } from '@resvg/resvg-js';
import { replaySource } from '../src/app/sources.js';
import { loadCandles } from '../src/services/candles.js';
import { analyzeCandles, analysisChartInput, writeEnglish, writePersian, AnalysisService, analysisHistory } from '../src/services/analysis/index.js';
import { renderCandleChartSvg } from '../src/infra/charts/index.js';
import { CHART_FONT_FAMILY, chartFontFiles } from '../src/infra/charts/fonts.js';
import { encodePalettePng } from '../src/infra/charts/png.js';
import { startServerProcess } from '../test/helpers/server-process.js';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 50);

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
  const parts = { numbers: [] as number[], text: [] as number[], svg: [] as number[], raster: [] as number[], png: [] as number[] };
  const font = { loadSystemFonts: false, fontFiles: chartFontFiles(), defaultFontFamily: CHART_FONT_FAMILY };
  let bytes = 0;
  const runs = 60;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await svc.analyze(req);
    total.push(performance.now() - t0);
    bytes = r.chart_image_base64.length * 0.75;
    // The same work again, step by step, for the breakdown.
    const loaded = await loadCandles(source, { ...req, limit: analysisHistory(req.limit) });
    const a = performance.now();
    const core = analyzeCandles(loaded, 'replay', req.limit);
    const b = performance.now();
    writeEnglish(core.data);
    writePersian(core.data);
    const c = performance.now();
    const svg = renderCandleChartSvg(analysisChartInput(core.display, core));
    const d = performance.now();
    const img = new Resvg(svg, { font, background: '#ffffff' }).render();
    const e = performance.now();
    encodePalettePng(img.pixels, img.width, img.height);
    const f = performance.now();
    parts.numbers.push(b - a); parts.text.push(c - b); parts.svg.push(d - c); parts.raster.push(e - d); parts.png.push(f - e);
  }
  process.stdout.write(`uncached analyze, ETH/USDT 1d, 200 candles, ${runs} runs (${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}):\n`);
  process.stdout.write(`  total   p50 ${ms(pct(total, 50))}  p95 ${ms(pct(total, 95))}   goal p50 < 25 ms: ${pct(total, 50) < 25 ? 'met' : 'NOT met'}; PNG ${(bytes / 1024).toFixed(1)} KiB\n`);
  for (const [k, v] of Object.entries(parts)) process.stdout.write(`  ${k.padEnd(7)} p50 ${ms(pct(v, 50))}  p95 ${ms(pct(v, 95))}\n`);
}

async function cached(): Promise<void> {
  // The stack a user runs (anonymous viewer access, metrics, rate limiting), with a budget
  // no benchmark client reaches: refusals would be cheap 429s, not analyses.
  const server = await startServerProcess({ env: { SEXTANT_RATE_LIMIT__MAX: '1000000' }, echoStderr: true });
  const run = (duration: number) => new Promise<autocannon.Result>((resolve, reject) => autocannon({
    url: `${server.url}/api/v1/analyze`, method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pair: 'eth_usdt', timeframe: 'day1', limit: 200 }), connections, duration,
  }, (err, r) => (err ? reject(err) : resolve(r))));
  try {
    await run(3); // the first request fills the cache; the rest warm both processes' JIT
    const r = await run(seconds);
    const rps = r.requests.average;
    process.stdout.write(`cached POST /api/v1/analyze against \`sextant serve\` (separate process; autocannon in this process, ${connections} connections, ${seconds} s, same ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}):\n`);
    process.stdout.write(`  ${Math.round(rps)} req/s, ${(r.throughput.average / rps / 1024).toFixed(1)} KiB/response, latency p50 ${r.latency.p50} ms p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}\n`);
    process.stdout.write(`  goal >= 15000 req/s: ${rps >= 15_000 ? 'met' : 'NOT met'}\n`);
    if (r.non2xx || r.errors) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

await inProcess();
await cached();
