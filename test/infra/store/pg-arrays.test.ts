import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryArray, type ArrayElement } from '../../../src/infra/store/pg-arrays.js';
import { DATABASE_URL, requires } from '../../helpers/requires.js';

const SQL_TYPE: Record<ArrayElement, string> = { int4: 'integer[]', int8: 'bigint[]', float8: 'float8[]', text: 'text[]' };

const CASES: [ArrayElement, unknown[]][] = [
  ['int8', [1640995200000, 0, -1, -86_400_000, 2 ** 32, 2 ** 32 - 1, -(2 ** 32), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, null, 1704067200000]],
  ['int4', [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), null, 42]],
  ['float8', [0, -0, 0.1, 1e-300, -1.7976931348623157e308, 5e-324, NaN, Infinity, -Infinity, null, 43210.987654321]],
  ['text', ['', 'BTC/USDT', '"quoted" \\ back,comma {brace}', 'NULL', 'حمایت 🚀', null, 'ü'.repeat(3000), ' lead and trail ']],
  ['int8', []],
  ['float8', []],
  ['text', []],
];

describe.runIf(await requires('postgres'))('binary array parameters (pg-arrays)', () => {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it.each(CASES)('%s array reads on the server exactly as pg\'s text literal of the same values did', async (type, values) => {
    // The old path: pg builds the text literal; the new one: the binary buffer. Compared as the server prints them.
    const r = await client.query<{ a: string; b: string; n: number }>(
      `SELECT $1::${SQL_TYPE[type]}::text AS a, $2::${SQL_TYPE[type]}::text AS b, cardinality($1::${SQL_TYPE[type]}) AS n`,
      [binaryArray(type, values), values],
    );
    expect(r.rows[0]!.a).toBe(r.rows[0]!.b);
    expect(r.rows[0]!.n).toBe(values.length);
  });

  it('unnest of binary arrays gives the rows back element by element', async () => {
    const times = Float64Array.from([1640995200000, 1641081600000, 1641168000000]);
    const r = await client.query<{ t: string; s: string | null; x: number | null }>(
      'SELECT t::text, s, x FROM unnest($1::bigint[], $2::text[], $3::float8[]) AS u(t, s, x)',
      [binaryArray('int8', times), binaryArray('text', ['a', null, 'ü']), binaryArray('float8', [1.5, 2, null])],
    );
    expect(r.rows).toEqual([
      { t: '1640995200000', s: 'a', x: 1.5 },
      { t: '1641081600000', s: null, x: 2 },
      { t: '1641168000000', s: 'ü', x: null },
    ]);
  });
});

describe('binary array parameters: values the SQL type cannot hold are refused', () => {
  it('bigint needs safe integers, integer 32-bit integers, text strings', () => {
    expect(() => binaryArray('int8', [1.5])).toThrow(RangeError);
    expect(() => binaryArray('int8', [2 ** 53])).toThrow(RangeError);
    expect(() => binaryArray('int8', [NaN])).toThrow(RangeError);
    expect(() => binaryArray('int4', [2 ** 31])).toThrow(RangeError);
    expect(() => binaryArray('int4', [0.5])).toThrow(RangeError);
    expect(() => binaryArray('text', [1])).toThrow(TypeError);
    expect(() => binaryArray('float8', ['1'])).toThrow(TypeError);
  });
});
