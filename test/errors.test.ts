import { BadResponse, BadSymbol, ExchangeNotAvailable, NetworkError, NotSupported, RateLimitExceeded } from 'ccxt';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ERROR_TABLE, InputError, NotFoundError, SextantError, UnavailableError, asSextantError, codeForStatus, type ErrorCode } from '../src/errors.js';
import { MarketError, UnknownSymbolError, type MarketErrorKind } from '../src/sources/market/errors.js';
import { toMarketError } from '../src/sources/market/ccxt/errors.js';
import { ConfigError, loadConfig } from '../src/config/load.js';
import { inputErrorFromZod } from '../src/config/zod.js';
import { CliError, cliError } from '../src/cli/fail.js';
import { HttpError } from '../src/api/errors.js';
import { IndicatorError } from '../src/core/indicators/types.js';
import { runIndicator } from '../src/core/indicators/registry.js';
import { TimeframeError, parseTimeframe } from '../src/core/timeframes.js';
import { PairFormatError, parsePair } from '../src/core/types.js';
import { CandleFileError, parseCandleFile } from '../src/sources/market/parse.js';
import { ScanBusyError } from '../src/services/scanner/service.js';
import { resolveSpikeParams } from '../src/core/volume/spikes.js';
import { SubscriberError } from '../src/kernel/loop.js';

/** The README's table, restated: a change to ERROR_TABLE must be a deliberate change here too. */
const EXPECTED: Record<ErrorCode, [http: number, exit: number]> = {
  bad_input: [400, 2],
  unauthorized: [401, 2],
  forbidden: [403, 2],
  not_found: [404, 3],
  conflict: [409, 2],
  rate_limited: [429, 4],
  unavailable: [503, 4],
  timeout: [504, 4],
  bad_upstream: [502, 4],
  not_supported: [400, 2],
  internal: [500, 1],
};

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
};

