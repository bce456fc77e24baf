import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/**
 * The bundled real data, parsed as the exchange would hold it: prices and amounts stay
 * the strings found in the files so payloads carry the exact digits.
 */
export interface Bar {
  /** Open time, epoch ms (UTC). */
  t: number;
  o: string;
  h: string;
  l: string;
  c: string;
  v: string;
}

/** A Binance `trade` stream message's data (individual trade). */
export interface RawTrade {
  e: 'trade';
  E: number;
  s: string;
  t: number;
  p: string;
  q: string;
  T: number;
  m: boolean;
  M: boolean;
}

export interface DepthSnapshot {
  lastUpdateId: number;
  bids: [string, string][];
  asks: [string, string][];
}

/** One line of the recorded feed: local receive time and the raw JSON text. */
export interface FeedLine {
  recvNs: bigint;
  json: string;
}

export interface Feed {
  snapshot: DepthSnapshot;
  /** Receive time (ns) of the snapshot: diffs before it are older than the book. */
  snapshotRecvNs: bigint;
  trades: RawTrade[];
  /** Every combined-stream message in order (`{"stream":…,"data":…}`), for websocket replay. */
  streamLines: FeedLine[];
}

export const DATA_DIR = fileURLToPath(new URL('../../../data', import.meta.url));

let daily: Map<string, Bar[]> | undefined;

/** Binance daily candles of 144 USDT pairs, keyed by unified symbol (BTC/USDT). */
export function dailyBars(): Map<string, Bar[]> {
  if (daily) return daily;
  const bySymbol = new Map<string, Map<number, Bar>>();
  const dir = join(DATA_DIR, 'binance-daily');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (!line) continue;
      const [date, o, h, l, c, v, symbol] = line.split(',');
      if (!symbol) continue;
      const t = Date.parse(`${date}T00:00:00Z`);
      let m = bySymbol.get(symbol);
      if (!m) bySymbol.set(symbol, (m = new Map()));
      m.set(t, { t, o: o!, h: h!, l: l!, c: c!, v: v! });
    }
  }
  daily = new Map([...bySymbol].map(([s, m]) => [s, [...m.values()].sort((a, b) => a.t - b.t)]));
  return daily;
}

let hourly: Bar[] | undefined;

/** LEAN's Binance BTCUSDT hour bars ("YYYYMMDD HH:mm,o,h,l,c,v"), 2018-05-01..05. */
export function hourlyBtc(): Bar[] {
  if (hourly) return hourly;
  const text = readFileSync(join(DATA_DIR, 'lean/crypto/binance/hour/btcusdt.csv'), 'utf8');
  hourly = text
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const [stamp, o, h, l, c, v] = line.trim().split(',');
      const [d, hm] = stamp!.split(' ');
      const t = Date.UTC(Number(d!.slice(0, 4)), Number(d!.slice(4, 6)) - 1, Number(d!.slice(6, 8)), Number(hm!.slice(0, 2)), Number(hm!.slice(3, 5)));
      return { t, o: o!, h: h!, l: l!, c: c!, v: v! };
    });
  return hourly;
}

const feeds = new Map<string, Feed>();

/** The first recorded day of the Binance spot feed for `base` (btc, eth). */
export function feed(base: 'btc' | 'eth'): Feed {
  const cached = feeds.get(base);
  if (cached) return cached;
  const text = gunzipSync(readFileSync(join(DATA_DIR, `binance-feed/${base}usdt_20240808.gz`))).toString('utf8');
  let snapshot: DepthSnapshot | undefined;
  let snapshotRecvNs = 0n;
  const trades: RawTrade[] = [];
  const streamLines: FeedLine[] = [];
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const recvNs = BigInt(line.slice(0, space));
    const json = line.slice(space + 1);
    if (json.startsWith('{"lastUpdateId"')) {
      snapshot ??= JSON.parse(json) as DepthSnapshot;
      snapshotRecvNs = recvNs;
      continue;
    }
    streamLines.push({ recvNs, json });
    if (json.includes('"e":"trade"')) trades.push((JSON.parse(json) as { data: RawTrade }).data);
  }
  if (!snapshot) throw new Error(`no depth snapshot in the ${base} feed`);
  const f = { snapshot, snapshotRecvNs, trades, streamLines };
  feeds.set(base, f);
  return f;
}

/** BTC/USDT → btc, for the pairs that have a recorded feed. */
export function feedBase(symbol: string): 'btc' | 'eth' | undefined {
  if (symbol === 'BTC/USDT') return 'btc';
  if (symbol === 'ETH/USDT') return 'eth';
  return undefined;
}
