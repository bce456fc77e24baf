import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shared } from '../helpers/paths.js';
import { requires } from '../helpers/requires.js';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sentiment', ...args], { cwd: process.cwd(), env: { ...process.env, SEXTANT_CONFIG: '' } });
const LABELLED = 'data/sentiment/surge-ai-labelled-half-a.csv';
const hasLabelled = await requires(`shared:${LABELLED}`);

describe('sextant sentiment score', () => {
  it('--text prints one {"score","label"} object', async () => {
    const out = JSON.parse((await cli('score', '--text', 'HODL, this dip is a gift. Very bullish!', '--json')).stdout);
    expect(Object.keys(out)).toEqual(['score', 'label']);
    expect(out.score).toBeGreaterThan(0.05);
    expect(out.label).toBe('positive');
  });

  it('--input scores every row, quoted multi-line texts included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sx-sent-'));
    const file = join(dir, 't.csv');
    writeFileSync(file, 'id,body\n1,"got rekt,\nlost everything"\n2,wagmi frens\n3,the halving happens in april\n');
    const lines = (await cli('score', '--input', file, '--text-column', 'body', '--json')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.label)).toEqual(['negative', 'positive', 'neutral']);
  });

  it('refuses ambiguous or incomplete input with one line and exit 2', async () => {
    for (const args of [[], ['--text', 'a', '--input', 'x.csv'], ['--input', 'x.csv']]) {
      const err = await cli('score', ...args).catch((e: { code: number; stderr: string }) => e);
      expect((err as { code: number }).code).toBe(2);
      expect((err as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it.runIf(hasLabelled)('on labelled crypto Reddit comments: better than chance, and the crypto extension does not lose to plain VADER', async () => {
    const [plain, crypto] = JSON.parse((await cli('accuracy', '--input', shared(LABELLED), '--text-column', 'Comment Text', '--label-column', 'Sentiment', '--json')).stdout);
    expect(plain.n).toBe(281);
    expect(plain.model).toBe('vader');
    expect(crypto.model).toBe('vader+crypto+fa');
    // Two classes, neutral answers counted wrong: chance is 50 %.
    expect(plain.accuracy).toBeGreaterThan(0.5);
    expect(crypto.accuracy).toBeGreaterThanOrEqual(plain.accuracy);
  });
});
