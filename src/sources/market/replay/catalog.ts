import { asPair } from '../../../core/types.js';
import type { Pair } from '../../../core/types.js';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Candles, concatCandles } from '../../../core/series.js';
import { type Timeframe, timeframeMs } from '../../../core/timeframes.js';
import { splitCsvBySymbol, parseCandleCsv, parseLeanCsv, parseTa4jJson } from '../parse.js';

/** The repo's bundled data folder, found relative to this file in src/ and in dist/. */
export function defaultDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'data', 'PROVENANCE.md'))) return join(dir, 'data');
    dir = dirname(dir);
  }
  throw new Error('bundled data/ folder not found next to the sextant package');
}

export interface CandleDataset {
  id: string;
  exchange: string;
  timeframe: Timeframe;
  description: string;
  licence: string;
  /** Opens the dataset: its symbols are known at once, each symbol's candles read when asked for. */
  open(dataDir: string): DatasetReader;
  /** Symbol -> raw candles of every symbol (validated later by the clean layer). */
  load(dataDir: string): Map<string, Candles>;
}

export interface DatasetReader {
  /** The symbols, in the order `load` returns them. */
  readonly symbols: readonly string[];
  /** Raw candles of one symbol (undefined when the dataset does not hold it). */
  read(symbol: string): Candles | undefined;
}

export interface FeedDataset {
  id: string;
  exchange: string;
  symbol: Pair;
  description: string;
  licence: string;
  files: string[];
}

const readAll = (r: DatasetReader) => new Map(r.symbols.map((s) => [s, r.read(s)!] as const));

/** A dataset of a few fixed series, each read from its own file(s) only when asked for. */
function fixedSeries(readers: Record<string, (dataDir: string) => Candles>): Pick<CandleDataset, 'open' | 'load'> {
  const open = (dataDir: string): DatasetReader => ({
    symbols: Object.keys(readers),
    read: (s) => (Object.hasOwn(readers, s) ? readers[s]!(dataDir) : undefined),
  });
  return { open, load: (dataDir) => readAll(open(dataDir)) };
}

/**
 * The daily files hold 144 pairs; a replay of ten should not parse them all (that was most
 * of its start). Opening splits each file into one small CSV per pair (a scan for line
 * ends and the symbol column, no numbers read); `read` parses just that pair's parts.
 */
function openBinanceDaily(dataDir: string): DatasetReader {
  const dir = join(dataDir, 'binance-daily');
  const parts = new Map<string, { file: string; csv: string }[]>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv')).sort()) {
    for (const [sym, csv] of splitCsvBySymbol(readFileSync(join(dir, f), 'utf8'), f)) {
      const list = parts.get(sym) ?? [];
      list.push({ file: f, csv });
      parts.set(sym, list);
    }
  }
  return {
    symbols: [...parts.keys()],
    read(symbol) {
      const list = parts.get(symbol);
      return list && concatCandles(list.map((p) => parseCandleCsv(p.csv, p.file).get(symbol)!));
    },
  };
}

