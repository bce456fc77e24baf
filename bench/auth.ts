// Cost of authentication + rate limiting (issue 15): throughput of a cached
// POST /api/v1/analyze and of GET /signals against a real `sextant serve` process,
// auth off (auth.disabled) vs on (an API key checked on every request, rate limiter
// counting with a budget high enough never to refuse). Goal: < 10 % cost.
// Run: node --import tsx bench/auth.ts [seconds=8] [connections=20]
// Figures on a loaded machine are noisy: run it alone, compare within one run.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { generateApiKey } from '../src/api/auth/api-key.js';
import { SqliteStore } from '../src/infra/store/sqlite.js';
import { startServerProcess } from '../test/helpers/server-process.js';

const seconds = Number(process.argv[2] ?? 8);
const connections = Number(process.argv[3] ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'sextant-bench-auth-'));
const db = join(dir, 'store.db');

const serve = (env: Record<string, string>) => startServerProcess({ env: { SEXTANT_STORE__SQLITE_PATH: db, SEXTANT_RATE_LIMIT__MAX: '1000000', ...env }, echoStderr: true });

async function measure(url: string, headers: Record<string, string>): Promise<{ analyze: number; signals: number }> {
  const run = (opts: autocannon.Options) => new Promise<autocannon.Result>((resolve, reject) => autocannon(opts, (err, r) => (err ? reject(err) : resolve(r))));
  const analyzeOpts = { url: `${url}/api/v1/analyze`, method: 'POST' as const, headers: { ...headers, 'content-type': 'application/json' }, body: '{"pair":"eth_usdt"}', connections, duration: seconds };
  await run({ ...analyzeOpts, duration: 2 }); // fills the cache, warms the JIT
  const analyze = await run(analyzeOpts);
  const signals = await run({ url: `${url}/signals`, headers, connections, duration: seconds });
  for (const r of [analyze, signals]) if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx, ${r.errors} errors at ${url}`);
  return { analyze: analyze.requests.average, signals: signals.requests.average };
}

const store = new SqliteStore({ path: db });
await store.migrate();
const key = generateApiKey();
await store.apiKeyStore().insert({ id: key.id, name: 'bench', role: 'viewer', hash: key.hash, createdAt: Date.now() });
await store.close();

const results: Record<string, { analyze: number; signals: number }> = {};
for (const [name, env, headers] of [
  ['auth off', { SEXTANT_AUTH__DISABLED: 'true', SEXTANT_RATE_LIMIT__ENABLED: 'false' }, {}],
  ['auth + rate limit on', {}, { 'x-api-key': key.key }],
] as const) {
  const s = await serve(env);
  try {
    results[name] = await measure(s.url, headers);
  } finally {
    await s.stop();
  }
}
rmSync(dir, { recursive: true, force: true });
const off = results['auth off']!;
const on = results['auth + rate limit on']!;
const cost = (a: number, b: number) => `${(((a - b) / a) * 100).toFixed(1)} %`;
process.stdout.write(`cores ${cpus().length}, load average ${loadavg()[0]!.toFixed(1)}, ${connections} connections, ${seconds} s per run\n`);
process.stdout.write(`cached POST /api/v1/analyze: off ${off.analyze.toFixed(0)} req/s, on ${on.analyze.toFixed(0)} req/s, cost ${cost(off.analyze, on.analyze)}\n`);
process.stdout.write(`GET /signals:                off ${off.signals.toFixed(0)} req/s, on ${on.signals.toFixed(0)} req/s, cost ${cost(off.signals, on.signals)}\n`);
