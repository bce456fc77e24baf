import { describe, expect, it } from 'vitest';
import { canonicalKey, formatKey, parseKey } from '../../src/kernel/keys.js';
import { InputError } from '../../src/errors.js';

describe('event keys', () => {
  it('parses the seed example and formats back to the same text', () => {
    const k = 'buy_vol_1m:0/vol_1m:75/timeframe:1440/lvl:200';
    expect(parseKey(k)).toEqual([['buy_vol_1m', 0], ['vol_1m', 75], ['timeframe', 1440], ['lvl', 200]]);
    expect(formatKey(parseKey(k))).toBe(k);
  });

  it('normalises numbers and keeps tokens', () => {
    expect(canonicalKey('vol_5m:300.0/bench:run5/side:buy')).toBe('vol_5m:300/bench:run5/side:buy');
    expect(formatKey([['band_bp', 0.005 * 1e4]])).toBe('band_bp:50');
  });

  it.each(['', 'vol_1m', 'vol_1m:', ':3', 'Vol:1', 'a:1/a:2', 'a:1//b:2', 'a:1e5', 'a:x y', 'a:-'])('rejects %j naming the field', (bad) => {
    expect(() => parseKey(bad)).toThrow(InputError);
    try {
      parseKey(bad);
    } catch (e) {
      expect((e as InputError).field).toBe('event_key');
    }
  });
});
