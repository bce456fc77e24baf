import { z } from 'zod';
import type { RouteModule } from '../context.js';
import { parseWith } from '../errors.js';
import { dateField, pairField, timeframeField } from '../../config/zod.js';
import { DEFAULT_SPEC_DOC, FeatureSpecError, parseFeatureSpec } from '../../core/features/spec.js';
import { InputError } from '../../errors.js';
import { checkParams, DEFAULT_WALK_FORWARD } from '../../services/ml/run.js';

const predictBody = z.strictObject({
  model: z.string({ error: 'required: a model id from GET /api/v1/models' }).min(1, 'must not be empty'),
  rows: z.array(z.record(z.string(), z.number({ error: 'feature values must be numbers or null' }).nullable()), { error: 'required: a list of {feature: value} objects' })
    .min(1, 'must hold at least one row').max(100_000, 'at most 100000 rows per request'),
  contribs: z.boolean({ error: 'must be true or false' }).default(false),
});

const date = dateField();

const trainBody = z.strictObject({
  pair: pairField(z.string({ error: 'required: a pair such as BTC/USD' })),
  timeframe: timeframeField(z.string().default('4h')),
  /** The feature spec as a JSON object (the YAML spec's structure); default: the built-in spec. */
  spec: z.record(z.string(), z.unknown()).optional(),
  engine: z.enum(['auto', 'ts', 'xgboost'], { error: 'must be auto, ts or xgboost' }).default('auto'),
  rounds: z.number().int('must be an integer').min(1, 'must be from 1 to 100000').max(100_000, 'must be from 1 to 100000').default(300),
  depth: z.number().int('must be an integer').min(1, 'must be from 1 to 16').max(16, 'must be from 1 to 16').default(4),
  eta: z.number().gt(0, 'must be in (0, 1]').max(1, 'must be in (0, 1]').default(0.05),
  folds: z.number().int('must be an integer').min(1, 'must be from 1 to 100').max(100, 'must be from 1 to 100').default(DEFAULT_WALK_FORWARD.folds),
  test_fraction: z.number().min(0.01, 'must be from 0.01 to 0.9').max(0.9, 'must be from 0.01 to 0.9').default(DEFAULT_WALK_FORWARD.testFraction),
  embargo: z.number().int('must be an integer').min(0, 'must be from 0 to 100000').max(100_000, 'must be from 0 to 100000').default(DEFAULT_WALK_FORWARD.embargo),
  mode: z.enum(['expanding', 'rolling'], { error: 'must be expanding or rolling' }).default('expanding'),
  since: date.optional(),
  until: date.optional(),
});

/**
 * ML (SPEC F): models are listed from the Store and the model folder; training runs as a job
 * on a worker thread (POST /api/v1/train, then GET /api/v1/train/{id} for progress and the
 * model id); predictions score rows given as {feature: value}.
 */
export const mlRoutes: RouteModule = async (app, { ctx }) => {
  const { models, training } = ctx;
  app.get('/api/v1/models', { schema: { summary: 'Trained models (Store and model folder)', tags: ['ml'] } }, async () => ({
    status: 'success', models: (await models.list()).map(({ meta: _meta, ...m }) => m),
  }));
  app.get<{ Params: { id: string } }>('/api/v1/models/:id', { schema: { summary: 'One model: features, trees, spec, data range, walk-forward metrics', tags: ['ml'] } }, async (req) => ({
    status: 'success', model: await models.summary(req.params.id),
  }));
  app.post('/api/v1/predict', { schema: { summary: 'Score feature rows with a model (optional TreeSHAP contributions)', tags: ['ml'] } }, async (req) => {
    const body = parseWith(predictBody, req.body);
    return { status: 'success', ...(await models.predict(body.model, body.rows, body.contribs)) };
  });
  app.post('/api/v1/train', { schema: { summary: 'Start a training job: walk-forward evaluation, then the final model saved to the Store', tags: ['ml'] } }, async (req, reply) => {
    const b = parseWith(trainBody, req.body ?? {});
    const specDoc = b.spec ?? DEFAULT_SPEC_DOC;
    // Spec and parameters are checked now, so a typo is a 400 naming it, not a failed job.
    try {
      parseFeatureSpec(specDoc);
    } catch (e) {
      if (e instanceof FeatureSpecError) throw new InputError(e.message, e.field ? `spec.${e.field}` : 'spec');
      throw e;
    }
    const params = checkParams({ nRounds: b.rounds, maxDepth: b.depth, learningRate: b.eta });
    const job = training.submit({
      pair: b.pair, timeframe: b.timeframe, specDoc, params, engine: b.engine,
      wf: { folds: b.folds, testFraction: b.test_fraction, embargo: b.embargo, mode: b.mode },
      ...(b.since !== undefined ? { since: b.since } : {}), ...(b.until !== undefined ? { until: b.until } : {}),
    });
    return reply.status(202).send({ id: job.id, status: job.status, progress: job.progress, url: `/api/v1/train/${job.id}` });
  });
  app.get<{ Params: { id: string } }>('/api/v1/train/:id', { schema: { summary: 'A training job: status, progress, stage, result (model id, walk-forward metrics, data quality) or error', tags: ['ml'] } }, async (req) => training.get(req.params.id));
};
