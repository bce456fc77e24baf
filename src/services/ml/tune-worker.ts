import { parentPort, workerData } from 'node:worker_threads';
import type { Candles } from '../../core/series.js';
import { sliceCandles } from '../../core/series.js';
import { parseFeatureSpec } from '../../core/features/spec.js';
import { evaluate, type Engine, type WalkForwardSettings } from './run.js';
import type { TuneTask, TuneReply } from './tune.js';

/** A tuning thread: holds the candles once, evaluates one candidate per message. */
const { candles, specDoc, engine, wf } = workerData as { candles: Candles; specDoc: unknown; engine: Engine; wf: WalkForwardSettings };
const spec = parseFeatureSpec(specDoc);
const port = parentPort!;

port.on('message', (t: TuneTask) => {
  let reply: TuneReply;
  try {
    const { report } = evaluate(sliceCandles(candles, 0, t.bars), spec, t.params, engine, wf);
    reply = { id: t.id, metrics: report.model, majority: report.majority, meanTrees: report.folds.reduce((a, f) => a + f.rounds, 0) / report.folds.length };
  } catch (e) {
    reply = { id: t.id, error: (e as Error).message.split('\n')[0]! };
  }
  port.postMessage(reply);
});
