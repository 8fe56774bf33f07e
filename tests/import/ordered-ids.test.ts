import { describe, expect, it } from 'vitest';
import { orderedUuid } from '../../db/import/ordered-ids';

describe('ordered ids', () => {
  it('are version-7 UUIDs, unique and in creation order even within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => orderedUuid());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(Math.abs(parseInt(ids[0]!.replace('-', '').slice(0, 12), 16) - Date.now())).toBeLessThan(60_000);
  });
});
