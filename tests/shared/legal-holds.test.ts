import { describe, expect, it } from 'vitest';
import { heldUntil, yearsAfter } from '../../shared/rules/legal-holds';

describe('legal holds', () => {
  it('ends a hold 7 years after its start, on 1 March for a start on 29 February', () => {
    expect(yearsAfter('2024-05-12', 7)).toBe('2031-05-12');
    expect(yearsAfter('2024-02-29', 7)).toBe('2031-03-01');
    expect(yearsAfter('2024-02-29', 4)).toBe('2028-02-29');
    expect(() => yearsAfter('2024-02-30', 7)).toThrow(RangeError);
  });

  it('keeps through the last day and lets go the day after; nothing to start from, nothing kept', () => {
    expect(heldUntil('2019-06-30', '2026-06-30')).toBe('2026-06-30');
    expect(heldUntil('2019-06-30', '2026-07-01')).toBeNull();
    expect(heldUntil(null, '2026-07-01')).toBeNull();
  });
});
