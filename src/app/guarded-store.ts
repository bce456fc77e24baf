import type { Store } from '../infra/store/types.js';
import { dependencyCall } from '../infra/deadline.js';

/**
 * The store as requests see it: every call waits at most `timeoutMs`, and a store that is
 * away (PostgreSQL stopped, the network cut) answers a 503 naming it and why, instead of a
 * generic 500 after pg's own timeouts. Background writers (the pipeline, the tracker) use the
 * store itself: a large batch may rightly take longer than a request should wait.
 */
export function guardedStore(current: () => Store, kind: Store['kind'], timeoutMs: number): Store {
  return new Proxy({} as Store, {
    get(_, prop) {
      if (prop === 'kind') return kind;
      const target = current();
      if (prop === 'close') return () => target.close();
      // Not a thenable: `await services.store` must yield the proxy.
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      const member = (target as unknown as Record<string, unknown>)[prop];
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => dependencyCall(kind, timeoutMs, () => Promise.resolve((member as (...a: unknown[]) => unknown).apply(target, args)));
    },
  });
}
