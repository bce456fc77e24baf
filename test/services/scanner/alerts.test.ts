import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatchAlerts, logSink, telegramSink, webhookSink } from '../../../src/services/scanner/alerts.js';
import { ScannerService } from '../../../src/services/scanner/service.js';
import { defaultScannerSettings } from '../../../src/config/scanner.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { localServer } from './local-server.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function realBatch(sinks: Parameters<typeof dispatchAlerts>[0]) {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-alerts-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const svc = new ScannerService(new ReplaySource(), defaultScannerSettings({ resultsDir: dir, top: 30, alertScope: 'all' }), sinks);
  return { svc, run: await svc.run('manual') };
}

describe('alert sinks on a real replay batch', () => {
  it('webhook: one JSON POST with every new alert; a repeat batch sends nothing new', async () => {
    const hook = await localServer();
    cleanups.push(hook.close);
    const { svc, run } = await realBatch([webhookSink(`${hook.url}/hooks/scan`)]);
    expect(run.summary.alerts.length).toBeGreaterThan(0);
    expect(run.sinkErrors).toEqual([]);
    expect(hook.received).toHaveLength(1);
    const r = hook.received[0]!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe('/hooks/scan');
    expect(r.headers['content-type']).toBe('application/json');
    const body = r.body as { type: string; batchId: string; alerts: { symbol: string; confidence: number }[] };
    expect(body.type).toBe('volume_spike_alerts');
    expect(body.batchId).toBe(run.summary.batchId);
    expect(body.alerts.length).toBe(run.summary.alerts.length);
    for (const a of body.alerts) expect(a.confidence).toBeGreaterThanOrEqual(0.7);
    // The same candles are re-scanned next time; the receiver must not hear them twice.
    const again = await svc.run('manual');
    expect(again.sent).toBe(0);
    expect(hook.received).toHaveLength(1);
  });

  it('telegram: sendMessage to /bot<token>/ with chat_id and the alerts in the text', async () => {
    const tg = await localServer(200, { ok: true, result: { message_id: 1 } });
    cleanups.push(tg.close);
    const { run } = await realBatch([telegramSink({ token: '123:ABC', chatId: '-10042', baseUrl: tg.url })]);
    expect(run.sinkErrors).toEqual([]);
    expect(tg.received).toHaveLength(1);
    const r = tg.received[0]!;
    expect(r.url).toBe('/bot123:ABC/sendMessage');
    const body = r.body as { chat_id: string; text: string };
    expect(body.chat_id).toBe('-10042');
    expect(body.text).toContain(run.summary.alerts[0]!.symbol);
    expect(body.text).toMatch(/confidence \d\.\d\d/);
  });

  it('a failing endpoint is reported, the token is masked, and other sinks still deliver', async () => {
    const bad = await localServer(401, { ok: false, description: 'Unauthorized' });
    const good = await localServer();
    cleanups.push(bad.close, good.close);
    const lines: object[] = [];
    const { run } = await realBatch([
      telegramSink({ token: 'SECRET', chatId: '1', baseUrl: bad.url }),
      webhookSink(good.url),
      logSink({ info: (o) => lines.push(o) }),
    ]);
    expect(run.sinkErrors).toHaveLength(1);
    expect(run.sinkErrors[0]!.sink).toBe('telegram');
    expect(run.sinkErrors[0]!.error).toMatch(/401/);
    expect(run.sinkErrors[0]!.error).not.toContain('SECRET');
    expect(good.received).toHaveLength(1);
    expect(lines.length).toBe(run.summary.alerts.length);
  });
});
