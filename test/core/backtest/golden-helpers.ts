/** Reading and checking ../shared/golden/backtest (backtesting.py results). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCandleCsv, parseCandleRowsJson } from '../../../src/sources/market/parse.js';
import { parsePair } from '../../../src/core/types.js';
import type { Candles } from '../../../src/core/series.js';
import { backtestingPyStats, type BacktestingPyStats } from '../../../src/core/backtest/metrics.js';
import type { RunResult } from '../../../src/core/backtest/result.js';
import { SHARED_DATA, SHARED_GOLDEN } from '../../helpers/paths.js';
import { requires } from '../../helpers/requires.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
export const GOLDEN_BT = join(SHARED_GOLDEN, 'backtest');
/** Whether ../shared has the backtesting.py golden files (and the freqtrade candles some were run on). */
export const HAS_GOLDEN_BT = await requires('shared:golden/backtest', 'shared:data/nostalgia-for-infinity/binance');
const TOL = 1e-9;

export interface GoldenBacktest {
  source: string;
  bars: number;
  first: string;
  last: string;
  strategy: { name: string; fast: number; slow: number };
  commission: number;
  cash: number;
  stats: Record<string, number | string>;
  trades: { entry_bar: number; exit_bar: number; entry_time: string; exit_time: string; entry_price: number; exit_price: number; size: number; pnl: number; return_pct: number }[];
}

/** The candles a golden file was computed on: its freqtrade JSON in ../shared/data, or the bundled daily CSV filtered to the file name's symbol. */
export function goldenCandles(file: string, g: GoldenBacktest): Candles {
  if (g.source.endsWith('.json')) {
    const path = join(SHARED_DATA, 'nostalgia-for-infinity', 'binance', g.source);
    return parseCandleRowsJson(readFileSync(path, 'utf8'), path);
  }
  const sym = parsePair(/^smacross-[a-z]+-([a-z0-9]+)-/.exec(file)![1]!);
  const c = parseCandleCsv(readFileSync(join(ROOT, 'data', 'binance-daily', g.source), 'utf8'), g.source).get(sym);
  if (!c) throw new Error(`${g.source} has no ${sym}`);
  return c;
}

export const utc = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

function relErr(a: number, e: number): number {
  return e === 0 ? Math.abs(a) : Math.abs(a - e) / Math.abs(e);
}

/** Every number backtesting.py reports that Sextant computes the compatible way, against the file. */
export function compareGolden(g: GoldenBacktest, c: Candles, r: RunResult): { matched: number; maxRel: number; problems: string[] } {
  const problems: string[] = [];
  let maxRel = 0;
  const check = (what: string, a: number, e: number) => {
    const d = relErr(a, e);
    maxRel = Math.max(maxRel, d);
    if (!(d <= TOL)) problems.push(`${what}: ${a} != ${e} (rel ${d.toExponential(2)})`);
  };
  if (r.trades.length !== g.trades.length) problems.push(`trade count ${r.trades.length} != ${g.trades.length}`);
  let matched = 0;
  g.trades.forEach((t, i) => {
    const m = r.trades[i];
    if (!m) return;
    const before = problems.length;
    if (m.entryBar !== t.entry_bar || m.exitBar !== t.exit_bar) problems.push(`trade ${i}: bars ${m.entryBar}-${m.exitBar} != ${t.entry_bar}-${t.exit_bar}`);
    if (m.entryTime !== utc(t.entry_time) || m.exitTime !== utc(t.exit_time)) problems.push(`trade ${i}: times differ`);
    check(`trade ${i} entry price`, m.entryPrice, t.entry_price);
    check(`trade ${i} exit price`, m.exitPrice, t.exit_price);
    check(`trade ${i} size`, m.size, t.size);
    check(`trade ${i} pnl`, m.pnl, t.pnl);
    check(`trade ${i} return`, m.returnPct, t.return_pct);
    if (problems.length === before) matched++;
  });
  const s = backtestingPyStats({ ...r, closes: c.close });
  for (const [k, v] of Object.entries(g.stats)) {
    if (typeof v !== 'number' || NOT_COMPUTED.includes(k)) continue;
    const mine = s[k as keyof BacktestingPyStats];
    if (mine === undefined) problems.push(`stat ${k} not computed`);
    else check(k, mine, v);
  }
  return { matched, maxRel, problems };
}

/** backtesting.py stats Sextant does not reproduce (stated in the README). */
export const NOT_COMPUTED: string[] = [];

