import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { RouteModule } from '../context.js';
import { HttpError, parseWith } from '../errors.js';
import { parsePair } from '../../core/types.js';
import { parseTimeframe } from '../../core/timeframes.js';
import { ScanBusyError } from '../../services/scanner/service.js';

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
});

const batchesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(50) });
const pairQuery = z.strictObject({ batch: z.string().optional() });

export const scannerRoutes: RouteModule = async (app, { ctx }) => {
  const svc = ctx.scanner;
  const status = () => ({ ...svc.scheduler.status(), scan_in_progress: svc.scanning });

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
    return { status: 'started', ...status() };
  });

  app.post('/api/v1/scheduler/stop', { schema: { summary: 'Stop the scheduled scan', tags: ['scanner'] } }, async () => {
    const was = svc.scheduler.running;
    svc.scheduler.stop();
    return { status: was ? 'stopped' : 'not_running', ...status() };
  });

  app.get('/api/v1/scheduler/status', { schema: { summary: 'Scheduler state, jobs with next run time and trigger, config', tags: ['scanner'] } }, async () => status());

  app.post('/api/v1/scheduler/run-manual', { schema: { summary: 'Run one scan batch now and return its summary', tags: ['scanner'] } }, async (req) => {
    const q = parseWith(runQuery, req.query);
    try {
      const run = await svc.run('manual', {
        top: q.top, periods: q.periods, timeframe: q.timeframe ? parseTimeframe(q.timeframe) : undefined,
      });
      return { status: 'completed', batch_id: run.summary.batchId, alerts_sent: run.sent, sink_errors: run.sinkErrors, summary: run.summary };
    } catch (e) {
      if (e instanceof ScanBusyError) throw new HttpError(409, e.message);
      throw e;
    }
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

  app.get<{ Params: { id: string } }>('/api/v1/scanner/batches/:id', { schema: { summary: 'One batch summary', tags: ['scanner'] } }, async (req) => {
    const s = await svc.summary(req.params.id);
    if (!s) throw new HttpError(404, `no batch ${req.params.id}`, 'id');
    return s;
  });

  // The batch's HTML report and charts as written on disk; their relative links
  // (charts/…, ../../assets/echarts.min.js) resolve under this prefix as they do on disk.
  app.get<{ Params: { '*': string } }>('/api/v1/scanner/files/*', { schema: { summary: 'Report, charts and JSON files of the batches (e.g. <batch-id>/report.html)', tags: ['scanner'] } }, async (req, reply) => {
    const file = resolve(svc.root, req.params['*']);
    if (!file.startsWith(svc.root + sep) || !existsSync(file) || !statSync(file).isFile()) throw new HttpError(404, `no file ${req.params['*']}`);
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    return reply.type(type).send(createReadStream(file));
  });
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};