describe('SextantError codes', () => {
  it.each(Object.entries(EXPECTED))('%s -> HTTP %s, exit %s', (code, [http, exit]) => {
    const e = new SextantError(code as ErrorCode, 'x');
    expect(e.httpStatus).toBe(http);
    expect(e.exitCode).toBe(exit);
    expect(ERROR_TABLE[code as ErrorCode]).toMatchObject({ http, exit });
  });

  it('the table has exactly the documented codes', () => {
    expect(Object.keys(ERROR_TABLE).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('exit codes separate the caller, a missing thing, a dependency and a bug', () => {
    expect(new Set(Object.values(EXPECTED).map(([, exit]) => exit))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('a status maps back to its code (400 is bad input, unknown statuses to nothing)', () => {
    expect(codeForStatus(400)).toBe('bad_input');
    expect(codeForStatus(404)).toBe('not_found');
    expect(codeForStatus(409)).toBe('conflict');
    expect(codeForStatus(503)).toBe('unavailable');
    expect(codeForStatus(418)).toBeUndefined();
  });

  it('foreign errors become internal with the cause kept', () => {
    const boom = new TypeError('boom');
    const e = asSextantError(boom);
    expect(e.code).toBe('internal');
    expect(e.cause).toBe(boom);
    expect(asSextantError('text').message).toBe('text');
  });
});

describe('every error class is a SextantError with the right code', () => {
  const kinds: [MarketErrorKind, ErrorCode][] = [
    ['unknown_symbol', 'not_found'],
    ['rate_limited', 'rate_limited'],
    ['exchange_unavailable', 'unavailable'],
    ['network', 'unavailable'],
    ['bad_response', 'bad_upstream'],
    ['not_supported', 'not_supported'],
  ];
  it.each(kinds)('MarketError %s -> %s', (kind, code) => {
    const e = new MarketError(kind, 'm', 'binance');
    expect(e).toBeInstanceOf(SextantError);
    expect(e.code).toBe(code);
    expect(e.dependency).toBe('binance');
  });

  it('MarketError retries only what a retry can fix', () => {
    expect(new MarketError('network', 'm', 'x').retryable).toBe(true);
    expect(new MarketError('rate_limited', 'm', 'x').retryable).toBe(true);
    expect(new MarketError('bad_response', 'm', 'x').retryable).toBe(false);
    expect(new MarketError('unknown_symbol', 'm', 'x').retryable).toBe(false);
  });

  it('ccxt failures land on codes through toMarketError', () => {
    const ctx = { exchange: 'binance', operation: 'fetchOHLCV', symbol: 'FOO/USDT' };
    const cases: [unknown, ErrorCode, number][] = [
      [new BadSymbol('no FOO/USDT'), 'not_found', 404],
      [new RateLimitExceeded('429'), 'rate_limited', 429],
      [new ExchangeNotAvailable('down'), 'unavailable', 503],
      [new NetworkError('ECONNRESET'), 'unavailable', 503],
      [new BadResponse('garbage'), 'bad_upstream', 502],
      [new NotSupported('no'), 'not_supported', 400],
    ];
    for (const [err, code, http] of cases) {
      const e = toMarketError(err, ctx);
      expect(e.code, String(err)).toBe(code);
      expect(e.httpStatus, String(err)).toBe(http);
    }
    expect(toMarketError(new BadSymbol('x'), ctx)).toBeInstanceOf(UnknownSymbolError);
  });

  it('UnknownSymbolError names the pair field', () => {
    expect(new UnknownSymbolError('FOO/USDT', 'replay').field).toBe('pair');
  });

  it('ConfigError is bad input naming the config key', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const f = join(mkdtempSync(join(tmpdir(), 'sextant-err-')), 'c.yaml');
    writeFileSync(f, 'server:\n  port: 70000\n');
    const e = thrown(() => loadConfig({ file: f, env: {} })) as ConfigError;
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.code).toBe('bad_input');
    expect(e.field).toBe('server.port');
    expect(e.exitCode).toBe(2);
    writeFileSync(f, 'sever: 1\n');
    expect((thrown(() => loadConfig({ file: f, env: {} })) as ConfigError).field).toBe('sever');
  });

  it('timeframe, pair and indicator parameter errors are input errors naming their field', () => {
    const tf = thrown(() => parseTimeframe('day7')) as TimeframeError;
    expect(tf).toBeInstanceOf(TimeframeError);
    expect([tf.code, tf.field]).toEqual(['bad_input', 'timeframe']);
    const pair = thrown(() => parsePair('e')) as PairFormatError;
    expect([pair.code, pair.field]).toEqual(['bad_input', 'pair']);
    const ind = thrown(() => runIndicator('RSI', [new Float64Array(50)], { timePeriod: 1 })) as IndicatorError;
    expect(ind).toBeInstanceOf(IndicatorError);
    expect(ind).toBeInstanceOf(InputError);
    expect(ind.code).toBe('bad_input');
  });

  it('a bad candle file is bad input; a busy scanner is a conflict', () => {
    const f = thrown(() => parseCandleFile('not,a,header\n1,2,3\n', 'x.csv')) as CandleFileError;
    expect(f).toBeInstanceOf(CandleFileError);
    expect([f.code, f.httpStatus, f.exitCode]).toEqual(['bad_input', 400, 2]);
    expect([new ScanBusyError().code, new ScanBusyError().httpStatus]).toEqual(['conflict', 409]);
  });

  it('CliError and HttpError carry codes too', () => {
    expect(new CliError('--lang must be en or fa').exitCode).toBe(2);
    expect(new CliError('gone', 'not_found').exitCode).toBe(3);
    expect(new HttpError(404, 'no batch', 'id')).toMatchObject({ code: 'not_found', statusCode: 404, field: 'id' });
    expect(new HttpError(409, 'busy').code).toBe('conflict');
    expect(new HttpError(503, 'no store').exitCode).toBe(4);
  });

  it('zod failures are mapped once: first issue, field named', async () => {
    const r = z.strictObject({ limit: z.number().max(10, 'must be <= 10') }).safeParse({ limit: 11 });
    const e = inputErrorFromZod(r.error!);
    expect(e).toMatchObject({ code: 'bad_input', field: 'limit', message: 'limit: must be <= 10' });
    const extra = z.strictObject({}).safeParse({ foo: 1 });
    expect(inputErrorFromZod(extra.error!)).toMatchObject({ field: 'foo', message: 'unknown field foo' });
    expect((await cliError(r.error)).exitCode).toBe(2);
  });

  it('NotFoundError, UnavailableError', () => {
    expect(new NotFoundError('no', 'id').exitCode).toBe(3);
    expect(new UnavailableError('redis', 'down').httpStatus).toBe(503);
  });

  it('core and kernel errors are in the tree: a spike parameter is bad input, a failing subscriber keeps its cause code', () => {
    const spike = thrown(() => resolveSpikeParams({ window: 1 }));
    expect(spike).toBeInstanceOf(SextantError);
    expect(spike).toMatchObject({ code: 'bad_input', field: 'window', message: 'window: must be an integer in [2, 10000]' });
    expect((spike as SextantError).exitCode).toBe(2);
    const down = new SubscriberError('tracker', 0, new UnavailableError('redis', 'down'));
    expect([down.code, down.httpStatus]).toEqual(['unavailable', 503]);
    expect(new SubscriberError('detector', 0, new TypeError('x is undefined')).code).toBe('internal');
  });
});
