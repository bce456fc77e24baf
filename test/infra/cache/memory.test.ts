import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../src/infra/cache/index.js';

describe('MemoryCache', () => {
  it('counts hits and misses and reports its size', async () => {
    const c = new MemoryCache();
    expect(await c.get('a')).toBeUndefined();
    await c.set('a', Buffer.from('one'));
    expect(await c.get('a')).toEqual(Buffer.from('one'));
    expect(await c.get('a')).toEqual(Buffer.from('one'));
    expect(await c.stats()).toEqual({ hits: 2, misses: 1, size: 1, backend: 'memory' });
  });

  it('evicts the least recently used entry beyond its bound', async () => {
    const c = new MemoryCache({ maxEntries: 2 });
    await c.set('a', Buffer.from('1'));
    await c.set('b', Buffer.from('2'));
    await c.get('a');
    await c.set('c', Buffer.from('3'));
    expect(await c.get('b')).toBeUndefined();
    expect(await c.get('a')).toEqual(Buffer.from('1'));
    expect((await c.stats()).size).toBe(2);
  });

  it('expires entries after their ttl', async () => {
    const c = new MemoryCache();
    await c.set('a', Buffer.from('1'), 20);
    await new Promise((r) => setTimeout(r, 40));
    expect(await c.get('a')).toBeUndefined();
  });
});
