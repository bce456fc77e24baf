export { type Clock, LiveClock, SimulatedClock } from './clock.js';
export { EventLoop, SubscriberError, type EventFeed, type EventHandler, type OutputHandler, type RunOptions, type RunStats } from './loop.js';
export type { Detector, KernelContext, KernelOutput, Strategy } from './ports.js';
export { Batcher } from './batcher.js';
export { overallStatus, type HealthStatus, type Service, type ServiceHealth } from './service.js';
