import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ERROR_TABLE } from '../errors.js';
import { reportAndExit } from './fail.js';
import { setConfigFile } from './context.js';

type Register = (program: Command) => unknown;

/**
 * Every command, by the name typed after `sextant`. A command's module (and what it imports:
 * CCXT, charts, the server, database drivers) loads only when that command runs, so
 * `sextant indicators list` does not pay for `sextant serve`. Adding a command: one line here.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  candles: () => import('./commands/candles.js').then((m) => m.registerCandles),
  data: () => import('./commands/data.js').then((m) => m.registerData),
  start: () => import('./commands/start.js').then((m) => m.registerStart),
  serve: () => import('./commands/serve.js').then((m) => m.registerServe),
  indicators: () => import('./commands/indicators.js').then((m) => m.registerIndicators),
  pipeline: () => import('./commands/pipeline.js').then((m) => m.registerPipeline),
  signals: () => import('./commands/pipeline.js').then((m) => m.registerPipeline),
  levels: () => import('./commands/levels.js').then((m) => m.registerLevels),
  signal: () => import('./commands/signal.js').then((m) => m.registerSignal),
  scan: () => import('./commands/scan.js').then((m) => m.registerScan),
  analyze: () => import('./commands/analyze.js').then((m) => m.registerAnalyze),
  backtest: () => import('./commands/backtest.js').then((m) => m.registerBacktest),
  paper: () => import('./commands/paper.js').then((m) => m.registerPaper),
  tracker: () => import('./commands/tracker.js').then((m) => m.registerTracker),
  ml: () => import('./commands/ml.js').then((m) => m.registerMl),
  sentiment: () => import('./commands/sentiment.js').then((m) => m.registerSentiment),
  keys: () => import('./commands/keys.js').then((m) => m.registerKeys),
  intel: () => import('./commands/intel.js').then((m) => m.registerIntel),
};

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

/** The command word of argv (after global options), if any. */
function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--config') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

async function main(): Promise<void> {
  const word = commandWord(process.argv);
  const versionOnly = word === undefined && process.argv.slice(2).some((a) => a === '-V' || a === '--version');
  // Help, an unknown word or none: every command is registered, so help lists them all
  // and commander can suggest the nearest name.
  const loaders = versionOnly ? [] : word !== undefined && COMMANDS[word] ? [COMMANDS[word]] : [...new Set(Object.values(COMMANDS))];
  const registers = new Set(await Promise.all(loaders.map((load) => load())));
  for (const register of registers) register(program);
  await program.parseAsync(process.argv);
}

main().catch(reportAndExit);
