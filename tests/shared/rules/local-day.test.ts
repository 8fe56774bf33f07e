/** localDay: the secretariat's calendar day, not UTC's. */
import { afterEach, describe, expect, it } from 'vitest';
import { localDay } from '../../../shared/rules/dates';

const original = process.env.TZ;
afterEach(() => {
  process.env.TZ = original;
});

describe('localDay', () => {
  it("is Brussels' date when UTC is still on the day before", () => {
    process.env.TZ = 'Europe/Brussels';
    expect(localDay(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27');
    expect(localDay(new Date('2026-11-26T22:59:59Z'))).toBe('2026-11-26');
    process.env.TZ = 'UTC';
    expect(localDay(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-26');
  });
});
