/**
 * `sextant ml evaluate|train|predict`: a thin shell over services/ml. Every figure printed by
 * evaluate/train is out-of-sample (purged walk-forward) and sits next to the naive baselines.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { InputError, NotFoundError } from '../../errors.js';
import { parseTimeframe } from '../../core/timeframes.js';
import { candleCount, lowerBound, sliceCandles, type Candles } from '../../core/series.js';
import { parseFeatureCsv } from '../../core/ml/csv.js';
import { parseFeatureSpec } from '../../core/features/spec.js';
import { takeRows, matrix } from '../../core/ml/matrix.js';
import type { ClassMetrics } from '../../core/ml/metrics.js';
import type { EvalReport } from '../../core/ml/evaluate.js';
import { loadCandles } from '../../services/candles.js';
import { alignColumns, parseModelFile } from '../../services/ml/artefact.js';
import { dataQuality, dataQualityLine, type DataQuality } from '../../core/ml/data-quality.js';
import type { QualityReport } from '../../core/quality.js';
import { withServices } from '../services.js';
import { availableParallelism } from 'node:os';
import { gridCandidates, parseGrid, tune } from '../../services/ml/tune.js';
import type { PermutationImportance } from '../../core/ml/importance.js';
import { checkRule, DEFAULT_THRESHOLD_RULE, thresholdBacktest, type ThresholdBacktest } from '../../services/ml/threshold-backtest.js';
import { parsePair } from '../../core/types.js';
import {
  buildDataset, checkParams, DEFAULT_WALK_FORWARD, evaluate, loadSpec, predictRows, trainModel,
  type Engine, type WalkForwardSettings,
} from '../../services/ml/run.js';
import { openCandleSource } from '../services.js';
import { intOption } from '../context.js';
import { iso, table } from '../format.js';
import { parseSince } from './candles.js';

interface DataOpts { tf: string; source?: string; since?: string; until?: string; spec?: string }
interface FitOpts extends DataOpts {
  engine: string; rounds: string; depth: string; eta: string; folds: string; testFraction: string;
  embargo: string; mode: string; window?: string; json?: boolean; enter: string; exit: string; fee: string;
}

function dataOptions(cmd: Command): Command {
  return cmd
    .argument('<pair>', 'pair, e.g. BTC/USD (bundled Coinbase 4h) or BTC/USDT')
    .option('--tf <timeframe>', 'timeframe', '4h')
    .option('--spec <file>', 'YAML feature spec (default: built-in spec)')
    .option('--source <source>', 'replay (bundled data) or a CCXT exchange id')
    .option('--since <date>', 'first bar (ISO date or epoch ms)')
    .option('--until <date>', 'bars strictly before this time');
}

function fitOptions(cmd: Command): Command {
  return cmd
    .option('--engine <engine>', 'auto (XGBoost when libxgboost loads, else TypeScript), ts or xgboost', 'auto')
    .option('--rounds <n>', 'max boosting rounds (early stopping on a purged validation block)', '300')
    .option('--depth <n>', 'max tree depth', '4')
    .option('--eta <x>', 'learning rate', '0.05')
    .option('--folds <n>', 'walk-forward test blocks', String(DEFAULT_WALK_FORWARD.folds))
    .option('--test-fraction <x>', 'share of the series covered by the test blocks', String(DEFAULT_WALK_FORWARD.testFraction))
    .option('--embargo <n>', 'bars dropped between training and test beyond the label horizon', String(DEFAULT_WALK_FORWARD.embargo))
    .option('--mode <mode>', 'expanding or rolling training window', 'expanding')
    .option('--window <n>', 'rolling window in bars')
    .option('--enter <p>', 'threshold rule traded on the out-of-sample probabilities: buy when p > enter', String(DEFAULT_THRESHOLD_RULE.enter))
    .option('--exit <p>', '... and sell when p < exit', String(DEFAULT_THRESHOLD_RULE.exit))
    .option('--fee <x>', 'fee per side for that backtest, relative', String(DEFAULT_THRESHOLD_RULE.fee))
    .option('--json', 'JSON output');
}

async function candlesFor(pair: string, o: DataOpts): Promise<{ symbol: string; candles: Candles; origin: string; quality: QualityReport }> {
  const timeframe = parseTimeframe(o.tf);
  const source = await openCandleSource(o.source);
  try {
    const res = await loadCandles(source, { pair, timeframe, since: o.since ? parseSince(o.since) : undefined, limit: 1_000_000 });
    let c = res.candles;
    if (o.until) c = sliceCandles(c, 0, lowerBound(c.time, parseSince(o.until, '--until')));
    if (candleCount(c) < 300) throw new InputError(`${res.symbol} ${timeframe}: ${candleCount(c)} candles, need at least 300 for walk-forward`, 'pair');
    return { symbol: res.symbol, candles: c, origin: res.origin, quality: res.quality };
  } finally {
    await source.close();
  }
}

function num(name: string, v: string, lo: number, hi: number): number {
  const x = Number(v);
  if (!Number.isFinite(x) || x < lo || x > hi) throw new InputError(`${name} must be a number in [${lo}, ${hi}], got "${v}"`, name);
  return x;
}

function settings(o: FitOpts) {
  if (!['auto', 'ts', 'xgboost'].includes(o.engine)) throw new InputError(`--engine must be auto, ts or xgboost, got "${o.engine}"`, 'engine');
  if (o.mode !== 'expanding' && o.mode !== 'rolling') throw new InputError(`--mode must be expanding or rolling, got "${o.mode}"`, 'mode');
  const params = checkParams({ nRounds: intOption('--rounds', o.rounds, 1, 100000), maxDepth: intOption('--depth', o.depth, 1, 16), learningRate: num('--eta', o.eta, 1e-6, 1) });
  const wf: WalkForwardSettings = {
    folds: intOption('--folds', o.folds, 1, 100), testFraction: num('--test-fraction', o.testFraction, 0.01, 0.9),
    embargo: intOption('--embargo', o.embargo, 0, 100000), mode: o.mode,
    ...(o.window ? { window: intOption('--window', o.window, 100, 10_000_000) } : {}),
  };
  const rule = checkRule({ enter: num('--enter', o.enter, 0.0001, 0.9999), exit: num('--exit', o.exit, 0.0001, 0.9999), fee: num('--fee', o.fee, 0, 0.0999) });
  return { engine: o.engine as Engine, params, wf, rule };
}

const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '-');
const metricRow = (name: string, m: ClassMetrics) => [name, m.n, f4(m.accuracy), f4(m.logLoss), f4(m.auc), f4(m.brier)];

function printReport(head: string, c: Candles, r: EvalReport): void {
  const out = process.stdout;
  out.write(`${head}\n`);
  out.write(`${table(['fold', 'train rows', 'test rows', 'test from', 'test to', 'trees'], r.folds.map((f, k) => [k + 1, f.trainRows, f.testRows, iso(c.time[f.testFrom]), iso(c.time[f.testTo]), f.rounds]))}\n\n`);
  out.write('out-of-sample (pooled test blocks):\n');
  out.write(`${table(['', 'n', 'accuracy', 'log-loss', 'AUC', 'Brier'], [metricRow('model', r.model), metricRow('majority class', r.majority), metricRow('previous bar', r.previousBar)])}\n`);
  const beats = r.model.logLoss < Math.min(r.majority.logLoss, r.previousBar.logLoss);
  out.write(`model log-loss ${beats ? 'is below' : 'is NOT below'} both baselines.\n`);
}

/** What the clean layer did to the candles before any feature saw them. */
function printQuality(d: DataQuality): void {
  process.stdout.write(`${dataQualityLine(d, iso)}\n`);
}

