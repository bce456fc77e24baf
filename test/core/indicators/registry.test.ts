import { describe, it, expect } from 'vitest';
import { listIndicators } from '../../../src/core/indicators/registry.js';

// The contract every definition must meet besides golden agreement and prefix invariance
// (those have their own suites): readable metadata a user can act on.
describe('indicator registry metadata', () => {
  const defs = listIndicators();
  const groups = new Set([
    'Overlap Studies', 'Momentum Indicators', 'Volatility Indicators', 'Volume Indicators', 'Price Transform',
    'Statistic Functions', 'Math Operators', 'Math Transform', 'Cycle Indicators', 'Pattern Recognition', 'Sextant Extras',
  ]);

  it('registers every TA-Lib function plus the extras, once each', () => {
    expect(defs.length).toBe(171);
    expect(new Set(defs.map((d) => d.name)).size).toBe(defs.length);
  });

  for (const def of defs) {
    it(`${def.name}: known group, one-line description and interpretation`, () => {
      expect(groups.has(def.group)).toBe(true);
      for (const text of [def.description, def.interpretation]) {
        expect(text.length).toBeGreaterThan(10);
        expect(text).not.toContain('\n');
      }
      expect(def.interpretation).not.toBe(def.description);
    });
  }
});
