import type { Store } from '../../infra/store/types.js';
import type { AlertItem, BatchSummary, PairResult } from './types.js';

/** Namespaces in the store's key-value table; the batch id (a sortable time stamp) is the key. */
const NS = { head: 'scan:batch-head', summary: 'scan:batch', pair: 'scan:pair', sent: 'scan:alert-sent' } as const;

/** One alert's identity across runs and processes: the same spike of the same candle. */
export const alertKey = (source: string, a: Pick<AlertItem, 'symbol' | 'timeframe' | 'time'>) => `${source}|${a.symbol}|${a.timeframe}|${a.time}`;

export type BatchHead = Omit<BatchSummary, 'results' | 'alerts' | 'failed'>;

const pairKey = (batchId: string, symbol: string) => `${batchId}|${symbol}`;

/**
 * Scanner batches in the Store (SQLite or PostgreSQL, whichever the process is wired to),
 * so every API process behind one database answers the same results; the files under
 * resultsDir remain as the HTML/JSON export. The small head of each batch is kept apart
 * so listing the history does not read every pair of every batch.
 */
export class ScanResultStore {
  constructor(private readonly store: Store) {}

  /** Pairs first, the summary, then the head: a head present means the batch is complete. */
  async put(summary: BatchSummary, pairs: readonly PairResult[]): Promise<void> {
    for (const p of pairs) await this.store.kvSet(NS.pair, pairKey(summary.batchId, p.symbol), { batchId: summary.batchId, ...p });
    await this.store.kvSet(NS.summary, summary.batchId, summary);
    await this.store.kvSet(NS.head, summary.batchId, head(summary));
  }

  /** Complete batches, newest first. */
  async batches(limit = 100): Promise<BatchHead[]> {
    const all = await this.store.kvList<BatchHead>(NS.head);
    return all.map((e) => e.value).sort((a, b) => (a.batchId < b.batchId ? 1 : a.batchId > b.batchId ? -1 : 0)).slice(0, limit);
  }

  async latest(): Promise<BatchSummary | null> {
    const [newest] = await this.batches(1);
    return newest ? this.summary(newest.batchId) : null;
  }

  async summary(batchId: string): Promise<BatchSummary | null> {
    if (!(await this.store.kvGet(NS.head, batchId))) return null;
    return (await this.store.kvGet<BatchSummary>(NS.summary, batchId))?.value ?? null;
  }

  /** The alerts no run (of any process on this store) has sent yet. */
  async unsent(source: string, alerts: readonly AlertItem[]): Promise<AlertItem[]> {
    const out: AlertItem[] = [];
    for (const a of alerts) if (!(await this.store.kvGet(NS.sent, alertKey(source, a)))) out.push(a);
    return out;
  }

  async markSent(source: string, batchId: string, alerts: readonly AlertItem[]): Promise<void> {
    for (const a of alerts) await this.store.kvSet(NS.sent, alertKey(source, a), { batchId, confidence: a.confidence });
  }

  /** Forgets sent alerts recorded before `before` (epoch ms); says how many. */
  async forgetSent(before: number): Promise<number> {
    let n = 0;
    for (const e of await this.store.kvList(NS.sent)) if (e.updatedAt < before && (await this.store.kvDelete(NS.sent, e.key))) n++;
    return n;
  }

  /** Deletes a batch: head first, so readers never see a listed batch without its summary. */
  async remove(batchId: string): Promise<void> {
    const s = (await this.store.kvGet<BatchSummary>(NS.summary, batchId))?.value;
    await this.store.kvDelete(NS.head, batchId);
    for (const r of s?.results ?? []) await this.store.kvDelete(NS.pair, pairKey(batchId, r.symbol));
    await this.store.kvDelete(NS.summary, batchId);
  }

  async pair(symbol: string, batchId?: string): Promise<(PairResult & { batchId: string }) | null> {
    const id = batchId ?? (await this.batches(1))[0]?.batchId;
    if (!id) return null;
    return (await this.store.kvGet<PairResult & { batchId: string }>(NS.pair, pairKey(id, symbol)))?.value ?? null;
  }
}

function head(s: BatchSummary): BatchHead {
  const { results: _r, alerts: _a, failed: _f, ...rest } = s;
  return rest;
}
