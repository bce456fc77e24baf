import { describe, it, expect, vi, afterEach } from 'vitest';
import { ScanScheduler, type ScheduleConfig } from '../../../src/services/scanner/scheduler.js';
import { cronTrigger, intervalTrigger } from '../../../src/services/scanner/triggers.js';

const base: ScheduleConfig = { type: 'interval', intervalMinutes: 5, cron: '*/5 * * * *', coalesce: true, misfireGraceSeconds: 60 };
const MIN = 60_000;

afterEach(() => vi.useRealTimers());

/** `stall` shifts the scheduler's clock ahead of the timers: a process that slept or blocked. */
function harness(cfg: Partial<ScheduleConfig> = {}, jobMs = 0, stall = { ms: 0 }) {
  let busy = false;
  const starts: number[] = [];
  const job = async () => {
    busy = true;
    starts.push(Date.now() + stall.ms);
    if (jobMs) await new Promise((r) => setTimeout(r, jobMs));
    busy = false;
  };
  const s = new ScanScheduler(job, () => busy, { ...base, ...cfg }, () => Date.now() + stall.ms);
  return { s, starts };
}

describe('scan scheduler', () => {
  it('interval: fires on the anchored grid and reports the next run time and trigger', async () => {
    vi.useFakeTimers({ now: Date.parse('2024-01-01T00:00:00Z') });
    const { s, starts } = harness();
    s.start();
    const st = s.status();
    expect(st.running).toBe(true);
    expect(st).toMatchObject({ status: 'running', is_running: true });
    expect(st.jobs[0]).toMatchObject({ id: 'volume_analysis_job', name: 'Volume Analysis Batch Job', trigger: 'interval[0:05:00]', next_run_time: '2024-01-01T00:05:00.000Z' });
    expect(st.scheduler_config).toMatchObject({ interval_minutes: 5, max_instances: 1, coalesce: true, misfire_grace_time: 60, min_interval_seconds: 60 });
    await vi.advanceTimersByTimeAsync(16 * MIN);
    expect(starts.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['00:05', '00:10', '00:15']);
    s.stop();
    expect(s.status()).toMatchObject({ running: false, jobs: [] });
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(starts.length).toBe(3);
  });

  it('max 1 instance: a fire time that finds the job running is skipped', async () => {
    vi.useFakeTimers({ now: Date.parse('2024-01-01T00:00:00Z') });
    const { s, starts } = harness({ intervalMinutes: 1 }, 2.5 * MIN);
    s.start();
    await vi.advanceTimersByTimeAsync(6.1 * MIN);
    // Runs at 1, then 4 (2 and 3 found it busy), then fires at 5 and 6 are busy again.
    expect(starts.map((t) => (t - Date.parse('2024-01-01T00:00:00Z')) / MIN)).toEqual([1, 4]);
    expect(s.status().stats.skipped_max_instances).toBeGreaterThanOrEqual(3);
    s.stop();
  });

  it('coalesces missed fire times into one run and skips those beyond the misfire grace', async () => {
    vi.useFakeTimers({ now: Date.parse('2024-01-01T00:00:00Z') });
    const stall = { ms: 0 };
    const { s, starts } = harness({ intervalMinutes: 1, misfireGraceSeconds: 150 }, 0, stall);
    s.start();
    stall.ms = 4.5 * MIN;
    // The 00:01 timer fires at 00:05:30 (the host slept, the loop blocked).
    await vi.advanceTimersByTimeAsync(MIN);
    // Due: 1,2,3,4,5; within 150 s of 5:30: 3,4,5 → one coalesced run; 1,2 misfired.
    expect(starts.length).toBe(1);
    expect(s.status().stats.misfired).toBe(2);
    expect(s.status().jobs[0]!.next_run_time).toBe('2024-01-01T00:06:00.000Z');
    s.stop();
  });

  it('without coalesce runs each missed fire time in the grace, back to back', async () => {
    vi.useFakeTimers({ now: Date.parse('2024-01-01T00:00:00Z') });
    const stall = { ms: 0 };
    const { s, starts } = harness({ intervalMinutes: 1, misfireGraceSeconds: 150, coalesce: false }, 0, stall);
    s.start();
    stall.ms = 4.5 * MIN;
    await vi.advanceTimersByTimeAsync(MIN);
    expect(starts.length).toBe(3);
    s.stop();
  });

  it('cron: UTC schedule, next run on the cron grid; a bad expression names the field', async () => {
    vi.useFakeTimers({ now: Date.parse('2024-01-01T00:03:10Z') });
    const { s, starts } = harness({ type: 'cron', cron: '*/5 * * * *' });
    s.start();
    expect(s.status().jobs[0]).toMatchObject({ trigger: 'cron[*/5 * * * *]', next_run_time: '2024-01-01T00:05:00.000Z' });
    await vi.advanceTimersByTimeAsync(7 * MIN);
    expect(starts.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['00:05', '00:10']);
    s.stop();
    expect(() => cronTrigger('every five minutes')).toThrow(/^cron: /);
    expect(() => intervalTrigger(10, 0)).toThrow(/^interval_minutes: /);
  });

  it('refuses schedules that run more often than the minimum, naming the field, and stays stopped', () => {
    const { s } = harness({ minIntervalSeconds: 60 });
    expect(() => s.start({ intervalMinutes: 0.5 })).toThrow(/^interval_minutes: runs 30 s apart; the minimum is 60 s/);
    expect(() => s.start({ type: 'cron', cron: '*/10 * * * * *' })).toThrow(/^cron: runs 10 s apart; the minimum is 60 s/);
    // Two runs a minute apart then a long pause: the shortest gap counts.
    expect(() => s.start({ type: 'cron', cron: '0,1 * * * *', minIntervalSeconds: 120 })).toThrow(/^cron: runs 60 s apart; the minimum is 120 s/);
    expect(s.running).toBe(false);
    s.start({ intervalMinutes: 1 });
    expect(s.status().jobs[0]!.trigger).toBe('interval[0:01:00]');
    s.stop();
    // The minimum is configurable: a test harness may ask for seconds.
    const fast = harness({ minIntervalSeconds: 1 }).s;
    fast.start({ intervalMinutes: 2 / 60 });
    expect(fast.status().scheduler_config.min_interval_seconds).toBe(1);
    fast.stop();
  });
});
