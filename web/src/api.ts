/**
 * Every request of the dashboard goes to the server that served it (relative URLs), with
 * the credential the user typed in the header box. Errors carry the server's one-line message.
 */
const KEY_STORAGE = 'sextant.apiKey';

export function apiKey(): string {
  return localStorage.getItem(KEY_STORAGE) ?? '';
}

export function setApiKey(key: string): void {
  if (key) localStorage.setItem(KEY_STORAGE, key);
  else localStorage.removeItem(KEY_STORAGE);
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function headers(json: boolean): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  const key = apiKey();
  if (key) {
    // A JWT has three dot-separated parts; anything else is an API key.
    if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(key)) h['authorization'] = `Bearer ${key}`;
    else h['x-api-key'] = key;
  }
  return h;
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's HTML error page): the status line says enough.
  }
  if (!res.ok) {
    const o = body as { message?: string; error?: string } | undefined;
    throw new ApiError(res.status, o?.message ?? o?.error ?? `${res.status} ${res.statusText}`);
  }
  return body as T;
}

export async function getJson<T>(url: string): Promise<T> {
  return parse<T>(await fetch(url, { headers: headers(false) }));
}

/** Always a JSON body (`{}` when there is nothing to say): the server refuses other writes as possible CSRF. */
export async function postJson<T>(url: string, body: unknown = {}): Promise<T> {
  return parse<T>(await fetch(url, { method: 'POST', headers: headers(true), body: JSON.stringify(body) }));
}

/** A request that may fail without breaking the page: the error becomes a message to show. */
export async function tryGet<T>(url: string): Promise<{ ok: true; data: T } | { ok: false; error: ApiError | Error }> {
  try {
    return { ok: true, data: await getJson<T>(url) };
  } catch (e) {
    return { ok: false, error: e as Error };
  }
}

/** `BTC/USDT` → `btc_usdt`, the form every route accepts in a path. */
export const pairPath = (symbol: string) => symbol.replace('/', '_').toLowerCase();
