import { parentPort, workerData } from 'node:worker_threads';
import { type SweepJob, runSweepChunk } from './sweep.js';

// One share of a sweep: runs it and posts the rows (or the error) back once.
runSweepChunk(workerData as SweepJob).then(
  (rows) => parentPort!.postMessage({ rows }),
  (e: unknown) => parentPort!.postMessage({ error: (e as Error).message }),
);
