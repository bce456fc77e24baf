import { parentPort, workerData } from 'node:worker_threads';
import type { Candles } from '../../core/series.js';
import { trainModel, type TrainRequest } from './run.js';
import type { TrainWorkerMessage } from './train-jobs.js';

/**
 * One training run in its own thread: walk-forward and the final model take seconds to
 * minutes of CPU, which on the main thread would stall every HTTP request meanwhile.
 */
const { candles, request } = workerData as { candles: Candles; request: TrainRequest };
const port = parentPort!;
const send = (m: TrainWorkerMessage) => port.postMessage(m);

try {
  const out = await trainModel(candles, request, (p) => send({ type: 'progress', progress: p }));
  const wf = out.walkForward;
  send({
    type: 'done', artefact: out.artefact, engine: out.engine, trees: out.trees, trainRows: out.trainRows,
    ...(wf ? { walkForward: { folds: wf.folds, model: wf.model, majority: wf.majority, previousBar: wf.previousBar } } : {}),
    ...(out.importance ? { importance: out.importance } : {}),
    ...(out.trading ? { trading: out.trading } : {}),
  });
} catch (e) {
  const err = e as Error & { field?: string; code?: string };
  send({ type: 'error', message: err.message.split('\n')[0]!, ...(err.field ? { field: err.field } : {}), ...(err.code === 'bad_input' ? { badInput: true } : {}) });
}
