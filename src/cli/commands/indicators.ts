import type { Command } from 'commander';
import { indicatorCatalog } from '../indicator-catalog.js';
import { intOption } from '../context.js';
import { iso, table } from '../format.js';
import { CliError } from '../fail.js';

function collectParam(value: string, acc: Record<string, number>): Record<string, number> {
  const m = /^([A-Za-z_][\w]*)=(.+)$/.exec(value);
  if (!m) throw new CliError(`--param "${value}" must look like name=value (e.g. timePeriod=14)`);
  const n = Number(m[2]);
  if (!Number.isFinite(n)) throw new CliError(`--param ${m[1]}: "${m[2]}" is not a number`);
  return { ...acc, [m[1]!]: n };
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
type Field = (typeof FIELDS)[number];
function field(name: string, v: string | undefined): Field | undefined {
  if (v === undefined) return undefined;
  if (!(FIELDS as readonly string[]).includes(v)) throw new CliError(`${name} must be one of ${FIELDS.join(', ')}`);
  return v as Field;
}

export function registerIndicators(program: Command): void {
  const ind = program.command('indicators').description('the indicator library (TA-Lib-exact plus extras)');
  ind
    .command('list')
    .description('every indicator with group, inputs, parameters and outputs')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => {
      const defs = await indicatorCatalog();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(defs.map((d) => ({ name: d.name, group: d.group, description: d.description, inputs: d.inputs, params: d.params, outputs: d.outputs })))}\n`);
        return;
      }
      const rows = defs.map((d) => [d.name, d.group, d.inputs.join(','), d.params.map((p) => `${p.name}=${p.default}`).join(' '), d.outputs.map((o) => o.name).join(',')]);
      process.stdout.write(`${table(['name', 'group', 'inputs', 'params', 'outputs'], rows)}\n${defs.length} indicators\n`);
    });
  ind
    .command('run')
    .description('run one indicator on a pair or a file; outputs aligned to candles, null in warm-up')
    .argument('<name>', 'indicator name, e.g. RSI, BBANDS, CDLENGULFING')
    .argument('[pair]', 'pair, e.g. BTC/USDT')
    .option('--tf <timeframe>', 'timeframe (default 1d, or the --input file\'s own)')
    .option('--source <source>', 'replay or a CCXT exchange id')
    .option('--limit <n>', 'latest candles to use (default 500; an --input file is used whole)')
    .option('--input <file>', 'CSV or freqtrade JSON candles instead of a source')
    .option('--param <name=value>', 'parameter (timePeriod=14 or optInTimePeriod=14); repeatable', collectParam, {})
    .option('--real <field>', 'candle field for single-series inputs (default close)')
    .option('--periods <n>', 'constant period series for MAVP')
    .option('--json', 'JSON: {symbol, timeframe, time[], name, params, lookback, outputs{name: []}}')
    .option('--csv', 'CSV: time,<outputs> (empty cells in warm-up)')
    .action(async (name: string, pair: string | undefined, opts: { tf?: string; source?: string; limit?: string; input?: string; param: Record<string, number>; real?: string; periods?: string; json?: boolean; csv?: boolean }) => {
      if (opts.json && opts.csv) throw new CliError('--json and --csv exclude each other');
      const periods = opts.periods !== undefined ? intOption('--periods', opts.periods, 2, 100000) : undefined;
      const real = field('--real', opts.real);
      // Reading candles is `run`'s alone: `indicators list` starts without it.
      const [{ loadCandles }, { indicatorJson }, { withServices }, { commandLimit, commandTimeframe, openInput }] = await Promise.all([
        import('../../services/candles.js'), import('../../services/indicators.js'), import('../services.js'), import('../input.js'),
      ]);
      const file = openInput(opts.input);
      const timeframe = commandTimeframe(opts.tf, file, '1d');
      const limit = commandLimit(opts.limit, file, 500, 10_000_000);
      await withServices({ source: file ?? opts.source }, async ({ source }) => {
        const res = await loadCandles(source, { pair, timeframe, limit });
        const result = indicatorJson(name, res.candles, opts.param, { real, periods });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ symbol: res.symbol, timeframe: res.timeframe, time: Array.from(res.candles.time), ...result })}\n`);
          return;
        }
        const names = Object.keys(result.outputs);
        const cols = names.map((n) => result.outputs[n]!);
        const times = Array.from(res.candles.time);
        if (opts.csv) {
          const lines = times.map((t, i) => [iso(t), ...cols.map((c) => (c[i] === null ? '' : String(c[i])))].join(','));
          process.stdout.write(`${['time', ...names].join(',')}\n${lines.join('\n')}\n`);
          return;
        }
        const params = Object.entries(result.params).map(([k, v]) => `${k}=${v}`).join(' ');
        process.stdout.write(`${result.name}${params ? ` (${params})` : ''} on ${res.symbol} ${res.timeframe}: ${times.length} candles, first ${result.lookback} in warm-up\n`);
        process.stdout.write(`${table(['time', ...names], times.map((t, i) => [iso(t), ...cols.map((c) => c[i] ?? '-')]))}\n`);
      });
    });
}
