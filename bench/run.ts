// `npm run bench`: every benchmark in one run, each in its own process so one's heap and
// JIT state cannot colour another's figures. Each script prints its own table and ratios.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
// `npm run bench -- indicators --update`: names pick scripts, flags (--update: rewrite the
// committed figures instead of bench/out/) go to every script.
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--'));
const scripts = [
  ...readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => join(here, f)),
  ...readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'node_modules' && existsSync(join(here, d.name, 'run.ts')))
    .map((d) => join(here, d.name, 'run.ts')),
].filter((s) => !only.length || only.some((o) => s.includes(o)));

let failed = 0;
for (const script of scripts) {
  const name = script.slice(here.length + 1);
  process.stdout.write(`\n=== bench/${name} ===\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...flags], { stdio: 'inherit', cwd: join(here, '..') });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`bench/${name} exited with ${r.status ?? r.signal}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
