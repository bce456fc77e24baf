import type { Pair } from '../../core/types.js';
import type { ClosedWindow } from '../../core/volume/windows.js';
import type { MarketInfo } from '../../sources/market/types.js';
import type { JobScheduler } from './jobs.js';
import type { Standing } from './standings.js';

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

/** What the daily maintenance jobs last loaded; each field keeps its last good value when a refresh fails. */
export interface MaintenanceData {
  markets: { at: number; list: MarketInfo[] } | null;
  coins: { at: number; quote: string; list: string[] } | null;
  standings: { at: number; quote: string; list: Standing[] } | null;
}

export interface Maintenance { scheduler: JobScheduler; data: MaintenanceData }