function printImportance(imp: readonly PermutationImportance[]): void {
  process.stdout.write('\npermutation importance (last fold\'s model on its test block; log-loss increase when shuffled):\n');
  process.stdout.write(`${table(['feature', 'mean', 'sd'], imp.slice(0, 10).map((f) => [f.feature, f.meanIncrease.toFixed(5), f.std.toFixed(5)]))}\n`);
}

function printTrading(t: ThresholdBacktest): void {
  const m = t.metrics;
  const pct = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}%` : '-');
  process.stdout.write(`\nthreshold rule through the backtester (buy when p > ${t.rule.enter}, sell when p < ${t.rule.exit}, fee ${t.rule.fee} per side), ${iso(t.from)} → ${iso(t.to)}, ${t.bars} bars:\n`);
  process.stdout.write(`${table(['', 'return', 'max drawdown', 'Sharpe', 'trades', 'win rate', 'exposure'], [
    ['model rule', pct(m.totalReturnPct), pct(m.maxDrawdownPct), f4(m.sharpe), m.trades, pct(m.winRatePct), pct(m.exposurePct)],
    ['buy and hold', pct(m.buyHoldReturnPct), '-', '-', 1, '-', '100.00%'],
  ])}\n`);
}

function reportJson(r: Pick<EvalReport, 'folds' | 'model' | 'majority' | 'previousBar'>) {
  return { folds: r.folds, model: r.model, baselines: { majority: r.majority, previousBar: r.previousBar } };
}

export function registerMl(program: Command): void {
  const ml = program.command('ml').description('machine-learning forecasts: leak-free features, gradient-boosted trees, walk-forward');

  fitOptions(dataOptions(ml.command('evaluate').description('purged walk-forward evaluation next to naive baselines')))
    .action(async (pair: string, o: FitOpts) => {
      const { engine, params, wf, rule } = settings(o);
      const { spec } = loadSpec(o.spec);
      const data = await candlesFor(pair, o);
      const { report, engine: used, importance } = evaluate(data.candles, spec, params, engine, wf, (k, n) => {
        if (!o.json) process.stderr.write(`fold ${k}/${n} done\n`);
      });
      const trading = await thresholdBacktest(data.candles, parsePair(data.symbol), parseTimeframe(o.tf), report, rule);
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ pair: data.symbol, timeframe: o.tf, engine: used, bars: candleCount(data.candles), dataQuality: dataQuality(data.candles, data.quality), ...reportJson(report), importance, trading })}\n`);
        return;
      }
      printQuality(dataQuality(data.candles, data.quality));
      printReport(`${data.symbol} ${o.tf} (${data.origin}): ${candleCount(data.candles)} bars ${iso(data.candles.time[0])} → ${iso(data.candles.time[candleCount(data.candles) - 1])}; label ${JSON.stringify(spec.label)}; ${used}\nwalk-forward ${wf.mode}, ${wf.folds} folds over the last ${wf.testFraction * 100}%, purge ${spec.label.horizon} + embargo ${wf.embargo} bars`, data.candles, report);
      printImportance(importance);
      printTrading(trading);
    });

  fitOptions(dataOptions(ml.command('train').description('walk-forward evaluation, then a final model on all bars saved as a versioned artefact')))
    .option('--out <file>', 'also write the artefact to this JSON file')
    .action(async (pair: string, o: FitOpts & { out?: string }) => {
      const { engine, params, wf, rule } = settings(o);
      const { doc } = loadSpec(o.spec);
      const data = await candlesFor(pair, o);
      const c = data.candles;
      const n = candleCount(c);
      const out = await trainModel(c, { symbol: data.symbol, timeframe: o.tf, specDoc: doc, params, engine, wf, rule }, (p) => {
        if (!o.json) process.stderr.write(p.stage === 'final' ? 'training the final model\n' : `fold ${p.fold}/${p.folds} done\n`);
      });
      const art = out.artefact;
      // The Store is where the server, workers and `ml predict` find models.
      await withServices({}, ({ models }) => models.save(art));
      if (o.out) {
        mkdirSync(dirname(o.out), { recursive: true });
        writeFileSync(o.out, `${JSON.stringify(art)}\n`);
      }
      const where = `the store${o.out ? ` and ${o.out}` : ''}`;
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ id: art.id, ...(o.out ? { file: o.out } : {}), engine: out.engine, trees: out.trees, trainRows: out.trainRows, dataQuality: dataQuality(c, data.quality), ...(out.walkForward ? { walkForward: reportJson(out.walkForward) } : {}), ...(out.importance ? { importance: out.importance } : {}), ...(out.trading ? { trading: out.trading } : {}) })}\n`);
        return;
      }
      printQuality(dataQuality(c, data.quality));
      if (out.walkForward) printReport(`${data.symbol} ${o.tf}: ${n} bars; ${out.engine}`, c, out.walkForward);
      if (out.importance) printImportance(out.importance);
      if (out.trading) printTrading(out.trading);
      process.stdout.write(`model ${art.id}: ${out.trees} trees on ${out.trainRows} rows, saved to ${where}\n`);
    });

  fitOptions(dataOptions(ml.command('tune').description('hyperparameter search on worker threads: walk-forward before a holdout block, the winner scored once on the holdout')))
    .requiredOption('--grid <axes>', 'parameter values to try, e.g. "depth=3,4,6 eta=0.03,0.1 minChildWeight=1,10"')
    .option('--random <n>', 'try a seeded random sample of n combinations instead of all')
    .option('--seed <n>', 'seed of that sample', '1')
    .option('--holdout <x>', 'share of the bars kept out of the search, scored once at the end', '0.15')
    .option('--threads <n>', 'worker threads (default: cores - 1, at least 1)')
    .action(async (pair: string, o: FitOpts & { grid: string; random?: string; seed: string; holdout: string; threads?: string }) => {
      const { engine, params, wf } = settings(o);
      const { doc } = loadSpec(o.spec);
      const axes = parseGrid(o.grid);
      const sample = o.random ? { n: intOption('--random', o.random, 1, 500), seed: intOption('--seed', o.seed, 0, 2 ** 31) } : undefined;
      const candidates = gridCandidates(params, axes, sample);
      const threads = o.threads ? intOption('--threads', o.threads, 1, 64) : Math.max(1, availableParallelism() - 1);
      const data = await candlesFor(pair, o);
      const r = await tune(data.candles, doc, engine, wf, candidates, num('--holdout', o.holdout, 0.01, 0.49), threads, (k, n) => {
        if (!o.json) process.stderr.write(`candidate ${k}/${n} done\n`);
      });
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ pair: data.symbol, timeframe: o.tf, ...r })}\n`);
        return;
      }
      const c = data.candles;
      process.stdout.write(`${data.symbol} ${o.tf}: search on ${r.searchBars} bars (→ ${iso(c.time[r.searchBars - 1])}), holdout ${r.holdoutBars} bars; ${candidates.length} candidates on ${r.threads} threads\n`);
      const keys = Object.keys(r.best.params);
      const ranked = [...r.candidates].sort((a, b) => (a.metrics?.logLoss ?? Infinity) - (b.metrics?.logLoss ?? Infinity));
      process.stdout.write(`${table([...keys, 'log-loss', 'accuracy', 'AUC', 'trees'], ranked.slice(0, 15).map((x) => [...keys.map((k) => String(x.params[k as keyof typeof x.params])), x.metrics ? f4(x.metrics.logLoss) : x.error ?? '-', x.metrics ? f4(x.metrics.accuracy) : '-', x.metrics ? f4(x.metrics.auc) : '-', x.meanTrees?.toFixed(0) ?? '-']))}\n\n`);
      process.stdout.write('winner on the holdout (never seen by the search):\n');
      process.stdout.write(`${table(['', 'n', 'accuracy', 'log-loss', 'AUC', 'Brier'], [metricRow('model', r.holdout.model), metricRow('majority class', r.holdout.majority), metricRow('previous bar', r.holdout.previousBar)])}\n`);
      process.stdout.write(`selection optimism: search log-loss ${f4(r.best.metrics!.logLoss)} vs holdout ${f4(r.holdout.model.logLoss)}\n`);
    });

  ml.command('predict')
    .description('predictions (and TreeSHAP contributions) of a model for a feature CSV or the latest bars of a pair')
    .argument('[pair]', 'pair whose latest bars to predict (features from the model\'s spec)')
    .requiredOption('--model <file|id>', 'model artefact or XGBoost JSON model file, or a model id (Store, then the model folder)')
    .option('--input <file>', 'feature CSV (header = feature names; timestamp column ignored; empty cell = missing)')
    .option('--tf <timeframe>', 'timeframe', '4h')
    .option('--source <source>', 'replay (bundled data) or a CCXT exchange id')
    .option('--last <n>', 'number of latest bars to predict', '1')
    .option('--contribs', 'add TreeSHAP contributions (one per feature, then the bias)')
    .option('--json', 'JSON output (the only output format)')
    .action(async (pair: string | undefined, o: { model: string; input?: string; tf: string; source?: string; last: string; contribs?: boolean }) => {
      const { ensemble, artefact } = existsSync(o.model)
        ? parseModelFile(readFileSync(o.model, 'utf8'), o.model)
        : await withServices({}, ({ models }) => models.load(o.model)).catch((e: unknown) => {
          if (e instanceof NotFoundError) throw new InputError(`--model: ${o.model} is neither a file nor a model id (${e.message})`, 'model');
          throw e;
        });
      let x;
      if (o.input) {
        if (pair) throw new InputError('give either --input FILE or a pair, not both', 'input');
        if (!existsSync(o.input)) throw new InputError(`--input: ${o.input} not found`, 'input');
        const t = parseFeatureCsv(readFileSync(o.input, 'utf8'), 'input');
        const cols = alignColumns(ensemble.featureNames, t.names, 'input');
        x = matrix(t.matrix.rows, cols.length);
        for (let r = 0; r < t.matrix.rows; r++) cols.forEach((c, k) => { x!.values[r * cols.length + k] = t.matrix.values[r * t.matrix.cols + c]!; });
      } else {
        if (!pair) throw new InputError('give a pair or --input FILE', 'pair');
        if (!artefact) throw new InputError('--model: a bare XGBoost model has no feature spec; use --input FEATURES.csv', 'model');
        const spec = parseFeatureSpec(artefact.spec);
        const data = await candlesFor(pair, { tf: o.tf, ...(o.source ? { source: o.source } : {}) });
        const d = buildDataset(data.candles, spec);
        const cols = alignColumns(ensemble.featureNames, d.names, 'spec');
        const last = intOption('--last', o.last, 1, d.x.rows);
        const rows = Int32Array.from({ length: last }, (_, k) => d.x.rows - last + k);
        const all = takeRows(d.x, rows);
        x = matrix(last, cols.length);
        for (let r = 0; r < last; r++) cols.forEach((c, k) => { x!.values[r * cols.length + k] = all.values[r * all.cols + c]!; });
      }
      process.stdout.write(`${JSON.stringify(predictRows(ensemble, x, o.contribs === true))}\n`);
    });
}
