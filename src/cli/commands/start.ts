import type { Command } from 'commander';
import { replaySource } from '../../app/sources.js';
import { parsePair } from '../../core/types.js';
import { candleCount } from '../../core/series.js';
import { candlesToJson, iso, table } from '../format.js';
import { cliConfig } from '../context.js';
import { serve } from './serve.js';

/** `npm start`: the main job, offline on the bundled data. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('overview of the bundled data, then serve the API on it (offline)')
    .option('--port <port>', 'port (default from config, 8080)')
    .option('--no-serve', 'print the overview and exit')
    .action(async (opts: { port?: string; serve: boolean }) => {
      const replay = replaySource(await cliConfig());
      const series = replay.listSeries();
      const markets = await replay.markets();
      process.stdout.write(`Sextant — offline on bundled real data: ${series.length} series, ${markets.length} pairs\n\n`);
      process.stdout.write('Top pairs by quote volume on the last bundled day:\n');
      process.stdout.write(`${table(['pair', 'quote volume'], markets.slice(0, 10).map((m) => [m.symbol, Math.round(m.quoteVolume ?? 0)]))}\n\n`);
      const btc = await replay.candles(parsePair('BTC/USDT'), '1d', { limit: 5 });
      process.stdout.write(`Latest BTC/USDT daily candles (Binance, last ${iso(btc.time[candleCount(btc) - 1])}):\n`);
      process.stdout.write(`${table(['time', 'open', 'high', 'low', 'close', 'volume'], candlesToJson(btc).map((r) => [r.time, r.open, r.high, r.low, r.close, r.volume]))}\n\n`);
      if (opts.serve) await serve({ port: opts.port, pipeline: (await cliConfig()).pipeline.autostart });
    });
}
