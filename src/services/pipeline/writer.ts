import { Batcher } from '../../kernel/batcher.js';
import type { CandleResult, Store } from '../../infra/store/types.js';
import type { SignalBus } from './bus.js';

/**
 * Persistence as a subscriber of the signal step: results are collected and written in
 * batches, each batch one store transaction that also claims its candles. A crash loses
 * at most the batches not yet committed, and those candles are redone after a restart
 * because their marks were never written. Signals are published only after their batch
 * committed, and only by the first claimant, so sockets never see a signal twice.
 */
export class ResultWriter {
  private readonly batcher: Batcher<CandleResult>;
  /** Signals newly stored (first claim) since construction. */
  signals = 0;
  committed = 0;

  constructor(private readonly store: Store, private readonly bus?: SignalBus, maxItems = 250) {
    this.batcher = new Batcher((items) => this.write(items), { maxItems });
  }

  push(result: CandleResult): void {
    this.batcher.push(result);
  }

  /** Commits everything pushed so far; rejects if any batch could not be written. */
  async flush(): Promise<void> {
    await this.batcher.flush();
    // A batch that failed while the step kept pushing was put back; one more try reports its error.
    if (this.batcher.waiting) await this.batcher.flush();
  }

  private async write(items: CandleResult[]): Promise<void> {
    const first = await this.store.commitResults(items);
    this.committed += items.length;
    for (let i = 0; i < items.length; i++) {
      const s = items[i]!.signal;
      if (!first[i] || !s) continue;
      this.signals++;
      if (this.bus) await this.bus.publish(s);
    }
  }
}
