import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import { buildApp } from '../api/app.js';
import type { AppContext } from '../api/context.js';
import { featureRoutes } from '../api/routes/index.js';
import { parseTimeframe } from '../core/timeframes.js';
import { normalizeSymbol } from '../sources/market/types.js';
import { openSource } from './sources.js';
import { storeFromConfig } from './store.js';
import { LocalSignalBus, RedisSignalBus, type SignalBus } from '../services/pipeline/bus.js';
import { PipelineService, parseSeriesList } from '../services/pipeline/service.js';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  pipeline?: PipelineService;
  close(): Promise<void>;
}

export interface ServerOptions {
  logger?: boolean | object;
  /** Run the signal pipeline in the background (replay over the bundled history when offline). */
  pipeline?: boolean;
}

/** Wires source, store, bus and services into the HTTP app and listens; close() releases everything. */
export async function startServer(config: Config, opts: ServerOptions = {}): Promise<RunningServer> {
  const source = await openSource(config.source, config);
  const store = await storeFromConfig(config);
  const bus: SignalBus = config.redisUrl ? new RedisSignalBus(config.redisUrl) : new LocalSignalBus();
  const closers: (() => Promise<void>)[] = [];
  const ctx: AppContext = { config, source, services: { store, signalBus: bus, closers }, startedAt: Date.now() };

  let pipeline: PipelineService | undefined;
  if (opts.pipeline) {
    const p = config.pipeline;
    pipeline = new PipelineService({
      source,
      store,
      bus,
      series: parseSeriesList(p.symbols.map((s) => normalizeSymbol(s)), p.timeframes.map(parseTimeframe)),
      replay: source.id === 'replay',
      since: Date.parse(p.replaySince),
      window: p.window,
      pollMs: p.pollMs,
      redisUrl: config.redisUrl,
      useQueue: p.useQueue,
      queueName: p.queueName,
    });
    ctx.services['degraded'] = () => pipeline!.pipeline.degraded();
    ctx.services['pipeline'] = pipeline;
  }

  const app = await buildApp({ ctx, routes: featureRoutes, logger: opts.logger ?? { level: config.logLevel } });
  const address = await app.listen({ host: config.server.host, port: config.server.port });
  if (pipeline) {
    const run = source.id === 'replay' ? pipeline.runReplay() : pipeline.runLive();
    run.then(
      (r) => app.log.info({ pipeline: r }, 'signal pipeline finished the replay'),
      (err: Error) => app.log.error({ err }, 'signal pipeline stopped'),
    );
  }
  return {
    app,
    ctx,
    url: address,
    pipeline,
    async close() {
      pipeline?.stop();
      await app.close();
      await pipeline?.close();
      for (const c of closers) await c();
      await bus.close();
      await store.close();
      await source.close();
    },
  };
}
