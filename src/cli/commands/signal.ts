import type { Command } from 'commander';
import { candleCount } from '../../core/series.js';
import type { StructureResult } from '../../core/signals/types.js';
import { loadSignal } from '../../services/signal.js';
import { signalToWire } from '../../api/wire/signal.js';
import { fmtNum, iso, table } from '../format.js';
import { intOption } from '../context.js';
import { withServices } from '../services.js';
import { commandLimit, commandTimeframe, openInput } from '../input.js';

export function registerSignal(program: Command): void {
  program
    .command('signal')
    .description('market structure and trade plan as of one bar: swings, S/R levels, Fibonacci, order blocks, confluence, measured confidence')
    .argument('[pair]', 'pair, e.g. BTC/USDT, btc_usdt or BTCUSDT')
    .option('--tf <timeframe>', 'timeframe (1m … 1M or minute1 … month1; default 1d, or the --input file\'s own)')
    .option('--source <source>', 'replay (bundled data), binance, lbank or any CCXT exchange id')
    .option('--input <file>', 'CSV (with a header, or headerless Binance Vision klines) or freqtrade JSON rows instead of a source')
    .option('--limit <n>', 'candles of history to load (default 5000; an --input file is used whole); the structure at a bar uses the last 500 up to it (the lookback rule)')
    .option('--at <bar>', 'bar to describe: index (0-based, -1 = last) or time (ISO or epoch ms); default the last bar')
    .option('--strength <n>', 'swing lookback on each side', '5')
    .option('--json', 'JSON output: the signal record with levels, swings, fib, order blocks and factors')
    .action(async (pair: string | undefined, opts: { tf?: string; source?: string; input?: string; limit?: string; at?: string; strength: string; json?: boolean }) => {
      const strength = intOption('--strength', opts.strength, 1, 100);
      const file = openInput(opts.input);
      const timeframe = commandTimeframe(opts.tf, file, '1d');
      const limit = commandLimit(opts.limit, file, 5000, 1_000_000);
      await withServices({ source: file ?? opts.source }, async ({ source }) => {
        const { loaded, result } = await loadSignal(source, { pair, timeframe, limit, at: opts.at, options: { strength } });
        if (opts.json) {
          const r = result;
          const out = {
            origin: loaded.origin, candles: candleCount(loaded.candles), at: r.at, time: iso(r.signal.time),
            signal: signalToWire(r.signal), factors: r.factors, fib: r.fib, levels: r.levels, swings: r.swings, orderBlocks: r.orderBlocks,
            rsi: r.rsi, atr: r.atr, config: r.config,
          };
          process.stdout.write(`${JSON.stringify(out)}\n`);
          return;
        }
        process.stdout.write(`${render(result, loaded.origin)}\n`);
      });
    });
}

function num(v: number | null): string {
  return v === null ? '-' : fmtNum(v);
}

function render(r: StructureResult, origin: string): string {
  const s = r.signal;
  const lines: string[] = [];
  lines.push(`${s.symbol} ${s.timeframe} from ${origin}, bar ${r.at} (${iso(s.time)}), close ${num(s.price)}`);
  lines.push(`direction ${s.direction}  ${s.valid ? 'VALID' : 'not valid'}  market score ${s.marketScore}/100  confluence ${s.confluence.join(',') || '-'}`);
  for (const why of s.invalidReasons) lines.push(`  - ${why}`);
  lines.push(`confidence ${s.confidenceScore === null ? 'n/a' : `${(s.confidenceScore * 100).toFixed(1)}%`} (${s.confidenceSample} comparable earlier setups${s.confidenceScore === null && s.valid ? `, need ${r.config.minSample}` : ''})`);
  lines.push('');
  lines.push(table(['entry1', 'entry2', 'sl', 'tp1', 'tp2', 'tp3', 'R:R', 'swing low', 'swing high', 'support', 'resistance'],
    [[s.entry1, s.entry2, s.sl, s.tp1, s.tp2, s.tp3, s.riskRewardRatio, s.swingLow, s.swingHigh, s.supportLevel, s.resistanceLevel].map(num)]));
  lines.push('');
  lines.push(table(['factor', 'fired', 'weight', 'rule at this bar'], r.factors.map((f) => [f.name, f.fired ? 'yes' : 'no', f.weight, f.detail])));
  if (r.fib) {
    const f = r.fib;
    lines.push('');
    lines.push(`fib ${f.leg}-leg ${num(f.from.price)} (${iso(f.from.time)}) -> ${num(f.to.price)} (${iso(f.to.time)}), retraced ${fmtNum(f.depth)}, pullback ${f.pullback}`);
    lines.push(table(['ratio', 'price'], f.retracements.map((p) => [String(p.ratio), p.price])));
  }
  const close = s.price;
  const active = r.levels.filter((l) => l.state === 'active');
  const below = active.filter((l) => l.price < close).slice(-4);
  const above = active.filter((l) => l.price >= close).slice(0, 4);
  lines.push('');
  lines.push(`levels: ${r.levels.length} (${active.length} active); nearest active:`);
  lines.push(table(['price', 'zone low', 'zone high', 'role', 'touches', 'strength', 'last touch'],
    [...above.reverse(), ...below.reverse()].map((l) => [l.price, l.zoneLow, l.zoneHigh, l.role, l.touches, l.strength, String(l.lastTouch)])));
  lines.push('');
  lines.push(`swings: ${r.swings.length} confirmed; latest:`);
  lines.push(table(['kind', 'price', 'time', 'index', 'confirmedAt'], r.swings.slice(-6).map((w) => [w.kind, w.price, iso(w.time), String(w.index), String(w.confirmedAt)])));
  const obs = r.orderBlocks.filter((b) => b.state !== 'broken').slice(-4);
  lines.push('');
  lines.push(`order blocks: ${r.orderBlocks.length} (${r.orderBlocks.filter((b) => b.state !== 'broken').length} unbroken); latest unbroken:`);
  lines.push(table(['kind', 'low', 'high', 'state', 'candle', 'formed at'], obs.map((b) => [b.kind, b.low, b.high, b.state, iso(b.time), String(b.formedAt)])));
  lines.push('');
  lines.push(`RSI ${num(r.rsi)}  ATR ${num(r.atr)}`);
  return lines.join('\n');
}
