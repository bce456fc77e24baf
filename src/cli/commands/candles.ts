import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { candleCount } from '../../core/series.js';
import { loadCandles } from '../../services/candles.js';
import { withServices } from '../services.js';
import { candlesToJson, iso, table } from '../format.js';
import { commandLimit, commandTimeframe, openInput } from '../input.js';

export function registerCandles(program: Command): void {
  program
    .command('candles')
    .description('print candles of a pair from a source or a file')
    .argument('[pair]', 'pair, e.g. BTC/USDT, btc_usdt or BTCUSDT')
    .option('--tf <timeframe>', 'timeframe (1m … 1M or minute1 … month1; default 1d, or the --input file\'s own)')
    .option('--source <source>', 'replay (bundled data), binance, lbank or any CCXT exchange id')
    .option('--limit <n>', 'number of latest candles (default 20; an --input file is shown whole)')
    .option('--since <date>', 'first candle open time (ISO date or epoch ms)')
    .option('--input <file>', 'CSV (with a header, or headerless Binance Vision klines) or freqtrade JSON rows instead of a source')
    .option('--json', 'JSON output')
    .option('--csv', 'CSV output with a header (timestamp,open,high,low,close,volume; ISO times): readable back with --input')
    .action(async (pair: string | undefined, opts: { tf?: string; source?: string; limit?: string; since?: string; input?: string; json?: boolean; csv?: boolean }) => {
      if (opts.json && opts.csv) throw new InputError('--json and --csv exclude each other', 'csv');
      const since = opts.since ? parseSince(opts.since) : undefined;
      const file = openInput(opts.input);
      const timeframe = commandTimeframe(opts.tf, file, '1d');
      const limit = commandLimit(opts.limit, file, 20, 10_000_000);
      await withServices({ source: file ?? opts.source }, async ({ source }) => {
        const res = await loadCandles(source, { pair, timeframe, limit, since });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(candlesToJson(res.candles))}\n`);
          return;
        }
        if (opts.csv) {
          const lines = candlesToJson(res.candles).map((r) => [r.time, r.open, r.high, r.low, r.close, r.volume].join(','));
          process.stdout.write(`timestamp,open,high,low,close,volume\n${lines.join('\n')}\n`);
          return;
        }
        const rows = candlesToJson(res.candles).map((r) => [r.time, r.open, r.high, r.low, r.close, r.volume]);
        process.stdout.write(`${res.symbol} ${timeframe} from ${res.origin}: ${candleCount(res.candles)} candles, last ${iso(res.candles.time[candleCount(res.candles) - 1])}\n`);
        process.stdout.write(`${table(['time', 'open', 'high', 'low', 'close', 'volume'], rows)}\n`);
      });
    });
}

export function parseSince(s: string, name = '--since'): number {
  const t = /^\d+$/.test(s) ? Number(s) : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (!Number.isFinite(t)) throw new InputError(`${name} "${s}" is not a date (use YYYY-MM-DD, ISO time or epoch ms)`, name.replace(/^--/, ''));
  return t;
}
