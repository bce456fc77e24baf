import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The bundled raw Binance feed, read here independently of src/ (the tests' own parser). */
export const FEED_DIR = join(import.meta.dirname, '..', '..', '..', 'data', 'binance-feed');

export interface RawLine { recvNs: string; msg: Record<string, unknown> }

export function rawFeed(base: 'btc' | 'eth'): RawLine[] {
  const out: RawLine[] = [];
  for (const day of ['20240808', '20240809']) {
    const text = gunzipSync(readFileSync(join(FEED_DIR, `${base}usdt_${day}.gz`))).toString('utf8');
    for (const line of text.split('\n')) {
      if (!line) continue;
      const i = line.indexOf(' ');
      out.push({ recvNs: line.slice(0, i), msg: JSON.parse(line.slice(i + 1)) as Record<string, unknown> });
    }
  }
  return out;
}

export interface RawTrade { T: number; p: string; q: string; m: boolean }

export const rawTrades = (lines: RawLine[]): RawTrade[] =>
  lines.map((l) => l.msg['data'] as { e?: string } | undefined).filter((d): d is RawTrade & { e: string } => d?.e === 'trade');
