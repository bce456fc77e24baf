import { afterAll, describe, it, expect } from 'vitest';
import { deleteQueue, uniqueName } from '../../helpers/redis.js';
import { requires } from '../../helpers/requires.js';
import { endToEnd } from './end-to-end.js';
import { dropSchema, postgresConfig, sqliteConfig } from './harness.js';

describe.runIf(await requires('postgres', 'redis'))('signal pipeline: PostgreSQL + Redis queue with 2 BullMQ workers', () => {
  // BullMQ keeps completed jobs without a TTL: the run's queue goes with the run.
  const queueName = uniqueName('sx-test');
  afterAll(async () => {
    await deleteQueue(queueName);
  });

  it('gives the same signals as the in-process run, through every endpoint', async () => {
    const config = postgresConfig({ pipeline: { symbols: undefined, timeframes: ['1d'], replaySince: '2023-06-01', window: 300, useQueue: true, queueName } });
    try {
      const queued = await endToEnd(config, 2);
      const local = await endToEnd(sqliteConfig(), 0);
      const strip = (s: { symbol: string; timestamp: number; direction: string; market_score: number; entry1: number | null; confluence: string }) =>
        `${s.symbol}|${s.timestamp}|${s.direction}|${s.market_score}|${s.entry1}|${s.confluence}`;
      expect(queued.signals.map(strip).sort()).toEqual(local.signals.map(strip).sort());
    } finally {
      await dropSchema(config.store.schema);
    }
  }, 240_000);
});
