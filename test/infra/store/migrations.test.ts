import { describe, expect, it } from 'vitest';
import { assertKnownMigrations, MIGRATIONS, pendingMigrations } from '../../../src/infra/store/migrations.js';

describe('migrations list', () => {
  it('ids are unique and increasing, and every migration has SQL for both dialects', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of MIGRATIONS) {
      expect(m.statements('sqlite').length).toBeGreaterThan(0);
      expect(m.statements('postgres').length).toBeGreaterThan(0);
    }
  });

  it('uses each dialect’s own types', () => {
    const sqlite = MIGRATIONS.flatMap((m) => m.statements('sqlite')).join('\n');
    const postgres = MIGRATIONS.flatMap((m) => m.statements('postgres')).join('\n');
    expect(sqlite).not.toMatch(/JSONB|DOUBLE PRECISION|BIGINT/);
    expect(postgres).not.toMatch(/WITHOUT ROWID/);
    expect(postgres).toMatch(/time BIGINT NOT NULL/);
  });

  it('knows what is pending and refuses a schema from a newer version', () => {
    expect(pendingMigrations([]).map((m) => m.id)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(pendingMigrations(MIGRATIONS.map((m) => m.id))).toEqual([]);
    expect(pendingMigrations([1]).map((m) => m.id)).toEqual(MIGRATIONS.slice(1).map((m) => m.id));
    expect(() => assertKnownMigrations([1, 999])).toThrow(/999.*upgrade/);
  });
});
