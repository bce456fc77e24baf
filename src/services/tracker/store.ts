import type { Store } from '../../infra/store/types.js';
import type { TrackerStore } from '../../infra/store/tracker-events.js';

/** The tracker tables of an open store (both backends provide them beside the Store interface). */
export function trackerStoreOf(store: Store): TrackerStore {
  const s = store as Store & { trackerStore?: () => TrackerStore };
  if (typeof s.trackerStore !== 'function') throw new Error(`the ${store.kind} store has no tracker tables`);
  return s.trackerStore();
}
