/**
 * A page draws itself into `root` from the route's arguments and resolves once its data is
 * shown (or the page says what is missing). `signal` aborts when the user leaves the page:
 * timers and subscriptions stop then.
 */
export type Page = (root: HTMLElement, args: string[], signal: AbortSignal) => Promise<void>;

/** Calls `fn` every `ms` until the page is left. */
export function every(ms: number, signal: AbortSignal, fn: () => void): void {
  const t = window.setInterval(fn, ms);
  signal.addEventListener('abort', () => window.clearInterval(t));
}

/** Subscribes for the life of the page. */
export function whileOn(signal: AbortSignal, off: () => void): void {
  signal.addEventListener('abort', off);
}
