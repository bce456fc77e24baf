import { describe, it, expect, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'sextant-scan-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const sextant = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('sextant scan --once on the bundled replay data (no network)', () => {
  it('writes per-pair JSON, per-pair charts, the HTML report and summary.json, and prints a summary', () => {
    const text = sextant('scan', '--once', '--out', out);
    expect(text).toMatch(/^batch \S+: replay 1d, top 200, 50 periods, window 25, k 4/);
    expect(text).toMatch(/\d+ pairs: \d+ scanned, 0 failed, \d+ with spikes, \d+ alerts/);
    const batches = readdirSync(out).filter((d) => d !== 'assets');
    expect(batches).toHaveLength(1);
    const dir = join(out, batches[0]!);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.source).toBe('replay');
    expect(summary.params).toMatchObject({ timeframe: '1d', top: 200, periods: 50, window: 25, k: 4, alertThreshold: 0.7, concurrency: 10 });
    // The bundled data has 144 Binance daily pairs (plus a few from other datasets).
    expect(summary.pairs.ok).toBeGreaterThanOrEqual(140);
    const pairFiles = readdirSync(join(dir, 'pairs'));
    const charts = readdirSync(join(dir, 'charts'));
    expect(pairFiles).toHaveLength(summary.pairs.requested);
    expect(charts).toHaveLength(summary.pairs.ok);
    const btc = JSON.parse(readFileSync(join(dir, 'pairs', 'BTC_USDT.json'), 'utf8'));
    expect(btc).toMatchObject({ status: 'ok', symbol: 'BTC/USDT', timeframe: '1d', candles: 75, scanned: 50 });
    expect(btc.series.volume).toHaveLength(75);
    const report = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(report).toContain('href="charts/BTC_USDT.html"');
    const chart = readFileSync(join(dir, 'charts', 'BTC_USDT.html'), 'utf8');
    expect(chart).toContain('src="../../assets/echarts.min.js"');
    expect(chart).not.toMatch(/https?:\/\/(?!www\.w3)/);
    // ECharts is written once per results folder, not per page.
    expect(statSync(join(out, 'assets', 'echarts.min.js')).size).toBeGreaterThan(500_000);
    expect(statSync(join(dir, 'charts', 'BTC_USDT.html')).size).toBeLessThan(100_000);
  });

  it('--tf 5m on daily data: pairs it cannot serve are failed with the reason; --top and --json', () => {
    const s = JSON.parse(sextant('scan', '--once', '--out', out, '--tf', '5m', '--top', '8', '--json'));
    expect(s.params.timeframe).toBe('5m');
    expect(s.pairs.requested).toBe(8);
    expect(s.pairs.failed).toBeGreaterThan(0);
    for (const f of s.failed) expect(f.reason).toMatch(/cannot be resampled to 5m/);
    expect(existsSync(join(s.dir, 'summary.json'))).toBe(true);
  });

  it('rejects bad options with one line naming them', () => {
    let err = '';
    try { sextant('scan', '--once', '--out', out, '--top', 'many'); } catch (e) { err = String((e as { stderr: string }).stderr); }
    expect(err).toMatch(/^sextant: top: /);
  });
});
