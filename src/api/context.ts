import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config/schema.js';
import type { MarketSource } from '../sources/market/types.js';

/** What route modules get: config and the wired services. Routes stay thin. */
export interface AppContext {
  config: Config;
  source: MarketSource;
  /** Extra shared services attach here as they are built (store, cache, scheduler...). */
  services: Record<string, unknown>;
  startedAt: number;
}

export type RouteModule = FastifyPluginAsync<{ ctx: AppContext }>;
