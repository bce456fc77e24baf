import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ERROR_TABLE } from '../errors.js';
import { reportAndExit } from './fail.js';
import { setConfigFile } from './context.js';
import { registerCandles } from './commands/candles.js';
import { registerData } from './commands/data.js';
import { registerStart } from './commands/start.js';
import { registerServe } from './commands/serve.js';
import { registerIndicators } from './commands/indicators.js';
import { registerPipeline } from './commands/pipeline.js';
import { registerLevels } from './commands/levels.js';
import { registerSignal } from './commands/signal.js';
import { registerScan } from './commands/scan.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerBacktest } from './commands/backtest.js';
import { registerPaper } from './commands/paper.js';
import { registerTracker } from './commands/tracker.js';
import { registerMl } from './commands/ml.js';
import { registerSentiment } from './commands/sentiment.js';
import { registerKeys } from './commands/keys.js';
import { registerIntel } from './commands/intel.js';

// `sextant ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// src/cli/main.ts and dist/cli/main.js both sit two levels below package.json.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command();
program
  .name('sextant')
  .version(version, '-V, --version', 'print the version and exit')
  .description('Crypto market intelligence: indicators, structure, signals and scanners — offline or live through CCXT')
  .option('--config <file>', 'YAML config file (default: $SEXTANT_CONFIG or ./sextant.yaml)')
  .hook('preAction', (cmd) => setConfigFile(cmd.opts<{ config?: string }>().config))
  .showHelpAfterError(false)
  .configureOutput({ outputError: (str) => process.stderr.write(`sextant: ${str.replace(/^error: /, '').trim()}\n`) })
  .exitOverride((err) => {
    // commander's own usage errors are bad input: one line, exit 2 (help and version exit 0).
    process.exit(err.exitCode === 0 ? 0 : ERROR_TABLE.bad_input.exit);
  });

registerCandles(program);
registerData(program);
registerStart(program);
registerServe(program);
registerIndicators(program);
registerPipeline(program);
registerLevels(program);
registerSignal(program);
registerScan(program);
registerAnalyze(program);
registerBacktest(program);
registerPaper(program);
registerTracker(program);
registerMl(program);
registerSentiment(program);
registerKeys(program);
registerIntel(program);

program.parseAsync(process.argv).catch(reportAndExit);
