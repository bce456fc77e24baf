import type { RouteModule } from '../app.js';

/** Feature route modules served by `sextant serve`; each feature adds its module here. */
export const featureRoutes: RouteModule[] = [];
