/**
 * A push-to-pull bridge: websocket handlers push, one consumer (the kernel loop) pulls with
 * for-await. Unbounded on purpose: dropping a diff would silently break a book; the
 * length is reported in health so a consumer that falls behind is visible.
 */
export class EventQueue<T> implements AsyncIterable<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  private wake: (() => void) | undefined;
  private ended = false;

  get length(): number {
    return this.items.length - this.head;
  }

  push(x: T): void {
    if (this.ended) return;
    this.items.push(x);
    this.signal();
  }

  end(): void {
    this.ended = true;
    this.signal();
  }

  private signal(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      while (this.head < this.items.length) {
        const x = this.items[this.head] as T;
        this.items[this.head++] = undefined;
        // Compact now and then instead of shift() per item.
        if (this.head > 4096 && this.head * 2 > this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
        yield x;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
