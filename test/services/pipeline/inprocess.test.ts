import { describe, it } from 'vitest';
import { endToEnd } from './end-to-end.js';
import { sqliteConfig } from './harness.js';

describe('signal pipeline: in-process scheduler, SQLite, real API + WebSocket', () => {
  it('processes ten replayed pairs and every endpoint agrees', async () => {
    await endToEnd(sqliteConfig(), 0);
  }, 120_000);
});
