import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The real server process, as users run it, on the bundled replay data.
const results = mkdtempSync(join(tmpdir(), 'sextant-api-scan-'));
let server: ChildProcess;
let base = '';

beforeAll(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], {
    // Results are read back from the store: a store of its own, so no earlier run's batch is "latest".
    env: { ...process.env, SEXTANT_SCANNER__RESULTS_DIR: results, SEXTANT_STORE__SQLITE_PATH: join(results, 'store.db'), DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  server.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Sextant API on (http:\/\/\S+?)[\s(]/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
    setTimeout(() => reject(new Error(`server did not start: ${out} ${err}`)), 45_000);
  });
});

afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(results, { recursive: true, force: true });
});

// Loose JSON on purpose: the assertions below are the schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

async function call(method: 'GET' | 'POST', path: string) {
  const res = await fetch(`${base}${path}`, { method });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('scheduler and scanner HTTP API (SPEC B) against the real server', () => {
  it('status before start: not running, no jobs, the config', async () => {
    const { status, body } = await call('GET', '/api/v1/scheduler/status');
    expect(status).toBe(200);
    expect(body.running).toBe(false);
    expect(body.jobs).toEqual([]);
    expect(body.config).toMatchObject({ schedule_type: 'interval', interval_minutes: 5, max_instances: 1, coalesce: true, misfire_grace_time: 60 });
  });

  it('a bad schedule_type is a 400 naming the field', async () => {
    const { status, body } = await call('POST', '/api/v1/scheduler/start?schedule_type=hourly');
    expect(status).toBe(400);
    expect(body.status).toBe('error');
    expect(body.field).toBe('schedule_type');
    expect(body.message).toMatch(/^schedule_type: /);
    const bad = await call('POST', '/api/v1/scheduler/start?schedule_type=cron&cron=every%20minute');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('cron');
    expect((await call('GET', '/api/v1/scheduler/status')).body.running).toBe(false);
  });

  it('start (interval) → running with next run time and trigger; start again → 409; stop → not running', async () => {
    const t0 = Date.now();
    const start = await call('POST', '/api/v1/scheduler/start?schedule_type=interval&interval_minutes=2');
    expect(start.status).toBe(200);
    expect(start.body.status).toBe('started');
    const { body } = await call('GET', '/api/v1/scheduler/status');
    expect(body.running).toBe(true);
    expect(body.jobs).toHaveLength(1);
    expect(body.jobs[0].id).toBe('volume_scan');
    expect(body.jobs[0].trigger).toBe('interval[0:02:00]');
    const next = Date.parse(body.jobs[0].next_run_time);
    expect(next).toBeGreaterThan(t0 + 110_000);
    expect(next).toBeLessThan(Date.now() + 121_000);
    expect(body.config).toMatchObject({ interval_minutes: 2, max_instances: 1, coalesce: true, misfire_grace_time: 60 });
    expect((await call('POST', '/api/v1/scheduler/start?schedule_type=interval')).status).toBe(409);
    const stop = await call('POST', '/api/v1/scheduler/stop');
    expect(stop.status).toBe(200);
    expect(stop.body.status).toBe('stopped');
    const after = await call('GET', '/api/v1/scheduler/status');
    expect(after.body.running).toBe(false);
    expect(after.body.jobs).toEqual([]);
  });

  it('start (cron) → next run on the cron grid', async () => {
    const start = await call('POST', '/api/v1/scheduler/start?schedule_type=cron&cron=*/5%20*%20*%20*%20*&misfire_grace_time=30');
    expect(start.status).toBe(200);
    const job = start.body.jobs[0];
    expect(job.trigger).toBe('cron[*/5 * * * *]');
    const next = new Date(job.next_run_time);
    expect(next.getUTCMinutes() % 5).toBe(0);
    expect(next.getUTCSeconds()).toBe(0);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(start.body.config).toMatchObject({ schedule_type: 'cron', misfire_grace_time: 30 });
    expect((await call('POST', '/api/v1/scheduler/stop')).body.running).toBe(false);
  });

  it('run-manual produces a batch, served as latest, per pair and in the history', async () => {
    expect((await call('GET', '/api/v1/scanner/results/latest')).status).toBe(404);
    const run = await call('POST', '/api/v1/scheduler/run-manual?top=12');
    expect(run.status).toBe(200);
    expect(run.body.status).toBe('completed');
    const id = run.body.batch_id as string;
    expect(run.body.summary.pairs).toMatchObject({ requested: 12, ok: 12, failed: 0 });
    expect(run.body.summary.params.timeframe).toBe('1d');

    const latest = await call('GET', '/api/v1/scanner/results/latest');
    expect(latest.status).toBe(200);
    expect(latest.body.batchId).toBe(id);
    expect(latest.body.trigger).toBe('manual');

    const btc = await call('GET', '/api/v1/scanner/results/btc_usdt');
    expect(btc.status).toBe(200);
    expect(btc.body).toMatchObject({ batchId: id, symbol: 'BTC/USDT', status: 'ok', timeframe: '1d' });
    expect(btc.body.series.volume.length).toBe(btc.body.candles);
    expect((await call('GET', `/api/v1/scanner/results/${encodeURIComponent('ETH/USDT')}?batch=${id}`)).body.symbol).toBe('ETH/USDT');
    expect((await call('GET', '/api/v1/scanner/results/NOPE_USDT')).status).toBe(404);
    const bad = await call('GET', '/api/v1/scanner/results/%20');
    expect(bad.status).toBe(400);

    const report = await fetch(`${base}/api/v1/scanner/files/${id}/report.html`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/text\/html/);
    expect(await report.text()).toContain('href="charts/BTC_USDT.html"');
    const chart = await fetch(`${base}/api/v1/scanner/files/${id}/charts/BTC_USDT.html`);
    expect(await chart.text()).toContain('src="../../assets/echarts.min.js"');
    const lib = await fetch(`${base}/api/v1/scanner/files/assets/echarts.min.js`);
    expect(lib.status).toBe(200);
    expect(Number((await lib.arrayBuffer()).byteLength)).toBeGreaterThan(500_000);
    expect((await fetch(`${base}/api/v1/scanner/files/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);

    await call('POST', '/api/v1/scheduler/run-manual?top=3');
    const hist = await call('GET', '/api/v1/scanner/batches');
    expect(hist.status).toBe(200);
    expect(hist.body.batches).toHaveLength(2);
    expect(hist.body.batches[1].batchId).toBe(id);
    expect(hist.body.batches[0].pairs.requested).toBe(3);
    expect((await call('GET', '/api/v1/scanner/batches?limit=0')).body.field).toBe('limit');
    expect((await call('POST', '/api/v1/scheduler/run-manual?timeframe=7x')).status).toBe(400);
  });

  it('a started schedule actually runs batches (interval of 2 s)', async () => {
    const before = (await call('GET', '/api/v1/scanner/batches')).body.batches.length as number;
    expect((await call('POST', '/api/v1/scheduler/start?schedule_type=interval&interval_minutes=0.0334')).status).toBe(200);
    let latest: Json = {};
    for (let i = 0; i < 60; i++) {
      await new Promise((r) => setTimeout(r, 250));
      latest = (await call('GET', '/api/v1/scanner/results/latest')).body;
      if (latest.trigger === 'interval') break;
    }
    await call('POST', '/api/v1/scheduler/stop');
    expect(latest.trigger).toBe('interval');
    const st = (await call('GET', '/api/v1/scheduler/status')).body;
    expect(st.stats.runs).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/api/v1/scanner/batches')).body.batches.length).toBeGreaterThan(before);
  });
});
