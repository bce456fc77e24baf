import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeatureCsv } from '../../src/core/ml/csv.js';

// The real server process on a models folder holding XGBoost's golden models and a corrupt file.
const GOLDEN = join(import.meta.dirname, '..', '..', '..', 'shared', 'golden', 'xgboost');
const present = existsSync(GOLDEN);
if (!present && process.env.REQUIRE_SERVICES === '1') throw new Error(`REQUIRE_SERVICES=1 and ${GOLDEN} is missing`);
const dir = mkdtempSync(join(tmpdir(), 'sextant-api-ml-'));
let server: ChildProcess;
let base = '';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describe.skipIf(!present)(`ML HTTP API against the real server${present ? '' : ' (skipped: ../shared/golden/xgboost not found)'}`, () => {
  beforeAll(async () => {
    copyFileSync(join(GOLDEN, 'btcusdt-1h-clf.model.json'), join(dir, 'clf.json'));
    copyFileSync(join(GOLDEN, 'btcusdt-1h-reg.model.json'), join(dir, 'reg.json'));
    writeFileSync(join(dir, 'broken.json'), '{"learner": {');
    server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], {
      env: { ...process.env, ML_MODELS_DIR: dir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    server.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Sextant API on (http:\/\/\S+?)[\s(]/.exec(out);
        if (m) resolve(m[1]!);
      });
      server.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
      setTimeout(() => reject(new Error(`server did not start: ${out} ${err}`)), 90_000);
    });
  }, 120_000);

  afterAll(() => {
    server?.kill('SIGTERM');
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
    expect(Object.keys(byId).sort()).toEqual(['broken', 'clf', 'reg']);
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
});
