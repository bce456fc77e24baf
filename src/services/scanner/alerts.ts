import type { AlertItem, BatchSummary } from './types.js';

/** Where alerts go. A sink that fails is reported by the caller; it never stops a batch. */
export interface AlertSink {
  readonly name: string;
  send(alerts: readonly AlertItem[], batch: BatchSummary): Promise<void>;
}

export interface AlertLogger {
  info(obj: object, msg: string): void;
}

/** One structured log line per alert. */
export function logSink(log: AlertLogger = { info: (o, m) => process.stderr.write(`${JSON.stringify({ level: 'info', msg: m, ...o })}\n`) }): AlertSink {
  return {
    name: 'log',
    async send(alerts, batch) {
      for (const a of alerts) log.info({ batchId: batch.batchId, ...a }, 'volume spike alert');
    },
  };
}

async function postJson(url: string, body: unknown, timeoutMs: number): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`${url.replace(/\/bot[^/]+/, '/bot***')} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

/** One POST per batch with every new alert, so a receiver sees a batch atomically. */
export function webhookSink(url: string, timeoutMs = 10_000): AlertSink {
  return {
    name: 'webhook',
    async send(alerts, batch) {
      await postJson(url, {
        type: 'volume_spike_alerts', batchId: batch.batchId, source: batch.source, timeframe: batch.params.timeframe, alerts,
      }, timeoutMs);
    },
  };
}

const pct = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)}×`);

export function telegramText(alerts: readonly AlertItem[], batch: BatchSummary): string {
  const lines = alerts.slice(0, 30).map((a) => `${a.symbol} ${a.timeframe} ${a.time.slice(0, 16).replace('T', ' ')}Z: volume ${pct(a.relVolume)} the mean, z ${a.z?.toFixed(1) ?? '∞'}, confidence ${a.confidence.toFixed(2)}`);
  const more = alerts.length > 30 ? `\n… and ${alerts.length - 30} more` : '';
  return `Volume spikes (${batch.source}, batch ${batch.batchId}):\n${lines.join('\n')}${more}`;
}

/**
 * Telegram Bot API sendMessage. The base URL is configurable so tests (and self-hosted
 * Bot API servers) can stand in for api.telegram.org; the token never appears in errors.
 */
export function telegramSink(opts: { token: string; chatId: string; baseUrl?: string; timeoutMs?: number }): AlertSink {
  const base = (opts.baseUrl ?? 'https://api.telegram.org').replace(/\/+$/, '');
  return {
    name: 'telegram',
    async send(alerts, batch) {
      await postJson(`${base}/bot${opts.token}/sendMessage`, { chat_id: opts.chatId, text: telegramText(alerts, batch), disable_web_page_preview: true }, opts.timeoutMs ?? 10_000);
    },
  };
}

/** Sends to every sink; returns the failures instead of throwing. */
export async function dispatchAlerts(sinks: readonly AlertSink[], alerts: readonly AlertItem[], batch: BatchSummary): Promise<{ sink: string; error: string }[]> {
  if (!alerts.length) return [];
  const res = await Promise.allSettled(sinks.map((s) => s.send(alerts, batch)));
  return res.flatMap((r, i) => (r.status === 'rejected' ? [{ sink: sinks[i]!.name, error: (r.reason as Error)?.message ?? String(r.reason) }] : []));
}
