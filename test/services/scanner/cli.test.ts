import { describe, it, expect, afterAll } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { localServer } from './local-server.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'sextant-scan-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// A store of this run's own: alerts already sent are remembered there, and no user's store is touched.
const env = { ...process.env, DATABASE_URL: '', SEXTANT_STORE__SQLITE_PATH: join(out, 'store.db'), LOG_LEVEL: 'warn' };
const sextant = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
const sextantAsync = (extraEnv: Record<string, string>, ...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', env: { ...env, ...extraEnv } });

// Each test starts the CLI and scans the bundled pairs (the first renders PNGs too): generous
// timeouts, since many suites share the cores.
describe('sextant scan --once on the bundled replay data (no network)', () => {
  it('writes seed 000 files per pair (data JSON, chart HTML, report HTML, PNG) and batch_summary, plus report.html and summary.json', () => {
    const text = sextant('scan', '--once', '--out', out);
    expect(text).toMatch(/^batch \S+: replay 1d, top 200, 50 periods, window 25, k 4/);
    expect(text).toMatch(/\d+ pairs: \d+ scanned, 0 failed, \d+ with spikes, \d+ alerts/);
    const batches = readdirSync(out).filter((d) => d !== 'assets' && !d.startsWith('store.db'));
    expect(batches).toHaveLength(1);
    const dir = join(out, batches[0]!);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.source).toBe('replay');
    expect(summary.params).toMatchObject({ timeframe: '1d', top: 200, periods: 50, window: 25, k: 4, alertThreshold: 0.7, concurrency: 10 });
    // The bundled data has 144 Binance daily pairs (plus a few from other datasets).
    expect(summary.pairs.ok).toBeGreaterThanOrEqual(140);
    // Seed 000's names: {pair}_{timeframe}_{timestamp}_{data.json|chart.html|report.html}, batch_summary_{timestamp}.json.
    const stamp = summary.startedAt.replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
    const files = readdirSync(dir);
    expect(files).toContain(`batch_summary_${stamp}.json`);
    expect(JSON.parse(readFileSync(join(dir, `batch_summary_${stamp}.json`), 'utf8'))).toEqual(summary);
    const kinds = (suffix: string) => files.filter((f) => f.endsWith(suffix) && /^[a-z0-9]+_[a-z0-9]+_[a-z0-9]+_\d{8}_\d{6}_/.test(f));
    expect(kinds('_data.json')).toHaveLength(summary.pairs.requested);
    expect(kinds('_chart.html')).toHaveLength(summary.pairs.ok);
    expect(kinds('_report.html')).toHaveLength(summary.pairs.ok);
    // PNGs for the pairs with a spike (the default), each a real PNG.
    const withSpikes = summary.results.filter((r: { spikes?: number }) => (r.spikes ?? 0) > 0);
    expect(kinds('_chart.png')).toHaveLength(withSpikes.length);
    expect(withSpikes.length).toBeGreaterThan(0);
    const png = readFileSync(join(dir, withSpikes[0].files.png));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const stem = `btc_usdt_day1_${stamp}`;
    expect(summary.results.find((r: { symbol: string }) => r.symbol === 'BTC/USDT').files).toMatchObject({ data: `${stem}_data.json`, chart: `${stem}_chart.html`, report: `${stem}_report.html` });
    const btc = JSON.parse(readFileSync(join(dir, `${stem}_data.json`), 'utf8'));
    expect(btc).toMatchObject({ status: 'ok', symbol: 'BTC/USDT', timeframe: '1d', candles: 75, scanned: 50 });
    expect(btc.series.volume).toHaveLength(75);
    const report = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(report).toContain(`href="${stem}_chart.html"`);
    expect(report).toContain(`href="${stem}_report.html"`);
    const pairReport = readFileSync(join(dir, `${stem}_report.html`), 'utf8');
    expect(pairReport).toContain(`href="${stem}_chart.html"`);
    expect(pairReport).toContain('BTC/USDT');
    const chart = readFileSync(join(dir, `${stem}_chart.html`), 'utf8');
    expect(chart).toContain('src="../assets/echarts.min.js"');
    expect(chart).not.toMatch(/https?:\/\/(?!www\.w3)/);
    // ECharts is written once per results folder, not per page.
    expect(statSync(join(out, 'assets', 'echarts.min.js')).size).toBeGreaterThan(500_000);
    expect(statSync(join(dir, `${stem}_chart.html`)).size).toBeLessThan(100_000);
  }, 240_000);

  it('--tf 5m on daily data: pairs it cannot serve are failed with the reason; --top and --json', () => {
    const s = JSON.parse(sextant('scan', '--once', '--out', out, '--tf', '5m', '--top', '8', '--json'));
    expect(s.params.timeframe).toBe('5m');
    expect(s.pairs.requested).toBe(8);
    expect(s.pairs.failed).toBeGreaterThan(0);
    for (const f of s.failed) expect(f.reason).toMatch(/cannot be resampled to 5m/);
    expect(existsSync(join(s.dir, 'summary.json'))).toBe(true);
  }, 120_000);

  it('rejects bad options with one line naming them', () => {
    let err = '';
    try { sextant('scan', '--once', '--out', out, '--top', 'many'); } catch (e) { err = String((e as { stderr: string }).stderr); }
    expect(err).toMatch(/^sextant: top: /);
  });

  it('two scan --once runs on one store post each alert once (alerts deduplicated through the store)', async () => {
    const hook = await localServer();
    const dedupeDir = join(out, 'dedupe');
    try {
      // Every alert-level spike of the scanned periods (not only the latest candle), so there are many to repeat.
      const extra = { SEXTANT_SCANNER__ALERT_SCOPE: 'all', SEXTANT_SCANNER__PNG: 'none', SEXTANT_STORE__SQLITE_PATH: join(out, 'dedupe.db') };
      const first = JSON.parse((await sextantAsync(extra, 'scan', '--once', '--out', dedupeDir, '--top', '60', '--webhook', hook.url, '--json')).stdout);
      expect(first.alerts.length).toBeGreaterThan(10);
      expect(hook.received).toHaveLength(1);
      const posted = (hook.received[0]!.body as { alerts: unknown[] }).alerts;
      expect(posted).toHaveLength(first.alerts.length);
      const second = JSON.parse((await sextantAsync(extra, 'scan', '--once', '--out', dedupeDir, '--top', '60', '--webhook', hook.url, '--json')).stdout);
      // The second batch finds the same spikes again; nothing new goes out.
      expect(second.alerts).toHaveLength(first.alerts.length);
      expect(hook.received).toHaveLength(1);
      // Another store knows nothing of the first runs: it posts them again.
      await sextantAsync({ ...extra, SEXTANT_STORE__SQLITE_PATH: join(out, 'other.db') }, 'scan', '--once', '--out', dedupeDir, '--top', '60', '--webhook', hook.url, '--json');
      expect(hook.received).toHaveLength(2);
    } finally {
      await hook.close();
    }
  }, 300_000);
});
