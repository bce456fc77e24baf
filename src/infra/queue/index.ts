export type { JobConsumer, JobQueue, QueuedJob, QueueLocation } from './types.js';
export { BullMqQueue, consumeBullMq, type RetryPolicy } from './bullmq.js';
