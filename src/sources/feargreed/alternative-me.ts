import { OutboundGuard, fetchJson } from '../outbound/guard.js';

export interface FearGreedPoint {
  /** UTC day start, epoch ms. */
  time: number;
  value: number;
  classification: string;
}

/**
 * alternative.me's `GET /fng/?limit=N` answer: {name, data: [{value: "40", value_classification:
 * "Fear", timestamp: "1551157200", time_until_update?}], metadata: {error: null}}; values and
 * times are strings, newest first.
 */
export function parseFng(json: unknown): FearGreedPoint[] {
  const o = json as { data?: unknown[]; metadata?: { error?: string | null } };
  if (o?.metadata?.error) throw new Error(`alternative.me: ${o.metadata.error}`);
  if (!o || !Array.isArray(o.data)) throw new Error('alternative.me: answer has no "data" array');
  return o.data.map((d, k) => {
    const r = d as { value?: unknown; value_classification?: unknown; timestamp?: unknown };
    const value = Number(r.value);
    const ts = Number(r.timestamp);
    if (!Number.isFinite(value) || value < 0 || value > 100 || !Number.isFinite(ts)) throw new Error(`alternative.me: data[${k}] has no value 0-100 and timestamp`);
    return { time: ts * 1000, value, classification: typeof r.value_classification === 'string' ? r.value_classification : '' };
  }).sort((a, b) => a.time - b.time);
}

/** The `date,value,classification` CSV alternative.me's history is often kept as. */
export function parseFngCsv(text: string): FearGreedPoint[] {
  const lines = text.trim().split(/\r?\n/);
  if (!/^date,value/i.test(lines[0] ?? '')) throw new Error('Fear & Greed CSV must start with a "date,value,..." header');
  return lines.slice(1).flatMap((l) => {
    const [d, v, c] = l.split(',');
    const time = Date.parse(`${d}T00:00:00Z`);
    const value = Number(v);
    return Number.isFinite(time) && Number.isFinite(value) ? [{ time, value, classification: c ?? '' }] : [];
  });
}

export class AlternativeMeClient {
  readonly guard: OutboundGuard;

  constructor(private readonly opts: { baseUrl: string; timeoutMs: number; perMinute: number }) {
    this.guard = new OutboundGuard({ name: 'alternative.me', perMinute: opts.perMinute, timeoutMs: opts.timeoutMs });
  }

  /** The last `limit` days (0 = the whole history), oldest first. */
  async history(limit: number): Promise<FearGreedPoint[]> {
    const url = `${this.opts.baseUrl.replace(/\/$/, '')}/fng/?limit=${limit}&format=json`;
    return parseFng(await this.guard.run(() => fetchJson(url, { timeoutMs: this.opts.timeoutMs })));
  }

  stop(): Promise<void> {
    return this.guard.stop();
  }
}
