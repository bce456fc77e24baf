import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import { buildApp } from '../api/app.js';
import { featureRoutes } from '../api/routes/index.js';
import type { Services } from '../services/types.js';
import type { PipelineService } from '../services/pipeline/service.js';
import { availableParallelism } from 'node:os';
import { guardedStore } from './guarded-store.js';
import { startChartPool, stopChartPool } from '../infra/charts/pool.js';
import { installProcessGuard } from './process-guard.js';
import { wire, type WireOptions } from './wire.js';

export interface RunningServer {
  app: FastifyInstance;
  /** The wired services the routes use (the same object: tests read the store and bus from here). */
  ctx: Services;
  url: string;
  pipeline?: PipelineService;
  close(): Promise<void>;
}

export interface ServerOptions extends Pick<WireOptions, 'source' | 'store' | 'cache'> {
  logger?: boolean | object;
  /** Run the signal pipeline in the background (replay over the bundled history when offline). */
  pipeline?: boolean;
  /** Run the live market tracker (SPEC D) in the background. */
  tracker?: WireOptions['tracker'];
}

/** The HTTP app over already wired services: the routes get them, build nothing. */
export function httpApp(services: Services, logger?: boolean | object): Promise<FastifyInstance> {
  return buildApp({ ctx: requestContext(services), routes: featureRoutes, logger: logger ?? { level: services.config.logLevel } });
}

/**
 * The services as requests see them: the same objects, but the store bounded by
 * dependencyTimeoutMs (a database that is away answers 503 naming it). CLI commands and
 * background writers keep the store itself: an import or a large batch may rightly take longer.
 */
function requestContext(services: Services): Services {
  const store = guardedStore(() => services.store, services.store.kind, services.config.dependencyTimeoutMs);
  return Object.create(services, { store: { get: () => store, enumerable: true } }) as Services;
}

/** Wires the services, serves them and starts the background work; close() releases everything. */
export async function startServer(config: Config, opts: ServerOptions = {}): Promise<RunningServer> {
  let app: FastifyInstance | undefined;
  // A server outlives any one failure nobody caught: logged with its stack, counted on /health.
  installProcessGuard((kind, err) => (app ? app.log.error({ err }, `${kind} (the process keeps running)`) : process.stderr.write(`sextant: ${kind}: ${String(err)}\n`)));
  const services = await wire(config, {
    ...(opts.source ? { source: opts.source } : {}),
    ...(opts.store ? { store: opts.store } : {}),
    ...(opts.cache ? { cache: opts.cache } : {}),
    // Compute threads leave one core to the event loop: the background replay must never starve the API.
    pipeline: opts.pipeline ? { threads: Math.max(1, availableParallelism() - 1) } : false,
    ...(opts.tracker ? { tracker: opts.tracker } : {}),
    log: (level, msg, detail) => (level === 'error' ? app?.log.error({ err: detail }, msg) : app?.log.info({ detail }, msg)),
  });
  try {
    // Charts render on worker threads while serving: a burst of analyses must not stall the event loop.
    startChartPool(config.charts);
    app = await httpApp(services, opts.logger);
    const url = await app.listen({ host: config.server.host, port: config.server.port });
    // After listen: /health answers while the store opens and the background work starts.
    await services.start();
    const served = app;
    return {
      app: served,
      ctx: services,
      url,
      pipeline: services.pipeline,
      async close() {
        // Requests first, then what they use.
        await served.close();
        await services.stop();
        await stopChartPool();
      },
    };
  } catch (e) {
    await app?.close();
    await services.stop();
    await stopChartPool();
    throw e;
  }
}
