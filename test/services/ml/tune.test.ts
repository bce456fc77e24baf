import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC_DOC, parseFeatureSpec } from '../../../src/core/features/spec.js';
import { sliceCandles } from '../../../src/core/series.js';
import { checkParams, evaluate } from '../../../src/services/ml/run.js';
import { gridCandidates, parseGrid, type TuneReport } from '../../../src/services/ml/tune.js';
import { lowerBound } from '../../../src/core/series.js';
import { sextant } from '../../helpers/cli.js';
import { btc4h } from '../../core/ml/candles.js';

describe('hyperparameter search on worker threads (real BTC-USD 4h)', () => {
  const base = checkParams({ nRounds: 40, learningRate: 0.1 });

  it('grid syntax: aliases, every combination in order, seeded samples, errors naming the part', () => {
    expect(parseGrid('depth=2,3 eta=0.1,0.3')).toEqual({ maxDepth: [2, 3], learningRate: [0.1, 0.3] });
    const all = gridCandidates(base, parseGrid('depth=2,3 eta=0.1,0.3'));
    expect(all.map((p) => [p.maxDepth, p.learningRate])).toEqual([[2, 0.1], [2, 0.3], [3, 0.1], [3, 0.3]]);
    const s1 = gridCandidates(base, parseGrid('depth=2,3,4,5 eta=0.1,0.2,0.3'), { n: 5, seed: 3 });
    expect(s1).toHaveLength(5);
    expect(gridCandidates(base, parseGrid('depth=2,3,4,5 eta=0.1,0.2,0.3'), { n: 5, seed: 3 })).toEqual(s1);
    expect(() => parseGrid('depht=2')).toThrow(/unknown parameter "depht"/);
    expect(() => parseGrid('depth=2,x')).toThrow(/not a number/);
    expect(() => gridCandidates(base, parseGrid('depth=99'))).toThrow(/maxDepth/);
  });

  // Through the CLI as a real process: worker threads booted under the test runner's own module
  // loader are not what users run (and Node 20 hands them that loader unreliably).
  it('threads score each candidate exactly as one thread would, and the winner is scored on bars the search never saw', async () => {
    const r = await sextant(['ml', 'tune', 'BTC/USD', '--tf', '4h', '--engine', 'ts', '--folds', '2', '--rounds', '40', '--eta', '0.1',
      '--grid', 'depth=2,3', '--holdout', '0.2', '--threads', '2', '--until', '2023-01-01', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as TuneReport;
    expect(out.threads).toBe(2);
    const c = btc4h();
    const bars = lowerBound(c.time, Date.parse('2023-01-01T00:00:00Z'));
    expect(out.searchBars + out.holdoutBars).toBe(bars);
    expect(out.searchBars).toBe(Math.floor(bars * 0.8));
    // Same candles, spec and parameters in this process: identical figures.
    const wf = { folds: 2, testFraction: 0.3, embargo: 6, mode: 'expanding' as const };
    const here = evaluate(sliceCandles(c, 0, out.searchBars), parseFeatureSpec(DEFAULT_SPEC_DOC), checkParams({ nRounds: 40, learningRate: 0.1, maxDepth: 3 }), 'ts', wf).report.model;
    const three = out.candidates.find((x) => x.params.maxDepth === 3)!;
    expect(three.metrics).toEqual(here);
    expect(out.best.metrics!.logLoss).toBe(Math.min(...out.candidates.map((x) => x.metrics!.logLoss)));
    // The holdout block is the last 20% of the bars; its baselines sit on the same rows.
    expect(out.holdout.model.n).toBeGreaterThan(0.19 * bars - 10);
    expect(out.holdout.majority.n).toBe(out.holdout.model.n);
    expect(out.holdout.previousBar.n).toBe(out.holdout.model.n);
  }, 300_000);
});
