import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sextant } from '../helpers/cli.js';
import { SHARED_GOLDEN } from '../helpers/paths.js';
import { requires } from '../helpers/requires.js';

const tmp = mkdtempSync(join(tmpdir(), 'sextant-ml-'));
const GOLDEN = join(SHARED_GOLDEN, 'xgboost');
const hasGolden = await requires('shared:golden/xgboost');
const SMALL = ['BTC/USD', '--tf', '4h', '--since', '2022-06-01', '--folds', '2', '--rounds', '60', '--engine', 'ts'];

describe('sextant ml (offline, bundled Coinbase BTC-USD 4h)', { timeout: 240_000 }, () => {
  it('evaluate --json: pooled out-of-sample metrics with both baselines on the same rows', async () => {
    const r = await sextant(['ml', 'evaluate', ...SMALL, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { folds: unknown[]; model: { n: number; logLoss: number; auc: number }; baselines: Record<string, { n: number; accuracy: number }> };
    expect(out.folds).toHaveLength(2);
    expect(out.model.n).toBeGreaterThan(1000);
    expect(out.baselines.majority!.n).toBe(out.model.n);
    expect(out.baselines.previousBar!.n).toBe(out.model.n);
    expect(out.model.logLoss).toBeGreaterThan(0.6);
    expect(out.model.logLoss).toBeLessThan(0.75);
  });

  it('train writes a versioned artefact; predict on the pair gives predictions, margins and contributions that sum to them', async () => {
    const file = join(tmp, 'm.json');
    const t = await sextant(['ml', 'train', ...SMALL, '--out', file]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/majority class/);
    expect(t.stdout).toMatch(/previous bar/);
    const art = JSON.parse(readFileSync(file, 'utf8')) as { format: string; version: number; id: string; featureNames: string[]; walkForward: unknown; model: { learner: unknown } };
    expect(art.format).toBe('sextant-ml-model');
    expect(art.version).toBe(1);
    expect(art.walkForward).toBeDefined();
    const p = await sextant(['ml', 'predict', 'BTC/USD', '--tf', '4h', '--model', file, '--last', '3', '--contribs', '--json']);
    expect(p.code).toBe(0);
    const out = JSON.parse(p.stdout) as { predictions: number[]; margins: number[]; contribs: number[][] };
    expect(Object.keys(out)).toEqual(['predictions', 'margins', 'contribs']);
    expect(out.predictions).toHaveLength(3);
    out.contribs.forEach((row, i) => {
      expect(row).toHaveLength(art.featureNames.length + 1);
      expect(Math.abs(row.reduce((s, v) => s + v, 0) - out.margins[i]!)).toBeLessThan(1e-5);
      expect(out.predictions[i]).toBeCloseTo(1 / (1 + Math.exp(-out.margins[i]!)), 6);
    });
  });

  it.runIf(hasGolden)('predict --input on the golden XGBoost model and CSV reproduces XGBoost', async () => {
    const r = await sextant(['ml', 'predict', '--model', join(GOLDEN, 'btcusdt-1h-clf.model.json'), '--input', join(GOLDEN, 'btcusdt-1h-features.csv'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { predictions: number[]; margins: number[]; contribs?: unknown };
    const exp = JSON.parse(readFileSync(join(GOLDEN, 'btcusdt-1h-expected.json'), 'utf8')) as { models: { clf: { prediction: number[] } } };
    expect(out.contribs).toBeUndefined();
    expect(out.predictions).toHaveLength(exp.models.clf.prediction.length);
    out.predictions.forEach((p, i) => expect(Math.abs(p - exp.models.clf.prediction[i]!)).toBeLessThanOrEqual(1e-6));
  });

  it('bad input: unknown indicator or parameter in the spec, missing features, corrupt model -> one line, exit != 0', async () => {
    const spec = join(tmp, 'bad.yaml');
    writeFileSync(spec, 'indicators:\n  - name: RSI\n    params: { period: 14 }\n');
    let r = await sextant(['ml', 'evaluate', ...SMALL, '--spec', spec]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown parameter "period"/);
    writeFileSync(spec, 'indicators:\n  - name: FOOBAR\n');
    r = await sextant(['ml', 'evaluate', ...SMALL, '--spec', spec]);
    expect(r.stderr).toMatch(/unknown indicator "FOOBAR"/);

    const csv = join(tmp, 'f.csv');
    writeFileSync(csv, 'timestamp,ret_1,ret_2\n1,0.1,0.2\n');
    const model = join(tmp, 'corrupt.json');
    writeFileSync(model, '{"learner": {"learner_model_param": ');
    r = await sextant(['ml', 'predict', '--model', model, '--input', csv, '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/model: .*not JSON/);
    if (hasGolden) {
      r = await sextant(['ml', 'predict', '--model', join(GOLDEN, 'btcusdt-1h-reg.model.json'), '--input', csv, '--json']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/lacks: ret_4, ret_8, ret_16, ret_32, vol_24, vz_24, range, hour/);
    }
  });
});
