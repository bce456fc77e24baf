import { SextantError, UnavailableError } from '../errors.js';

/**
 * `work` or, after `ms`, a rejection with `onTimeout()`. The work itself goes on (a socket
 * cannot always be cancelled); only the caller stops waiting, which is what bounds a
 * request's time when a dependency hangs. A late rejection of `work` is swallowed: nobody
 * waits for it any more, and it must not surface as an unhandled rejection.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref?.();
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
    work.catch(() => undefined);
  });
}

/**
 * A dependency's failure as a 503 naming it: its own SextantError stays as it is (a
 * not_found from the store is still a 404); anything else (a socket error, a timeout)
 * becomes `unavailable` with the dependency and its reason.
 */
export function asUnavailable(dependency: string, err: unknown): SextantError {
  if (err instanceof SextantError) return err;
  const msg = err instanceof Error ? err.message || err.name : String(err);
  return new UnavailableError(dependency, `${dependency} unavailable: ${msg}`, { cause: err, retryAfterS: 5 });
}

/** `work` bounded by `ms`; any failure or the timeout becomes a 503 naming `dependency`. */
export function dependencyCall<T>(dependency: string, ms: number, work: () => Promise<T>): Promise<T> {
  let started: Promise<T>;
  try {
    started = work();
  } catch (e) {
    return Promise.reject(asUnavailable(dependency, e));
  }
  return withDeadline(started, ms, () => new UnavailableError(dependency, `${dependency} unavailable: no answer within ${ms} ms`, { retryAfterS: 5 })).catch(
    (e: unknown) => {
      throw asUnavailable(dependency, e);
    },
  );
}
