import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, sextant } from '../helpers/cli.js';
import { shared } from '../helpers/paths.js';
import { requires } from '../helpers/requires.js';

const HOURLY = 'data/quant-research/binance_btcusdt_1h.csv';
const hasHourly = await requires(`shared:${HOURLY}`);

// A store of this file's own, so imports here never meet another suite's.
const work = mkdtempSync(join(tmpdir(), 'sextant-cli-first-hour-'));
const ownStore = { SEXTANT_STORE__SQLITE_PATH: join(work, 'store.db') };
afterAll(() => rmSync(work, { recursive: true, force: true }));

const oneErrorLine = (stderr: string) => stderr.trim().split('\n').filter((l) => l.startsWith('sextant:'));

describe('what a new user meets first', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await sextant(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  // Each used to throw a plain Error: exit 1, as if Sextant had a bug.
  it.each([
    [['candles', 'BTC/USDT', '--since', 'yesterday-ish'], /--since "yesterday-ish" is not a date/],
    [['signals', 'list', '--direction', 'up'], /--direction must be long, short or neutral, got "up"/],
    [['scan', '--once', '--daemon'], /--once and --daemon exclude each other/],
    [['scan', '--telegram-token', 'abc'], /--telegram-token and --telegram-chat go together/],
    [['serve', '--tracker-speed', '0'], /--tracker-speed must be a positive number/],
    [['data', 'fetch', 'replay', 'BTC/USDT', '--since', '2024-01-01', '--until', 'soon'], /--until "soon" is not a date/],
  ] as [string[], RegExp][])('option error %j: exit 2 and one readable line', async (args, message) => {
    const r = await sextant(args, ownStore);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  }, 300_000);

  it('signals list of an unknown pair (BTC/USTD) is an error, of a known one a table', async () => {
    const typo = await sextant(['signals', 'list', '--symbol', 'BTC/USTD'], ownStore);
    expect(typo.code).toBe(3);
    expect(oneErrorLine(typo.stderr)).toEqual([expect.stringMatching(/unknown pair BTC\/USTD/)]);
    const known = await sextant(['signals', 'list', '--symbol', 'BTC/USDT'], ownStore);
    expect(known.code, known.stderr).toBe(0);
    expect(known.stdout).toMatch(/^time\s+pair\s+tf/);
  }, 300_000);

  it('indicators run prints a table by default, CSV with --csv, JSON with --json', async () => {
    const args = ['indicators', 'run', 'BBANDS', 'BTC/USDT', '--limit', '30'];
    const [tbl, csv, json] = await Promise.all([sextant(args), sextant([...args, '--csv']), sextant([...args, '--json'])]);
    const j = JSON.parse(json.stdout) as { time: number[]; outputs: Record<string, (number | null)[]>; lookback: number };
    const names = Object.keys(j.outputs);
    expect(names).toHaveLength(3);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(`time,${names.join(',')}`);
    expect(lines).toHaveLength(31);
    // The CSV carries the JSON's numbers exactly; warm-up cells are empty.
    expect(lines[30]!.split(',').slice(1).map(Number)).toEqual(names.map((n) => j.outputs[n]!.at(-1)));
    expect(lines[1]!.split(',').slice(1)).toEqual(['', '', '']);
    expect(tbl.code).toBe(0);
    expect(tbl.stdout.split('\n')[0]).toMatch(/^BBANDS \(.*timePeriod=5.*\) on BTC\/USDT 1d: 30 candles, first 4 in warm-up$/);
    expect(tbl.stdout.split('\n')[1]).toMatch(new RegExp(`^time\\s+${names.join('\\s+')}$`));
    expect(tbl.stdout).toContain('2024-04-09T00:00:00Z');
  }, 300_000);

  it.runIf(hasHourly)('stored candles can be analysed: import, then signal/levels/analyze --source store give what the file gives', async () => {
    const file = shared(HOURLY);
    const imp = await sextant(['data', 'import', file, '--pair', 'BTC/USDT'], ownStore);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/into sqlite \(import BTC\/USDT 1h\)/);
    const [fromStore, fromFile] = await Promise.all([
      sextant(['signal', 'BTC/USDT', '--source', 'store', '--tf', '1h', '--limit', '3000', '--json'], ownStore),
      sextant(['signal', 'BTC/USDT', '--input', file, '--limit', '3000', '--json'], ownStore),
    ]);
    expect(fromStore.code, fromStore.stderr).toBe(0);
    const a = JSON.parse(fromStore.stdout);
    const b = JSON.parse(fromFile.stdout);
    expect(a.origin).toBe('store');
    expect(a.candles).toBe(3000);
    expect({ ...a, origin: '' }).toEqual({ ...b, origin: '' });
    // A timeframe not stored is resampled from the stored hours; an unknown pair is "not found".
    const analyze = await sextant(['analyze', 'BTC/USDT', '--source', 'store', '--tf', '4h', '--json'], ownStore);
    expect(analyze.code, analyze.stderr).toBe(0);
    expect(JSON.parse(analyze.stdout).analysis).toMatch(/^BTC\/USDT 4h technical analysis, last candle 2024-09-01T00:00:00.000Z \(source store\)/);
    const missing = await sextant(['levels', 'ETH/USDT', '--source', 'store', '--tf', '1h'], ownStore);
    expect(missing.code).toBe(3);
    expect(oneErrorLine(missing.stderr)).toEqual([expect.stringMatching(/no stored candles for ETH\/USDT \(stored: BTC\/USDT 1h \(import\)\)/)]);
  }, 300_000);
});
