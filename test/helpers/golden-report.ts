// Usage: node --import tsx test/helpers/golden-report.ts [FN ...]
// Prints pass/fail per golden case (optionally only the named functions) and a tally per file.
import { basename } from 'node:path';
import { GOLDEN_FILES, loadGolden, checkCase, goldenPresent } from './golden.js';

const only = new Set(process.argv.slice(2).map((s) => s.toUpperCase()));
let failed = 0;
for (const file of GOLDEN_FILES) {
  if (!(await goldenPresent(file))) continue;
  const g = loadGolden(file);
  let pass = 0;
  let total = 0;
  for (const c of g.cases) {
    if (only.size && !only.has(c.fn)) continue;
    total++;
    const r = checkCase(g, c);
    if (r.ok) pass++;
    else {
      failed++;
      console.log(`FAIL ${basename(file)} ${c.fn} ${JSON.stringify(c.params)}: ${r.reason}`);
    }
  }
  console.log(`${basename(file)}: ${pass}/${total} passed`);
}
process.exitCode = failed ? 1 : 0;
