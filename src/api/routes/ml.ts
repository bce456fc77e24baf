import { z } from 'zod';
import type { RouteModule } from '../context.js';
import { parseWith } from '../errors.js';
import { modelRegistry } from '../../services/ml/registry.js';

const predictBody = z.strictObject({
  model: z.string({ error: 'required: a model id from GET /api/v1/models' }).min(1, 'must not be empty'),
  rows: z.array(z.record(z.string(), z.number({ error: 'feature values must be numbers or null' }).nullable()), { error: 'required: a list of {feature: value} objects' })
    .min(1, 'must hold at least one row').max(100_000, 'at most 100000 rows per request'),
  contribs: z.boolean({ error: 'must be true or false' }).default(false),
});

/**
 * ML models (SPEC F): GET /api/v1/models, GET /api/v1/models/:id, POST /api/v1/predict.
 * The registry reads artefacts from ML_MODELS_DIR (default ./models); a corrupt file shows
 * up in the list with its error and does not affect the others.
 */
export const mlRoutes: RouteModule = async (app) => {
  const models = modelRegistry();
  app.get('/api/v1/models', async () => ({ status: 'success', models: models.list().map(({ meta: _meta, ...m }) => m) }));
  app.get<{ Params: { id: string } }>('/api/v1/models/:id', async (req) => ({ status: 'success', model: models.summary(req.params.id) }));
  app.post('/api/v1/predict', async (req) => {
    const body = parseWith(predictBody, req.body);
    return { status: 'success', ...models.predict(body.model, body.rows, body.contribs) };
  });
};
