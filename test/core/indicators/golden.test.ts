import { describe, it, expect } from 'vitest';
import { basename } from 'node:path';
import { GOLDEN_FILES, loadGolden, checkCase } from '../../helpers/golden.js';

// Every case of every golden file must agree with TA-Lib; a per-file tally is printed.
describe('TA-Lib golden values', () => {
  for (const file of GOLDEN_FILES) {
    it(`${basename(file)}: all cases agree with TA-Lib`, () => {
      const g = loadGolden(file);
      const failures: string[] = [];
      for (const c of g.cases) {
        const r = checkCase(g, c);
        if (!r.ok) failures.push(`${c.fn} ${JSON.stringify(c.params)}: ${r.reason}`);
      }
      console.log(`golden ${basename(file)}: ${g.cases.length - failures.length}/${g.cases.length} passed`);
      expect(failures).toEqual([]);
    });
  }
});
