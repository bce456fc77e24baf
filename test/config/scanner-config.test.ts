import { describe, it, expect } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

describe('config: scanner schedule minimum and retention, validated at start', () => {
  it('defaults: 60 s minimum, 100 batches / 168 h kept, alerts for the latest closed candle, PNGs for pairs with spikes', () => {
    const c = loadConfig({ env: {} });
    expect(c.scanner.schedule.minIntervalSeconds).toBe(60);
    expect(c.scanner.retention).toEqual({ maxBatches: 100, maxAgeHours: 168 });
    expect(c.scanner.alertScope).toBe('latest');
    expect(c.scanner.png).toBe('spikes');
  });

  it('an interval below the minimum is refused, naming the key', () => {
    expect(() => loadConfig({ env: { SEXTANT_SCANNER__SCHEDULE__INTERVAL_MINUTES: '0.5' } }))
      .toThrow(/^config: scanner\.schedule\.intervalMinutes: 0\.5 min is below the minimum of 60 s/);
    // Lowering the minimum is a deliberate choice, and then it passes.
    const c = loadConfig({ env: { SEXTANT_SCANNER__SCHEDULE__INTERVAL_MINUTES: '0.5', SEXTANT_SCANNER__SCHEDULE__MIN_INTERVAL_SECONDS: '30' } });
    expect(c.scanner.schedule.intervalMinutes).toBe(0.5);
  });

  it('a cron expression that fires faster than the minimum, or does not parse, is refused', () => {
    expect(() => loadConfig({ env: { SEXTANT_SCANNER__SCHEDULE__CRON: '*/5 * * * * *' } }))
      .toThrow(/^config: scanner\.schedule\.cron: "\*\/5 \* \* \* \* \*" runs 5 s apart/);
    expect(() => loadConfig({ env: { SEXTANT_SCANNER__SCHEDULE__CRON: 'sometimes' } })).toThrow(/scanner\.schedule\.cron: not a valid cron/);
  });

  it('retention keys are checked: whole non-negative batch counts, non-negative hours, no unknown keys', () => {
    expect(() => loadConfig({ env: { SEXTANT_SCANNER__RETENTION__MAX_BATCHES: '-1' } })).toThrow(/scanner\.retention\.maxBatches/);
    expect(() => loadConfig({ env: { SEXTANT_SCANNER__RETENTION__MAX_BATCHES: '2.5' } })).toThrow(/scanner\.retention\.maxBatches/);
    expect(() => loadConfig({ env: { SEXTANT_SCANNER__RETENTION__MAX_AGE_HOURS: 'soon' } })).toThrow(/scanner\.retention\.maxAgeHours/);
    expect(() => loadConfig({ env: { SEXTANT_SCANNER__RETENTION__KEEP: '3' } })).toThrow(/unknown key scanner\.retention\.keep/);
    expect(loadConfig({ env: { SEXTANT_SCANNER__RETENTION__MAX_BATCHES: '0', SEXTANT_SCANNER__RETENTION__MAX_AGE_HOURS: '0' } }).scanner.retention).toEqual({ maxBatches: 0, maxAgeHours: 0 });
  });
});
