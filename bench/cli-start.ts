/**
 * CLI start: `sextant indicators list` (the compiled CLI, as `npx sextant` runs it) against
 * `node -e 0` measured in the same run, alternating, so load on the machine hits both alike.
 * Goal (issue 18): ≤ 2× `node -e 0`. Run: node --import tsx bench/cli-start.ts [--rounds N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'sextant.js');
if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.log('bench/cli-start.ts skipped: dist/ is missing (npm run build)');
  process.exit(0);
}
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 15;

const CASES: { name: string; args: string[] }[] = [
  { name: 'node -e 0 (peer)', args: ['-e', '0'] },
  { name: 'sextant --version', args: [BIN, '--version'] },
  { name: 'sextant indicators list', args: [BIN, 'indicators', 'list'] },
  { name: 'sextant --help', args: [BIN, '--help'] },
  // The floor under `indicators list`: loading the 161 definitions (and their kernels) alone.
  { name: 'indicator registry alone', args: ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'core', 'indicators', 'registry.js')).href)})`] },
];

function once(args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SEXTANT_CONFIG: '' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

for (const c of CASES) once(c.args); // the first start reads files cold from disk
const times = CASES.map(() => [] as number[]);
for (let r = 0; r < ROUNDS; r++) CASES.forEach((c, i) => times[i]!.push(once(c.args)));

const peer = median(times[0]!);
console.log(`CLI start, median of ${ROUNDS} alternating rounds (each a fresh process; under load the figures are noisy)`);
CASES.forEach((c, i) => {
  const m = median(times[i]!);
  console.log(`  ${c.name.padEnd(26)} ${m.toFixed(0).padStart(6)} ms  ${(m / peer).toFixed(2)}× node -e 0`);
});
const ratio = median(times[2]!) / peer;
console.log(`  goal: indicators list ≤ 2× node -e 0: ${ratio <= 2 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×)`);
