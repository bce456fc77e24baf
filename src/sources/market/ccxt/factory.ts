import ccxt, { BadResponse, ExchangeNotAvailable, type Exchange } from 'ccxt';
import { MarketError } from '../errors.js';
import { throttleHint } from './throttle.js';

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
      ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
      : v;
  }
  return out;
}

export interface ExchangeConfig {
  exchange: string;
  /** Deep-merged into ccxt's `exchange.urls` (tests point `urls.api.*` at a local server). */
  urls?: Record<string, unknown>;
  timeoutMs: number;
  apiKey?: string;
  secret?: string;
  /** Deep-merged into ccxt's `exchange.options`, after Sextant's per-exchange defaults. */
  ccxtOptions?: Record<string, unknown>;
  /** Milliseconds between requests for ccxt's own throttler; ccxt's per-exchange value when unset. */
  rateLimitMs?: number;
  /** CCXT's sandbox mode: the exchange's testnet (an error when it has none). */
  sandbox?: boolean;
}

type ExchangeClass = new (config?: Record<string, unknown>) => Exchange;

/**
 * Sextant trades spot pairs. Loading Binance's futures and margin catalogues costs
 * extra requests (some private) and adds symbols like BTC/USDT:USDT nobody asked for.
 */
const DEFAULT_OPTIONS: Record<string, Record<string, unknown>> = {
  binance: { defaultType: 'spot', fetchMarkets: { types: ['spot'] }, fetchMargins: false },
};

export function isKnownExchange(id: string): boolean {
  return (ccxt.exchanges as readonly string[]).includes(id);
}

/** The ccxt pro class when the exchange has websockets (it also does REST), else the REST class. */
export function createExchange(cfg: ExchangeConfig): { exchange: Exchange; pro: boolean } {
  const pro = (ccxt.pro as unknown as Record<string, ExchangeClass | undefined>)[cfg.exchange];
  const rest = (ccxt as unknown as Record<string, ExchangeClass | undefined>)[cfg.exchange];
  const Cls = pro ?? rest;
  if (!Cls || !isKnownExchange(cfg.exchange)) {
    throw new MarketError('not_supported', `exchange "${cfg.exchange}" is not supported by ccxt ${ccxt.version}`, cfg.exchange);
  }
  const config: Record<string, unknown> = {
    enableRateLimit: true,
    timeout: cfg.timeoutMs,
    options: { ...DEFAULT_OPTIONS[cfg.exchange], ...cfg.ccxtOptions },
  };
  if (cfg.urls) config['urls'] = cfg.urls;
  if (cfg.apiKey) config['apiKey'] = cfg.apiKey;
  if (cfg.secret) config['secret'] = cfg.secret;
  if (cfg.rateLimitMs !== undefined) config['rateLimit'] = cfg.rateLimitMs;
  const exchange = new Cls(config);
  if (cfg.sandbox) {
    try {
      exchange.setSandboxMode(true);
    } catch (err) {
      throw new MarketError('not_supported', `exchange "${cfg.exchange}" has no sandbox (testnet) in ccxt: ${(err as Error).message}`, cfg.exchange);
    }
    // Sandbox urls replace the api urls: the configured ones go on top again.
    if (cfg.urls) exchange.urls = deepMerge(exchange.urls as Record<string, unknown>, cfg.urls) as typeof exchange.urls;
  }
  statusFirst(exchange);
  return { exchange, pro: pro !== undefined };
}

/**
 * Some exchange handlers (LBank's among them) read the JSON body before the HTTP
 * status, so a 429 or 503 carrying an HTML page surfaces as NullResponse and a 200 with
 * a truncated body is handed to the parsers as a string. Throttling, server failures
 * and non-JSON bodies mean the same thing on every exchange, so they are decided here
 * before the exchange-specific handler runs.
 */
function statusFirst(ex: Exchange): void {
  const original = ex.handleErrors.bind(ex);
  ex.handleErrors = (code, reason, url, method, headers, body, response, reqHeaders, reqBody) => {
    if (code === 418 || code === 429 || code >= 500) {
      // Retry-After and a ban's end travel with the error, for the source's gate (throttle.ts).
      const throttle = throttleHint(code, headers, body, Date.now());
      try {
        ex.handleHttpStatusCode(code, reason, url, method, body);
      } catch (err) {
        throw throttle ? Object.assign(err as Error, { throttle }) : err;
      }
      throw Object.assign(new ExchangeNotAvailable(`${ex.id} ${method} ${url} ${code} ${reason} ${body.slice(0, 200)}`), throttle ? { throttle } : {});
    }
    if (code >= 200 && code < 300 && (response === undefined || response === null) && body.trim() !== '') {
      throw new BadResponse(`${ex.id} ${method} ${url} returned a body that is not JSON: ${body.slice(0, 120)}`);
    }
    return original(code, reason, url, method, headers, body, response, reqHeaders, reqBody);
  };
}
