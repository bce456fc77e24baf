import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadSignal } from '../../services/signal.js';
import { structureChartInput } from '../../services/structure-chart.js';
import { renderCandleChart } from '../../infra/charts/index.js';
import { intOption } from '../context.js';
import { commandLimit, commandTimeframe, openInput } from '../input.js';
import { withServices } from '../services.js';
import { fmtNum, iso, table } from '../format.js';

export function registerLevels(program: Command): void {
  program
    .command('levels')
    .description('support/resistance levels (and swings, plan) of a pair as of one bar; --png draws them')
    .argument('[pair]', 'pair, e.g. BTC/USDT')
    .option('--tf <timeframe>', 'timeframe (default 1d, or the --input file\'s own)')
    .option('--source <source>', 'replay or a CCXT exchange id')
    .option('--input <file>', 'CSV or freqtrade JSON candles instead of a source')
    .option('--limit <n>', 'candles of history to load (default 5000; an --input file is used whole)')
    .option('--at <bar>', 'bar: index (-1 = last) or time (ISO or epoch ms)')
    .option('--bars <n>', 'candles shown on the chart', '150')
    .option('--png <file>', 'write the chart as PNG')
    .option('--json', 'JSON output')
    .action(async (pair: string | undefined, opts: { tf?: string; source?: string; input?: string; limit?: string; at?: string; bars: string; png?: string; json?: boolean }) => {
      const file = openInput(opts.input);
      const timeframe = commandTimeframe(opts.tf, file, '1d');
      const limit = commandLimit(opts.limit, file, 5000, 1_000_000);
      await withServices({ source: file ?? opts.source }, async ({ source }) => {
        const { loaded, result } = await loadSignal(source, { pair, timeframe, limit, at: opts.at });
        if (opts.png) {
          const png = renderCandleChart(structureChartInput(loaded, result, { bars: intOption('--bars', opts.bars, 10, 5000) }));
          writeFileSync(opts.png, png);
        }
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ symbol: loaded.symbol, timeframe: loaded.timeframe, time: iso(result.signal.time), price: result.signal.price, levels: result.levels, png: opts.png ?? null })}\n`);
          return;
        }
        const rows = result.levels.filter((l) => l.state === 'active').map((l) => [l.role, fmtNum(l.price), `${fmtNum(l.zoneLow)}–${fmtNum(l.zoneHigh)}`, l.touches, l.strength, iso(loaded.candles.time[l.lastTouch])]);
        process.stdout.write(`${loaded.symbol} ${loaded.timeframe} as of ${iso(result.signal.time)}, close ${fmtNum(result.signal.price)}: ${rows.length} active levels\n`);
        process.stdout.write(`${table(['role', 'price', 'zone', 'touches', 'strength', 'last touch'], rows)}\n`);
        if (opts.png) process.stdout.write(`chart: ${opts.png}\n`);
      });
    });
}
