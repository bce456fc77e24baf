import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { commandLimit, commandTimeframe, openInput } from '../input.js';
import { withServices } from '../services.js';
import { CliError } from '../fail.js';
import { analysisToWire } from '../../api/wire/analysis.js';

interface AnalyzeOpts { tf?: string; source?: string; input?: string; limit?: string; lang: string; png?: string; json?: boolean }

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('technical analysis of a pair: English report or Persian summary, PNG chart, structured JSON (as POST /api/v1/analyze)')
    .argument('[pair]', 'pair, e.g. ETH/USDT, eth_usdt or ETHUSDT')
    .option('--tf <timeframe>', 'timeframe (minute1 … month1 or 1m … 1M; default day1, or the --input file\'s own)')
    .option('--source <source>', 'replay (bundled data), binance, lbank or any CCXT exchange id')
    .option('--input <file>', 'CSV (with a header, or headerless Binance Vision klines) or freqtrade JSON rows instead of a source')
    .option('--limit <n>', 'number of latest candles (1-2000; default 200, an --input file is used whole)')
    .option('--lang <lang>', 'text language: en (detailed report) or fa (Persian summary)', 'en')
    .option('--png <file>', 'write the chart to this PNG file')
    .option('--json', 'the full response as JSON (chart as a data URL unless --png is given)')
    .action(async (pair: string | undefined, opts: AnalyzeOpts) => {
      if (!pair && !opts.input) throw new CliError('give a pair (e.g. eth_usdt) or --input FILE');
      if (opts.lang !== 'en' && opts.lang !== 'fa') throw new CliError(`--lang must be en or fa, got "${opts.lang}"`);
      const file = openInput(opts.input);
      const timeframe = commandTimeframe(opts.tf, file, '1d');
      const limit = commandLimit(opts.limit, file, 200, 2000) ?? file!.report.quality.kept;
      await withServices({ source: file ?? opts.source }, async ({ analysis }) => {
        const res = await analysis.analyze({ pair, timeframe, limit });
        if (opts.png) writeFileSync(opts.png, Buffer.from(res.chart_image_base64.slice(res.chart_image_base64.indexOf(',') + 1), 'base64'));
        if (opts.json) {
          const wire = analysisToWire(res);
          const out = opts.png ? { ...wire, chart_image_base64: undefined, chart_file: opts.png } : wire;
          process.stdout.write(`${JSON.stringify(out)}\n`);
          return;
        }
        process.stdout.write(`${opts.lang === 'fa' ? res.analysis_summarized : res.analysis}\n`);
        const note = res.writer_note ? ` (${res.writer_note})` : '';
        process.stderr.write(`writer: ${res.writer}${note}${opts.png ? `; chart: ${opts.png}` : ''}\n`);
      });
    });
}
