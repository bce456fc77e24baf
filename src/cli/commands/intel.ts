import type { Command } from 'commander';
import { parseTimeframe } from '../../core/timeframes.js';
import type { IntelSignal } from '../../services/intel/types.js';
import { CliError } from '../fail.js';
import { withServices } from '../services.js';

interface IntelOpts { tf: string; source?: string; json?: boolean; lang: string }

function partLine(name: string, p: IntelSignal['parts'][keyof IntelSignal['parts']]): string {
  if (p.status === 'missing') return `  ${name.padEnd(16)} MISSING  ${p.reason}`;
  const o = p as unknown as Record<string, unknown>;
  const figure = name === 'whales' || name === 'exchange_whales' ? `accumulation ${o['accumulation_score'] ?? 'n/a'}`
    : name === 'orderbook' ? `imbalance ${((o['imbalance'] as number) * 100).toFixed(1)}%, spread ${(o['spread_bps'] as number).toPrecision(2)} bp`
      : name === 'sentiment' ? `${o['score']} (${o['label']}, ${o['texts']} texts)`
        : name === 'fear_greed' ? `${o['value']} ${o['classification']}`
          : `${o['direction']} (score ${o['market_score']})`;
  return `  ${name.padEnd(16)} ${figure}  [${p.source}]`;
}

export function registerIntel(program: Command): void {
  program
    .command('intel')
    .description('multi-modal signal (SPEC E): whales, order book, sentiment, Fear & Greed + technical → BUY/SELL/HOLD with a measured confidence')
    .argument('<pair>', 'pair, e.g. BTC/USDT')
    .option('--tf <timeframe>', 'timeframe of the technical signal and the backtest', '4h')
    .option('--source <source>', 'replay (bundled data, offline) or a CCXT exchange id (network sources too)')
    .option('--lang <lang>', 'thesis language: en or fa', 'en')
    .option('--json', 'the whole signal as JSON (as POST /signal)')
    .action(async (pair: string, opts: IntelOpts) => {
      if (opts.lang !== 'en' && opts.lang !== 'fa') throw new CliError(`--lang must be en or fa, got "${opts.lang}"`);
      const timeframe = parseTimeframe(opts.tf);
      await withServices({ source: opts.source }, async ({ intel }) => {
        const s = await intel.generate({ symbol: pair, timeframe });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(s)}\n`);
          return;
        }
        const conf = s.confidence !== null ? `${s.confidence}% (n=${s.confidence_sample})` : `none (${s.confidence_note})`;
        const lines = [
          `${s.symbol} ${s.timeframe}: ${s.signal}   confidence ${conf}`,
          `horizon ${s.horizon_hours} h, sizing ${s.position_sizing}, divergence ${s.divergence.view}${s.divergence.points !== null ? ` ${Math.round(s.divergence.points)} pts${s.divergence.high ? ' (high)' : ''}` : ''}`,
          '',
          opts.lang === 'fa' ? s.thesis_fa : s.thesis,
          '',
          'parts:',
          ...Object.entries(s.parts).map(([k, p]) => partLine(k, p)),
        ];
        if (s.backtest.status === 'present') {
          const b = s.backtest;
          const r = (t: { signals: number; rate: number | null }) => (t.rate === null ? 'n/a' : `${(100 * t.rate).toFixed(1)}%`) + ` of ${t.signals}`;
          lines.push('', `backtest (${b.pair} ${b.timeframe}, ${b.bars} bars, horizon ${b.horizonBars} bars): BUY ${r(b.BUY)}, SELL ${r(b.SELL)}, high divergence ${r(b.high)}`, `  whale proxy: ${b.whale_proxy}`, `  crowd: ${b.fear_greed_source}`);
        } else lines.push('', `backtest: missing (${s.backtest.reason})`);
        if (s.risk_factors.length) lines.push('', 'risk factors:', ...s.risk_factors.map((r) => `  - ${r}`));
        process.stdout.write(`${lines.join('\n')}\n`);
        process.stderr.write(`writer: ${s.writer}${s.writer_note ? ` (${s.writer_note})` : ''}\n`);
      });
    });
}
