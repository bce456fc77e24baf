import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { RouteModule } from '../context.js';
import { HttpError, parseWith } from '../errors.js';
import { parsePair } from '../../core/types.js';
import { parseTimeframe } from '../../core/timeframes.js';
import { ScanBusyError, type ScannerService } from '../../services/scanner/service.js';

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

const startQuery = z.strictObject({
  schedule_type: z.enum(['interval', 'cron']).default('interval'),
  interval_minutes: z.coerce.number().positive().max(7 * 24 * 60).optional(),
  cron: z.string().min(1).optional(),
  coalesce: boolParam.optional(),
  misfire_grace_time: z.coerce.number().min(0).max(86_400).optional(),
});

const runQuery = z.strictObject({
  top: z.union([z.literal('all'), z.coerce.number().int().min(1).max(100_000)]).optional(),
  timeframe: z.string().optional(),
  periods: z.coerce.number().int().min(1).max(5000).optional(),
  /** latest (default): alerts for each pair's latest closed candle; all: every alert-level spike scanned. */
  alerts: z.enum(['latest', 'all']).optional(),
  /** Sextant's addition: wait for the batch and answer with its summary (the seed answers at once). */
  wait: boolParam.optional(),
});

const batchesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(50) });
const pairQuery = z.strictObject({ batch: z.string().optional() });

export const scannerRoutes: RouteModule = async (app, { ctx }) => {
  const svc = ctx.scanner;
  const status = () => ({ ...svc.scheduler.status(), scan_in_progress: svc.scanning, current_batch: svc.running ? runningView(svc.running) : null });

  // Seed 000 answers start/stop with {status: "success", message, ...}; the scheduler's state follows as additions.
  app.post('/api/v1/scheduler/start', { schema: { summary: 'Start the scheduled scan (interval or cron)', tags: ['scanner'] } }, async (req) => {
    const q = parseWith(startQuery, req.query);
    if (svc.scheduler.running) throw new HttpError(409, 'scheduler is already running; POST /api/v1/scheduler/stop first to change its schedule');
    try {
      svc.scheduler.start({
        type: q.schedule_type,
        ...(q.interval_minutes !== undefined ? { intervalMinutes: q.interval_minutes } : {}),
        ...(q.cron !== undefined ? { cron: q.cron } : {}),
        ...(q.coalesce !== undefined ? { coalesce: q.coalesce } : {}),
        ...(q.misfire_grace_time !== undefined ? { misfireGraceSeconds: q.misfire_grace_time } : {}),
      });
    } catch (e) {
      if (e instanceof RangeError) throw new HttpError(400, e.message, e.message.split(':')[0]);
      throw e;
    }
    return { ...status(), status: 'success', message: `Scheduler started with ${q.schedule_type} schedule`, schedule_type: q.schedule_type };
  });

  app.post('/api/v1/scheduler/stop', { schema: { summary: 'Stop the scheduled scan', tags: ['scanner'] } }, async () => {
    const was = svc.scheduler.running;
    svc.scheduler.stop();
    return { ...status(), status: 'success', message: was ? 'Scheduler stopped successfully' : 'Scheduler was not running', was_running: was };
  });

  app.get('/api/v1/scheduler/status', { schema: { summary: 'Scheduler state, jobs with next run time and trigger, config', tags: ['scanner'] } }, async () => status());

  app.post('/api/v1/scheduler/run-manual', { schema: { summary: 'Start one scan batch now; answers at once with its batch id (wait=true: when it ends, with its summary)', tags: ['scanner'] } }, async (req) => {
    const q = parseWith(runQuery, req.query);
    const over = { top: q.top, periods: q.periods, timeframe: q.timeframe ? parseTimeframe(q.timeframe) : undefined, alertScope: q.alerts };
    let batch;
    try {
      batch = svc.begin('manual', over);
    } catch (e) {
      if (e instanceof ScanBusyError) throw new HttpError(409, e.message);
      throw e;
    }
    const head = { success: true, timestamp: batch.startedAt, type: 'manual', batch_id: batch.batchId, result_url: `/api/v1/scanner/batches/${batch.batchId}` };
    if (!q.wait) {
      // Nobody awaits the batch here: its failure is kept for GET /api/v1/scanner/batches/:id.
      batch.done.catch(() => undefined);
      return head;
    }
    const run = await batch.done;
    return { ...head, status: 'completed', alerts_sent: run.sent, sink_errors: run.sinkErrors, pruned: run.pruned, summary: run.summary };
  });

  app.get('/api/v1/scanner/results/latest', { schema: { summary: 'Summary of the latest batch', tags: ['scanner'] } }, async () => {
    const s = await svc.latest();
    if (!s) throw new HttpError(404, 'no scan batch yet: POST /api/v1/scheduler/run-manual runs one');
    return s;
  });

  app.get<{ Params: { pair: string } }>('/api/v1/scanner/results/:pair', { schema: { summary: "A pair's result (latest batch, or ?batch=<id>)", tags: ['scanner'] } }, async (req) => {
    const { batch } = parseWith(pairQuery, req.query);
    const symbol = parsePair(req.params.pair);
    const r = await svc.pair(symbol, batch);
    if (!r) throw new HttpError(404, batch ? `no result for ${symbol} in batch ${batch}` : `no result for ${symbol} in the latest batch`, 'pair');
    return r;
  });

  app.get('/api/v1/scanner/batches', { schema: { summary: 'History of batches, newest first', tags: ['scanner'] } }, async (req) => {
    const { limit } = parseWith(batchesQuery, req.query);
    return { batches: await svc.batches(limit) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/scanner/batches/:id', { schema: { summary: 'One batch summary (202 with progress while it runs)', tags: ['scanner'] } }, async (req, reply) => {
    const id = req.params.id;
    const now = svc.running;
    if (now?.batchId === id) return reply.code(202).send(runningView(now));
    const failed = svc.failure(id);
    if (failed) throw new HttpError(500, `batch ${id} failed: ${failed}`);
    const s = await svc.summary(id);
    if (!s) throw new HttpError(404, `no batch ${id}`, 'id');
    return s;
  });

  // The batch's files as written on disk; their relative links (the pair files next to
  // report.html, ../assets/echarts.min.js) resolve under this prefix as they do on disk.
  app.get<{ Params: { '*': string } }>('/api/v1/scanner/files/*', { schema: { summary: 'Report, charts, PNGs and JSON files of the batches (e.g. <batch-id>/report.html, <batch-id>/btc_usdt_day1_20240409_101500_report.html)', tags: ['scanner'] } }, async (req, reply) => {
    const file = resolve(svc.root, req.params['*']);
    if (!file.startsWith(svc.root + sep) || !existsSync(file) || !statSync(file).isFile()) throw new HttpError(404, `no file ${req.params['*']}`);
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    return reply.type(type).send(createReadStream(file));
  });
};

function runningView(b: NonNullable<ScannerService['running']>) {
  return { status: 'running', batch_id: b.batchId, trigger: b.trigger, started_at: b.startedAt, pairs_done: b.pairsDone, pairs_total: b.pairsTotal };
}

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};
