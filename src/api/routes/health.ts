import type { FastifyReply } from 'fastify';
import type { RouteModule } from '../context.js';
import { processFaults } from '../../infra/process-faults.js';

/**
 * ok, degraded (answers, with less: e.g. the cache's Redis is away) or down (HTTP 503:
 * a dependency it cannot work without is away), with every dependency and its reason, and
 * the failures nothing caught (counted by the process guard: each one is a bug).
 */
export const healthRoutes: RouteModule = async (app, { ctx }) => {
  const health = async (_req: unknown, reply: FastifyReply) => {
    const report = await ctx.health();
    if (report.status === 'down') void reply.status(503);
    const pipeline = report.dependencies['pipeline']?.details?.['degraded'];
    const faults = processFaults();
    return {
      status: report.status,
      source: ctx.source.id,
      uptime_s: Math.round((ctx.clock.now() - ctx.startedAt) / 1000),
      // Pipeline series that keep failing, by name (kept at the top level for existing clients).
      degraded: Array.isArray(pipeline) ? pipeline : [],
      dependencies: report.dependencies,
      process: {
        unhandled_rejections: faults.unhandledRejections,
        uncaught_exceptions: faults.uncaughtExceptions,
        ...(faults.last ? { last_fault: faults.last } : {}),
      },
    };
  };
  app.get('/health', { schema: { summary: 'Health: status ok | degraded | down, each dependency with its reason', tags: ['ops'] } }, health);
};
