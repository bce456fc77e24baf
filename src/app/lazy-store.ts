import type { Store } from '../infra/store/types.js';

export interface LazyStore {
  readonly store: Store;
  /** Opens now (and migrates); later calls reuse the same store. */
  open(): Promise<Store>;
  /** True once open() ran, whatever its outcome. */
  readonly opened: boolean;
  close(): Promise<void>;
}

/**
 * A Store that opens on its first call. Every Store method is async, so a call can wait
 * for the open; `kind` is known from the config beforehand. This keeps `sextant candles`
 * from creating a SQLite file or dialling PostgreSQL it never uses.
 */
export function lazyStore(kind: Store['kind'], openStore: () => Promise<Store>): LazyStore {
  let pending: Promise<Store> | undefined;
  const open = () => (pending ??= openStore());
  const close = async () => {
    if (!pending) return;
    const s = await pending.catch(() => undefined);
    await s?.close();
  };
  const store = new Proxy({} as Store, {
    get(_, prop) {
      if (prop === 'kind') return kind;
      if (prop === 'close') return close;
      // Not a thenable: `await services.store` must yield the proxy, not call into the store.
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      return async (...args: unknown[]) => {
        const s = await open();
        const method = (s as unknown as Record<string, unknown>)[prop];
        if (typeof method !== 'function') throw new TypeError(`store has no method ${prop}`);
        return (method as (...a: unknown[]) => unknown).apply(s, args);
      };
    },
  });
  return {
    store,
    open,
    get opened() {
      return pending !== undefined;
    },
    close,
  };
}
