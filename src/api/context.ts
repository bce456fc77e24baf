import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services/types.js';

/**
 * What route modules get: the typed services the composition root built. Routes parse,
 * call a service and shape the answer; they never build services or open connections.
 */
export type AppContext = Services;

export type RouteModule = FastifyPluginAsync<{ ctx: AppContext }>;
