import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

// The real server process, as users run it, on the bundled replay data.
const results = mkdtempSync(join(tmpdir(), 'sextant-api-scan-'));
let server: ServerProcess | undefined;
let base = '';

beforeAll(async () => {
  // Results are read back from the store: a store of its own, so no earlier run's batch is "latest".
  // A 2 s minimum so the last test can watch a 2 s schedule fire (the default minimum is 60 s).
  server = await startServerProcess({
    env: { SEXTANT_SCANNER__RESULTS_DIR: results, SEXTANT_SCANNER__SCHEDULE__MIN_INTERVAL_SECONDS: '2', SEXTANT_AUTH__DISABLED: 'true' },
  });
  base = server.url;
}, 150_000);

afterAll(async () => {
  await server?.stop();
  rmSync(results, { recursive: true, force: true });
});

// Loose JSON on purpose: the assertions below are the schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

async function call(method: 'GET' | 'POST', path: string) {
  // Writes carry JSON: the CSRF guard refuses bodiless cross-site-style POSTs (auth is disabled above).
  const res = await fetch(`${base}${path}`, method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '{}' } : { method });
  return { status: res.status, body: (await res.json()) as Json };
}

/** run-manual answers at once; the batch is read back from its result_url when it is done. */
async function runBatch(query = ''): Promise<{ head: Json; summary: Json }> {
  const run = await call('POST', `/api/v1/scheduler/run-manual${query}`);
  expect(run.status).toBe(200);
  for (let i = 0; i < 600; i++) {
    const r = await call('GET', run.body.result_url);
    if (r.status === 200) return { head: run.body, summary: r.body };
    expect(r.status).toBe(202);
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error('batch did not finish');
}

describe('scheduler and scanner HTTP API (SPEC B) against the real server', () => {
  it('status before start: not running, no jobs, the config', async () => {
    const { status, body } = await call('GET', '/api/v1/scheduler/status');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'stopped', is_running: false, running: false });
    expect(body.jobs).toEqual([]);
    expect(body.scheduler_config).toMatchObject({ schedule_type: 'interval', interval_minutes: 5, max_instances: 1, coalesce: true, misfire_grace_time: 60, min_interval_seconds: 2 });
  });

  it('an interval below the configured minimum is a 400 naming interval_minutes', async () => {
    const { status, body } = await call('POST', '/api/v1/scheduler/start?schedule_type=interval&interval_minutes=0.025');
    expect(status).toBe(400);
    expect(body).toMatchObject({ status: 'error', field: 'interval_minutes' });
    expect(body.message).toMatch(/^interval_minutes: runs 1\.5 s apart; the minimum is 2 s/);
    const cron = await call('POST', `/api/v1/scheduler/start?schedule_type=cron&cron=${encodeURIComponent('* * * * * *')}`);
    expect(cron.status).toBe(400);
    expect(cron.body).toMatchObject({ field: 'cron' });
    expect(cron.body.message).toMatch(/^cron: runs 1 s apart; the minimum is 2 s/);
    expect((await call('GET', '/api/v1/scheduler/status')).body.is_running).toBe(false);
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
    expect(start.body).toMatchObject({ status: 'success', message: 'Scheduler started with interval schedule', schedule_type: 'interval', is_running: true });
    const { body } = await call('GET', '/api/v1/scheduler/status');
    expect(body).toMatchObject({ status: 'running', is_running: true });
    expect(body.jobs).toHaveLength(1);
    expect(body.jobs[0]).toMatchObject({ id: 'volume_analysis_job', name: 'Volume Analysis Batch Job' });
    expect(body.jobs[0].trigger).toBe('interval[0:02:00]');
    const next = Date.parse(body.jobs[0].next_run_time);
    expect(next).toBeGreaterThan(t0 + 110_000);
    expect(next).toBeLessThan(Date.now() + 121_000);
    expect(body.scheduler_config).toMatchObject({ interval_minutes: 2, max_instances: 1, coalesce: true, misfire_grace_time: 60 });
    expect((await call('POST', '/api/v1/scheduler/start?schedule_type=interval')).status).toBe(409);
    const stop = await call('POST', '/api/v1/scheduler/stop');
    expect(stop.status).toBe(200);
    expect(stop.body).toMatchObject({ status: 'success', message: 'Scheduler stopped successfully', is_running: false });
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
    expect(start.body.scheduler_config).toMatchObject({ schedule_type: 'cron', misfire_grace_time: 30 });
    expect(start.body).toMatchObject({ status: 'success', message: 'Scheduler started with cron schedule', schedule_type: 'cron' });
    expect((await call('POST', '/api/v1/scheduler/stop')).body.is_running).toBe(false);
  });

  it('run-manual produces a batch, served as latest, per pair and in the history', async () => {
    expect((await call('GET', '/api/v1/scanner/results/latest')).status).toBe(404);
    const { head, summary } = await runBatch('?top=12');
    // Seed 000's answer, at once: {success, timestamp, type: "manual"}; the batch id and where to read it are additions.
    expect(head).toMatchObject({ success: true, type: 'manual', batch_id: expect.any(String) });
    expect(Number.isNaN(Date.parse(head.timestamp))).toBe(false);
    expect(head).not.toHaveProperty('summary');
    const id = head.batch_id as string;
    expect(summary.batchId).toBe(id);
    expect(summary.pairs).toMatchObject({ requested: 12, ok: 12, failed: 0 });
    expect(summary.params.timeframe).toBe('1d');

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
    const btcFiles = summary.results.find((r: Json) => r.symbol === 'BTC/USDT').files;
    expect(btcFiles.chart).toMatch(/^btc_usdt_day1_\d{8}_\d{6}_chart\.html$/);
    expect(await report.text()).toContain(`href="${btcFiles.chart}"`);
    const chart = await fetch(`${base}/api/v1/scanner/files/${id}/${btcFiles.chart}`);
    expect(await chart.text()).toContain('src="../assets/echarts.min.js"');
    const withPng = summary.results.find((r: Json) => r.files?.png);
    const png = await fetch(`${base}/api/v1/scanner/files/${id}/${withPng.files.png}`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    const lib = await fetch(`${base}/api/v1/scanner/files/assets/echarts.min.js`);
    expect(lib.status).toBe(200);
    expect(Number((await lib.arrayBuffer()).byteLength)).toBeGreaterThan(500_000);
    expect((await fetch(`${base}/api/v1/scanner/files/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);

    // wait=true (an addition) answers when the batch is done, with its summary.
    const waited = await call('POST', '/api/v1/scheduler/run-manual?top=3&wait=true');
    expect(waited.body).toMatchObject({ success: true, type: 'manual', status: 'completed' });
    expect(waited.body.summary.pairs.requested).toBe(3);
    const hist = await call('GET', '/api/v1/scanner/batches');
    expect(hist.status).toBe(200);
    expect(hist.body.batches).toHaveLength(2);
    expect(hist.body.batches[1].batchId).toBe(id);
    expect(hist.body.batches[0].pairs.requested).toBe(3);
    expect((await call('GET', '/api/v1/scanner/batches?limit=0')).body.field).toBe('limit');
    expect((await call('POST', '/api/v1/scheduler/run-manual?timeframe=7x')).status).toBe(400);
  });

  it('run-manual does not block: the batch is 202 (running, with progress) until done; a second run meanwhile is 409', async () => {
    const run = await call('POST', '/api/v1/scheduler/run-manual?top=all');
    expect(run.status).toBe(200);
    // Every pair of the bundled data takes seconds; the next request arrives while the batch runs.
    const busy = await call('POST', '/api/v1/scheduler/run-manual');
    expect(busy.status).toBe(409);
    const progress = await call('GET', run.body.result_url);
    expect(progress.status).toBe(202);
    expect(progress.body).toMatchObject({ status: 'running', batch_id: run.body.batch_id, trigger: 'manual' });
    expect((await call('GET', '/api/v1/scheduler/status')).body).toMatchObject({ scan_in_progress: true, current_batch: { batch_id: run.body.batch_id } });
    let done: { status: number; body: Json } = progress;
    for (let i = 0; i < 600 && done.status === 202; i++) {
      await new Promise((r) => setTimeout(r, 200));
      done = await call('GET', run.body.result_url);
    }
    expect(done.status).toBe(200);
    expect(done.body.pairs.requested).toBeGreaterThan(100);
    expect((await call('GET', '/api/v1/scheduler/status')).body.scan_in_progress).toBe(false);
  }, 180_000);

  it('a started schedule actually runs batches (interval of 2 s)', async () => {
    const before = (await call('GET', '/api/v1/scanner/batches')).body.batches.length as number;
    expect((await call('POST', '/api/v1/scheduler/start?schedule_type=interval&interval_minutes=0.0334')).status).toBe(200);
    let latest: Json = {};
    for (let i = 0; i < 240; i++) {
      await new Promise((r) => setTimeout(r, 500));
      latest = (await call('GET', '/api/v1/scanner/results/latest')).body;
      if (latest.trigger === 'interval') break;
    }
    await call('POST', '/api/v1/scheduler/stop');
    expect(latest.trigger).toBe('interval');
    const st = (await call('GET', '/api/v1/scheduler/status')).body;
    expect(st.stats.runs).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/api/v1/scanner/batches')).body.batches.length).toBeGreaterThan(before);
  }, 180_000);
});
