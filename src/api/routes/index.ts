import type { RouteModule } from '../context.js';
import { signalRoutes } from './signals.js';
import { scannerRoutes } from './scanner.js';
import { analyzeRoutes } from './analyze.js';
import { mlRoutes } from './ml.js';
import { backtestRoutes } from './backtests.js';
import { trackerRoutes } from './tracker.js';
import { dashboardDataRoutes } from './dashboard-data.js';
import { dashboardRoutes } from './dashboard.js';
import { intelRoutes } from './intel.js';

/** Feature route modules served by `sextant serve`; each feature adds its module here. */
export const featureRoutes: RouteModule[] = [
  scannerRoutes,
  signalRoutes,
  analyzeRoutes,
  mlRoutes,
  backtestRoutes,
  trackerRoutes,
  dashboardDataRoutes,
  dashboardRoutes,
  intelRoutes,
];
