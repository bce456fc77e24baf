import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import { buildApp } from '../api/app.js';
import type { AppContext } from '../api/context.js';
import { featureRoutes } from '../api/routes/index.js';
import { openSource } from './sources.js';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
}

/** Wires source and services into the HTTP app and listens; close() releases everything. */
export async function startServer(config: Config, opts: { logger?: boolean | object } = {}): Promise<RunningServer> {
  const source = await openSource(config.source, config);
  const ctx: AppContext = { config, source, services: {}, startedAt: Date.now() };
  const app = await buildApp({ ctx, routes: featureRoutes, logger: opts.logger ?? { level: config.logLevel } });
  const address = await app.listen({ host: config.server.host, port: config.server.port });
  const closers = ctx.services['closers'] as (() => Promise<void>)[] | undefined;
  return {
    app,
    ctx,
    url: address,
    async close() {
      await app.close();
      for (const c of closers ?? []) await c();
      await source.close();
    },
  };
}
