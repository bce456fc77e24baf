import { describe, it, expect } from 'vitest';
import { basename } from 'node:path';
import { GOLDEN_FILES, loadGolden, checkCase, ethDailyCandles, goldenPresent } from '../../helpers/golden.js';

const present = new Map<string, boolean>();
for (const file of GOLDEN_FILES) present.set(file, await goldenPresent(file));

// Every case of every golden file must agree with TA-Lib; a per-file tally is printed.
describe('TA-Lib golden values', () => {
  it.runIf(present.get('talib-binance-ethusdt-1d.json'))('the bundled ETH/USDT daily candles equal those of the ethusdt golden file', () => {
    expect(ethDailyCandles()).toEqual(loadGolden('talib-binance-ethusdt-1d.json').candles);
  });

  for (const file of GOLDEN_FILES) {
    it.runIf(present.get(file))(`${basename(file)}: all cases agree with TA-Lib`, () => {
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
