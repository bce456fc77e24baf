import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeatureCsv } from '../../src/core/ml/csv.js';
import { sextant } from '../helpers/cli.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { openSource } from '../../src/app/sources.js';
import { loadConfig } from '../../src/config/load.js';
import { loadCandles } from '../../src/services/candles.js';
import { buildDataset } from '../../src/services/ml/run.js';
import { parseFeatureSpec } from '../../src/core/features/spec.js';

// The real server process on a models folder holding XGBoost's golden models and a corrupt file.
const GOLDEN = join(import.meta.dirname, '..', '..', '..', 'shared', 'golden', 'xgboost');
const present = existsSync(GOLDEN);
if (!present && process.env.REQUIRE_SERVICES === '1') throw new Error(`REQUIRE_SERVICES=1 and ${GOLDEN} is missing`);
const dir = mkdtempSync(join(tmpdir(), 'sextant-api-ml-'));
let server: ServerProcess | undefined;
let base = '';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describe.skipIf(!present)(`ML HTTP API against the real server${present ? '' : ' (skipped: ../shared/golden/xgboost not found)'}`, () => {
  beforeAll(async () => {
    copyFileSync(join(GOLDEN, 'btcusdt-1h-clf.model.json'), join(dir, 'clf.json'));
    copyFileSync(join(GOLDEN, 'btcusdt-1h-reg.model.json'), join(dir, 'reg.json'));
    writeFileSync(join(dir, 'broken.json'), '{"learner": {');
    server = await startServerProcess({ env: { ML_MODELS_DIR: dir, SEXTANT_STORE__SQLITE_PATH: join(dir, 'store.db'), SEXTANT_AUTH__DISABLED: 'true' } });
    base = server.url;
  }, 150_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
    return { status: res.status, body: (await res.json()) as Json };
  };

  const table = () => parseFeatureCsv(readFileSync(join(GOLDEN, 'btcusdt-1h-features.csv'), 'utf8'));
  const rows = (n: number) => {
    const t = table();
    return Array.from({ length: n }, (_, r) => Object.fromEntries(t.names.map((f, k) => {
      const v = t.matrix.values[r * t.matrix.cols + k]!;
      return [f, Number.isNaN(v) ? null : v];
    })));
  };

  it('GET /api/v1/models lists every file; the corrupt one carries its error and the others work', async () => {
    const { status, body } = await call('GET', '/api/v1/models');
    expect(status).toBe(200);
    const byId = Object.fromEntries((body.models as Json[]).map((m) => [m.id, m]));
    expect(Object.keys(byId).filter((id) => !id.startsWith('btcusd-')).sort()).toEqual(['broken', 'clf', 'reg']);
    expect(byId.clf.origin).toBe('file');
    expect(byId.clf.ok).toBe(true);
    expect(byId.clf.objective).toBe('binary:logistic');
    expect(byId.clf.trees).toBe(40);
    expect(byId.broken.ok).toBe(false);
    expect(byId.broken.error).toMatch(/not JSON/);
    const one = await call('GET', '/api/v1/models/reg');
    expect(one.body.model.features).toHaveLength(10);
  });

  it('POST /api/v1/predict reproduces XGBoost predictions, margins and pred_contribs (rows with missing values included)', async () => {
    const exp = JSON.parse(readFileSync(join(GOLDEN, 'btcusdt-1h-expected.json'), 'utf8')) as { models: Record<string, { prediction: number[]; margin: number[]; contribs: number[][] }> };
    const input = rows(200);
    expect(input.some((r) => Object.values(r).includes(null))).toBe(true);
    for (const id of ['clf', 'reg']) {
      const { status, body } = await call('POST', '/api/v1/predict', { model: id, rows: input, contribs: true });
      expect(status).toBe(200);
      const e = exp.models[id]!;
      for (let i = 0; i < 200; i++) {
        expect(Math.abs(body.predictions[i] - e.prediction[i]!)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(body.margins[i] - e.margin[i]!)).toBeLessThanOrEqual(1e-6);
        (body.contribs[i] as number[]).forEach((c, k) => expect(Math.abs(c - e.contribs[i]![k]!)).toBeLessThanOrEqual(1e-5));
      }
    }
  });

  it('bad input: missing features -> 400 naming them; unknown model -> 404; corrupt model -> 400 with the reason', async () => {
    const partial = rows(1).map(({ ret_1: _a, hour: _b, ...rest }) => rest);
    let r = await call('POST', '/api/v1/predict', { model: 'clf', rows: partial });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/ret_1, hour/);
    expect(r.body.field).toBe('rows');
    r = await call('POST', '/api/v1/predict', { model: 'nope', rows: rows(1) });
    expect(r.status).toBe(404);
    r = await call('POST', '/api/v1/predict', { model: 'broken', rows: rows(1) });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/broken.*not JSON/);
    r = await call('POST', '/api/v1/predict', { rows: rows(1) });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('model');
    r = await call('POST', '/api/v1/predict', { model: 'clf', rows: [{ ...rows(1)[0], ret_1: 'x' }] });
    expect(r.status).toBe(400);
  });

  const poll = async (id: string) => {
    const seen: Json[] = [];
    for (let k = 0; k < 600; k++) {
      const r = await call('GET', `/api/v1/train/${id}`);
      expect(r.status).toBe(200);
      seen.push(r.body);
      if (r.body.status === 'done' || r.body.status === 'failed') return seen;
      await new Promise((res) => setTimeout(res, 250));
    }
    throw new Error(`training job ${id} did not finish: ${JSON.stringify(seen.at(-1))}`);
  };

  it('POST /api/v1/train runs a job on a thread: progress rises to 1, the model lands in the Store and scores like the CLI', async () => {
    const start = await call('POST', '/api/v1/train', { pair: 'BTC/USD', timeframe: '4h', engine: 'ts', rounds: 25, folds: 2 });
    expect(start.status).toBe(202);
    expect(start.body.url).toBe(`/api/v1/train/${start.body.id}`);
    // The server answers while the job runs: training is off the event loop.
    const health = await fetch(`${base}/health`);
    expect([200, 503]).toContain(health.status);
    const seen = await poll(start.body.id);
    const last = seen.at(-1)!;
    expect(last.status, JSON.stringify(last.error)).toBe('done');
    const progress = seen.map((j) => j.progress as number);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    const res = last.result as Json;
    expect(res.model).toMatch(/^btcusd-4h-[0-9a-f]{12}$/);
    expect(res.walkForward.folds).toHaveLength(2);
    // Out-of-sample figures come with both baselines, on the same test rows.
    expect(res.walkForward.model.n).toBeGreaterThan(100);
    expect(res.walkForward.majority.n).toBe(res.walkForward.model.n);
    expect(res.walkForward.previousBar.n).toBe(res.walkForward.model.n);
    expect(res.dataQuality.kept).toBe(res.bars);
    expect(res.dataQuality.outliers.threshold).toBeGreaterThan(0);

    const listed = (await call('GET', '/api/v1/models')).body.models as Json[];
    const mine = listed.find((m) => m.id === res.model)!;
    expect(mine).toMatchObject({ origin: 'store', ok: true, objective: 'binary:logistic' });
    const one = (await call('GET', `/api/v1/models/${res.model}`)).body.model as Json;
    expect(one.meta.walkForward.model.n).toBe(res.walkForward.model.n);
    expect(one.meta.data.bars).toBe(res.bars);

    // The same model id through the CLI (same Store) and through the API give the same scores.
    const cli = await sextant(['ml', 'predict', '--model', res.model, 'BTC/USD', '--tf', '4h', '--last', '3', '--contribs', '--json'],
      { ML_MODELS_DIR: dir, DATABASE_URL: '', SEXTANT_STORE__SQLITE_PATH: join(dir, 'store.db') });
    expect(cli.code, cli.stderr).toBe(0);
    const fromCli = JSON.parse(cli.stdout) as { predictions: number[]; contribs: number[][] };
    expect(fromCli.predictions).toHaveLength(3);
    // Rebuild the last 3 bars' feature rows here and score them through the API.
    const source = await openSource('replay', loadConfig({ env: {} }));
    const loaded = await loadCandles(source, { pair: 'BTC/USD', timeframe: '4h', limit: 1_000_000 });
    await source.close();
    const d = buildDataset(loaded.candles, parseFeatureSpec(one.meta.spec));
    const features = one.features as string[];
    const at = features.map((f) => d.names.indexOf(f));
    expect(at.every((k) => k >= 0)).toBe(true);
    const rowsOf = Array.from({ length: 3 }, (_, j) => {
      const r = d.x.rows - 3 + j;
      return Object.fromEntries(features.map((f, k) => {
        const v = d.x.values[r * d.x.cols + at[k]!]!;
        return [f, Number.isNaN(v) ? null : v];
      }));
    });
    const api = await call('POST', '/api/v1/predict', { model: res.model, rows: rowsOf, contribs: true });
    expect(api.status).toBe(200);
    for (let j = 0; j < 3; j++) {
      expect(api.body.predictions[j]).toBeGreaterThan(0);
      expect(api.body.predictions[j]).toBeLessThan(1);
      expect(Math.abs(api.body.predictions[j] - fromCli.predictions[j]!)).toBeLessThanOrEqual(1e-12);
      // TreeSHAP's local accuracy: the contributions sum to the margin.
      const sum = (fromCli.contribs[j] as number[]).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - api.body.margins[j])).toBeLessThan(1e-4);
    }
  }, 300_000);

  it('POST /api/v1/train: bad input is a 400 naming the field; a pair without data fails its job with the reason', async () => {
    let r = await call('POST', '/api/v1/train', { pair: 'BTC/USD', timeframe: 'x9' });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('timeframe');
    r = await call('POST', '/api/v1/train', { pair: 'BTC/USD', spec: { indicators: [{ name: 'NOPE' }] } });
    expect(r.status).toBe(400);
    expect(r.body.field).toMatch(/^spec\.indicators/);
    expect(r.body.message).toMatch(/NOPE/);
    r = await call('POST', '/api/v1/train', { pair: 'BTC/USD', rounds: 0 });
    expect([r.status, r.body.field]).toEqual([400, 'rounds']);
    r = await call('POST', '/api/v1/train', { pair: 'ZZZ/QQQ', timeframe: '4h', engine: 'ts', rounds: 5, folds: 1 });
    expect(r.status).toBe(202);
    const last = (await poll(r.body.id)).at(-1)!;
    expect(last.status).toBe('failed');
    expect(last.error.message).toMatch(/ZZZ\/QQQ/);
    expect((await call('GET', '/api/v1/train/no-such-job')).status).toBe(404);
  }, 120_000);
});