const leanDay = (file: string) => {
  const m = /(\d{4})(\d{2})(\d{2})_/.exec(file);
  if (!m) throw new Error(`LEAN minute file without a date: ${file}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
};

function leanMinute(dataDir: string, rel: string): Candles {
  const dir = join(dataDir, rel);
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
  return concatCandles(files.map((f) => parseLeanCsv(readFileSync(join(dir, f), 'utf8'), leanDay(f))));
}

const leanBars = (dataDir: string, rel: string) => parseLeanCsv(readFileSync(join(dataDir, rel), 'utf8'));

const coinbase4h = (dataDir: string, file: string) => parseTa4jJson(readFileSync(join(dataDir, 'coinbase', file), 'utf8'), timeframeMs('4h'));


export const CANDLE_DATASETS: readonly CandleDataset[] = [
  {
    id: 'binance-daily',
    exchange: 'binance',
    timeframe: '1d',
    description: 'Binance spot daily candles, 144 USDT pairs, 2017-08-17 → 2024-04-09',
    licence: 'Unlicense (scofieldchen/quant-research)',
    open: openBinanceDaily,
    load: (dataDir) => readAll(openBinanceDaily(dataDir)),
  },
  {
    id: 'coinbase-4h',
    exchange: 'coinbase',
    timeframe: '4h',
    description: 'Coinbase BTC-USD and ETH-USD 4h candles, 2016 → 2025',
    licence: 'MIT (ta4j)',
    ...fixedSeries({
      'BTC/USD': (d) => coinbase4h(d, 'Coinbase-BTC-USD-PT4H-20160518_20251028.json'),
      'ETH/USD': (d) => coinbase4h(d, 'Coinbase-ETH-USD-PT4H-20160518_20251028.json'),
    }),
  },
  {
    id: 'coinbase-1d',
    exchange: 'coinbase',
    timeframe: '1d',
    description: 'Coinbase ETH-USD daily candles, 2016 → 2026-03',
    licence: 'MIT (ta4j)',
    ...fixedSeries({
      'ETH/USD': (d) => parseTa4jJson(readFileSync(join(d, 'coinbase', 'Coinbase-ETH-USD-PT1D-20160517_20260310.json'), 'utf8'), timeframeMs('1d')),
    }),
  },
  {
    id: 'lean-binance-1h',
    exchange: 'binance',
    timeframe: '1h',
    description: 'Binance BTCUSDT hourly trade bars, 2018-05-01 → 2018-05-05 (LEAN sample)',
    licence: 'Apache-2.0 (QuantConnect/Lean)',
    ...fixedSeries({ 'BTC/USDT': (d) => leanBars(d, 'lean/crypto/binance/hour/btcusdt.csv') }),
  },
  {
    id: 'lean-bitfinex-1h',
    exchange: 'bitfinex',
    timeframe: '1h',
    description: 'Bitfinex BTCUSD hourly trade bars, 2013-10 (LEAN sample)',
    licence: 'Apache-2.0 (QuantConnect/Lean)',
    ...fixedSeries({ 'BTC/USD': (d) => leanBars(d, 'lean/crypto/bitfinex/hour/btcusd.csv') }),
  },
  {
    id: 'lean-coinbase-1d',
    exchange: 'coinbase',
    timeframe: '1d',
    description: 'Coinbase BTCUSD daily trade bars, 2014-12 → 2018-08 (LEAN sample)',
    licence: 'Apache-2.0 (QuantConnect/Lean)',
    ...fixedSeries({ 'BTC/USD': (d) => leanBars(d, 'lean/crypto/coinbase/daily/btcusd.csv') }),
  },
  {
    id: 'lean-coinbase-1m',
    exchange: 'coinbase',
    timeframe: '1m',
    description: 'Coinbase BTC/ETH/LTC-USD and BTC-EUR minute trade bars, 2018-04-04 → 06 (LEAN sample)',
    licence: 'Apache-2.0 (QuantConnect/Lean)',
    ...fixedSeries({
      'BTC/USD': (d) => leanMinute(d, 'lean/crypto/coinbase/minute/btcusd'),
      'ETH/USD': (d) => leanMinute(d, 'lean/crypto/coinbase/minute/ethusd'),
      'LTC/USD': (d) => leanMinute(d, 'lean/crypto/coinbase/minute/ltcusd'),
      'BTC/EUR': (d) => leanMinute(d, 'lean/crypto/coinbase/minute/btceur'),
    }),
  },
  {
    id: 'lean-binance-1m',
    exchange: 'binance',
    timeframe: '1m',
    description: 'Binance BTCBUSD minute trade bars, 2022-12-13 (LEAN sample)',
    licence: 'Apache-2.0 (QuantConnect/Lean)',
    ...fixedSeries({ 'BTC/BUSD': (d) => leanMinute(d, 'lean/crypto/binance/minute/btcbusd') }),
  },
  {
    id: 'lean-bybit-1m',
    exchange: 'bybit',
    timeframe: '1m',
    description: 'Bybit BTCUSDT minute trade bars, 2022-12-13 (LEAN sample)',
    licence: 'Apache-2.0 (QuantConnect/Lean)',
    ...fixedSeries({ 'BTC/USDT': (d) => leanMinute(d, 'lean/crypto/bybit/minute/btcusdt') }),
  },
];

export const FEED_DATASETS: readonly FeedDataset[] = ['btc', 'eth'].map((b) => ({
  id: `binance-feed-${b}usdt`,
  exchange: 'binance',
  symbol: asPair(`${b.toUpperCase()}/USDT`),
  description: `Binance spot ${b.toUpperCase()}USDT raw feed (trades, depth snapshot + 100 ms diffs), 2024-08-08 23:54 → 2024-08-09 00:05`,
  licence: 'MIT (nkaz001/hftbacktest)',
  files: [`binance-feed/${b}usdt_20240808.gz`, `binance-feed/${b}usdt_20240809.gz`],
}));
