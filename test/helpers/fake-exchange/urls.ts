import ccxt from 'ccxt';

type Urls = Record<string, unknown>;

/**
 * ccxt's `urls.api` of an exchange with every origin swapped for the local server's,
 * so whichever endpoint ccxt chooses (spot, futures, contract, websocket) stays on this
 * machine: an endpoint the fake does not serve answers 404 instead of reaching the internet.
 */
export function localUrls(exchangeId: string, httpBase: string): Urls {
  type Cls = new () => { urls: Urls };
  // The pro class knows the websocket urls as well as the REST ones.
  const Cls = (ccxt.pro as unknown as Record<string, Cls | undefined>)[exchangeId] ?? (ccxt as unknown as Record<string, Cls | undefined>)[exchangeId];
  if (!Cls) throw new Error(`unknown ccxt exchange ${exchangeId}`);
  const wsBase = httpBase.replace(/^http/, 'ws');
  const swap = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(/^https:\/\/[^/]+/, httpBase).replace(/^wss:\/\/[^/]+/, wsBase);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return v;
  };
  return { api: swap(new Cls().urls['api']) };
}
