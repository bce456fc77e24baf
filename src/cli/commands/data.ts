import type { Command } from 'commander';
import { replaySource } from '../../services/sources.js';
import { iso, table } from '../format.js';
import { cliConfig } from '../context.js';

export function registerData(program: Command): Command {
  const data = program.command('data').description('bundled datasets, imports and downloads');
  data
    .command('list')
    .description('datasets, pairs, timeframes, ranges and gaps of the bundled data')
    .option('--json', 'JSON output')
    .action((opts: { json?: boolean }) => {
      const replay = replaySource(cliConfig());
      const series = replay.listSeries();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({
          series: series.map((s) => ({ ...s, quality: { gaps: s.quality.gaps.length, missingCandles: s.quality.missingCandles, rejected: s.quality.rejected.length } })),
          feeds: replay.feedDatasets(),
        })}\n`);
        return;
      }
      const rows = series.map((s) => [s.dataset, s.exchange, s.symbol, s.timeframe, s.candles, iso(s.first), iso(s.last), s.quality.gaps.length, s.quality.missingCandles, s.quality.rejected.length]);
      process.stdout.write(`${table(['dataset', 'exchange', 'pair', 'tf', 'candles', 'first', 'last', 'gaps', 'missing', 'rejected'], rows)}\n`);
      process.stdout.write(`\nrecorded feeds (trades + order book):\n`);
      for (const f of replay.feedDatasets()) process.stdout.write(`  ${f.id}  ${f.symbol}  ${f.description}\n`);
      const pairs = new Set(series.map((s) => s.symbol)).size;
      process.stdout.write(`\n${series.length} series, ${pairs} pairs; any finer series is also served resampled to coarser timeframes.\n`);
    });
  return data;
}
