import type { RouteModule } from '../context.js';

export const healthRoutes: RouteModule = async (app, { ctx }) => {
  const health = async () => ({
    status: 'ok',
    source: ctx.source.id,
    uptime_s: Math.round((Date.now() - ctx.startedAt) / 1000),
    degraded: typeof ctx.services['degraded'] === 'function' ? (ctx.services['degraded'] as () => string[])() : [],
  });
  app.get('/', { schema: { summary: 'Health', tags: ['ops'] } }, health);
  app.get('/health', { schema: { summary: 'Health', tags: ['ops'] } }, health);
};
