/**
 * A durable job queue shared by processes: the scale-out path of work that one process
 * otherwise does itself (candles of the signal pipeline). Jobs carry their own id, so
 * adding a job that is already queued or done is a no-op.
 */
export interface QueuedJob<T> {
  id: string;
  data: T;
}

export interface JobQueue<T> {
  add(jobs: readonly QueuedJob<T>[]): Promise<void>;
  /** Resolves once no job is waiting, running or scheduled for a retry. */
  drain(): Promise<void>;
  /** Jobs that used up their attempts. */
  failed(): Promise<number>;
  /** Removes the queue and every job in it (tests, resets). */
  obliterate(): Promise<void>;
  close(): Promise<void>;
}

/** The processing side: runs `handler` on each job, retried by the queue when it throws. */
export interface JobConsumer {
  close(): Promise<void>;
}

export interface QueueLocation {
  redisUrl: string;
  name: string;
  /** Key prefix: the deployment's namespace, so two deployments on one Redis never share jobs. */
  prefix?: string;
}
