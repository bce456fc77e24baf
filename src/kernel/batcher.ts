/**
 * Collects items from a hot path and writes them in batches: one store transaction per
 * batch instead of a round trip per item. Flushes when `maxItems` are waiting, when
 * `flush()` is called (end of a replay step, shutdown), and in live use after `maxDelayMs`.
 * Writes never overlap, so rows reach the store in the order they were pushed.
 */
export class Batcher<T> {
  private buf: T[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failure: Error | undefined;
  written = 0;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly opts: { maxItems?: number; maxDelayMs?: number } = {},
  ) {}

  push(item: T): void {
    this.buf.push(item);
    if (this.buf.length >= (this.opts.maxItems ?? 1000)) void this.flush().catch(() => undefined);
    else if (this.opts.maxDelayMs !== undefined && !this.timer) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.opts.maxDelayMs);
      this.timer.unref?.();
    }
  }

  get waiting(): number {
    return this.buf.length;
  }

  /** Writes what is waiting; rejects with the first write error (items of a failed batch are not lost: they are put back). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const items = this.buf;
    this.buf = [];
    this.writing = this.writing.then(async () => {
      if (!items.length) return;
      try {
        await this.write(items);
        this.written += items.length;
        this.failure = undefined;
      } catch (e) {
        this.buf = items.concat(this.buf);
        this.failure = e as Error;
        throw e;
      }
    });
    const p = this.writing;
    this.writing = p.catch(() => undefined);
    return p;
  }

  /** The last write error, until a write succeeds (for /health). */
  get lastError(): Error | undefined {
    return this.failure;
  }
}
