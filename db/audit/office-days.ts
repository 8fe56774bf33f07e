/**
 * Calendar days as the office lives them: the secretariat works in Brussels whatever the
 * computer's zone (as db/export/export-words.ts writes times), so a filter's day starts at
 * midnight in Brussels. An event at 00:30 on 4 March (23:30Z on 3 March) belongs to 4 March.
 */
const OFFICE_TIME_ZONE = 'Europe/Brussels';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: OFFICE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** How far Brussels' clock is ahead of UTC at this instant, in milliseconds. */
function offsetAt(instant: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)])) as Record<string, number>;
  return Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant (ISO text, as the log's `at`) at which this Brussels day begins, `plusDays` later. */
export function officeDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d + plusDays);
  // The offset at wall time read as UTC is right except within hours of a clock change; one more step settles it.
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant).toISOString();
}

/** A day filter's bounds on `at`: from its first instant, before the instant after its last day. */
export function officeDayBounds(f: { from?: string | undefined; to?: string | undefined }): { from: string | null; before: string | null } {
  return { from: f.from ? officeDayStart(f.from) : null, before: f.to ? officeDayStart(f.to, 1) : null };
}
