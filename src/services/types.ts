import type { Config } from '../config/schema.js';
import type { Clock } from '../kernel/clock.js';
import type { HealthStatus, ServiceHealth } from '../kernel/service.js';
import type { Cache } from '../infra/cache/types.js';
import type { Store } from '../infra/store/types.js';
import type { MarketSource } from '../sources/market/types.js';
import type { AnalysisService } from './analysis/service.js';
import type { SignalBus } from './pipeline/bus.js';
import type { PipelineService } from './pipeline/service.js';
import type { ScannerService } from './scanner/service.js';
import type { TrackerService } from './tracker/service.js';
import type { ModelRegistry } from './ml/registry.js';
import type { TrainJobs } from './ml/train-jobs.js';
import type { IntelService } from './intel/service.js';

export type { HealthStatus, Service, ServiceHealth } from '../kernel/service.js';

export interface HealthReport {
  status: HealthStatus;
  /** Every dependency by name with its own status and, when not ok, the reason. */
  dependencies: Record<string, ServiceHealth>;
}

/**
 * Everything one process runs, built once from the config by the composition root
 * (app/wire.ts) and handed to the HTTP routes and CLI commands, which never build
 * services or open connections themselves. Typed here, below api/, so routes can
 * depend on it without importing the app layer.
 */
export interface Services {
  readonly config: Config;
  readonly clock: Clock;
  readonly source: MarketSource;
  /** Opened on first use: a command that never touches the store never creates or connects to one. */
  readonly store: Store;
  readonly cache: Cache;
  readonly signalBus: SignalBus;
  readonly analysis: AnalysisService;
  readonly scanner: ScannerService;
  /** SPEC E's multi-modal intelligence signal. */
  readonly intel: IntelService;
  /** Present when the signal pipeline runs in this process. */
  readonly pipeline: PipelineService | undefined;
  /** Present when the live market tracker runs in this process (`serve --tracker`). */
  readonly tracker: TrackerService | undefined;
  /** Trained models: the Store's plus the model folder's. */
  readonly models: ModelRegistry;
  /** Training jobs on worker threads (POST /api/v1/train). */
  readonly training: TrainJobs;
  /** Clock time at wiring, for uptime. */
  readonly startedAt: number;
  /** Asks every dependency at once; `down` only when one the process cannot work without is down. */
  health(): Promise<HealthReport>;
  /** Starts what runs in the background (the pipeline when asked for). */
  start(): Promise<void>;
  /** Stops and closes everything, in the reverse order of wiring; safe to call twice. */
  stop(): Promise<void>;
}
