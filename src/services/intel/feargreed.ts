import { existsSync, readFileSync } from 'node:fs';
import type { Store } from '../../infra/store/types.js';
import { type AlternativeMeClient, type FearGreedPoint, parseFngCsv } from '../../sources/feargreed/alternative-me.js';
import { missing, type FearGreedPart, type Part } from './types.js';

const NS = 'intel_feargreed';

export interface FearGreedResult { part: Part<FearGreedPart>; history: FearGreedPoint[]; historySource: string | null }

async function stored(store: Store | undefined): Promise<FearGreedPoint[]> {
  if (!store) return [];
  try {
    return (await store.kvGet<FearGreedPoint[]>(NS, 'history'))?.value ?? [];
  } catch {
    return [];
  }
}

function merge(a: FearGreedPoint[], b: FearGreedPoint[]): FearGreedPoint[] {
  const m = new Map<number, FearGreedPoint>();
  for (const p of [...a, ...b]) m.set(p.time, p);
  return [...m.values()].sort((x, y) => x.time - y.time);
}

/**
 * Fear & Greed: alternative.me when online (the whole history is fetched and stored, so
 * the backtest and later offline runs have it); offline, a configured history file or what
 * an earlier online run stored.
 */
export async function fearGreedPart(opts: { client: AlternativeMeClient | undefined; historyFile?: string; store: Store | undefined; offlineReason: string }): Promise<FearGreedResult> {
  let history: FearGreedPoint[] = [];
  let source: string | null = null;
  let fetchError: string | null = null;
  if (opts.client) {
    try {
      const have = await stored(opts.store);
      // The whole history once, then the last days: alternative.me's limit=0 is ~2,500 rows.
      const fresh = await opts.client.history(have.length ? 10 : 0);
      history = merge(have, fresh);
      source = 'alternative.me /fng/';
      await opts.store?.kvSet(NS, 'history', history).catch(() => undefined);
    } catch (e) {
      fetchError = (e as Error).message;
    }
  }
  if (!history.length && opts.historyFile) {
    if (existsSync(opts.historyFile)) {
      try {
        history = parseFngCsv(readFileSync(opts.historyFile, 'utf8'));
        source = `history file ${opts.historyFile}`;
      } catch (e) {
        fetchError = `${fetchError ? `${fetchError}; ` : ''}${(e as Error).message}`;
      }
    } else fetchError = `${fetchError ? `${fetchError}; ` : ''}history file ${opts.historyFile} not found`;
  }
  if (!history.length) {
    const s = await stored(opts.store);
    if (s.length) {
      history = s;
      source = `history stored by an earlier online run (${s.length} days)`;
    }
  }
  const last = history[history.length - 1];
  if (!last) return { part: missing(fetchError ? `Fear & Greed unavailable: ${fetchError}` : opts.offlineReason), history, historySource: null };
  return {
    part: { status: 'present', source: `${source}${fetchError ? ` (live fetch failed: ${fetchError})` : ''}`, as_of: new Date(last.time).toISOString(), value: last.value, classification: last.classification, history_days: history.length },
    history,
    historySource: source,
  };
}
