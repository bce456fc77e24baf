import type { Pair } from '../../core/types.js';
import type { ClosedWindow } from '../../core/volume/windows.js';

export type TrackerEventKind = 'volume_spike' | 'volatility' | 'imbalance' | 'wall' | 'spoof' | 'resync';

/** One detector conclusion; `key` names the rule's conditions (kernel/keys.ts). */
export interface TrackerEvent {
  key: string;
  kind: TrackerEventKind;
  symbol: Pair;
  /** Clock time when it was concluded. */
  at: number;
  /** Exchange time of the data that triggered it. */
  time: number;
  /** The observed figure the rule compared (relative volume %, bps, imbalance %, size ratio). */
  value: number;
  detail: Record<string, number | string | boolean>;
}

export interface WindowRow extends ClosedWindow {
  symbol: Pair;
}

/** Output topics of the tracker's detectors. */
export const TOPIC = {
  event: 'tracker.event',
  window: 'tracker.window',
  metrics: 'tracker.metrics',
} as const;
