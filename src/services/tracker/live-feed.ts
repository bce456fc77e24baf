import type { Pair } from '../../core/types.js';
import { UnavailableError } from '../../errors.js';
import type { TrackerFeed } from './service.js';

export interface LiveFeedOptions {
  exchangeId: string;
  want: readonly Pair[] | { top: number };
  timeoutMs?: number | undefined;
}

export async function liveFeed(opts: LiveFeedOptions): Promise<TrackerFeed> {
  throw new UnavailableError(opts.exchangeId, `live tracker streams for ${opts.exchangeId} are not wired yet: use --source replay`);
}
