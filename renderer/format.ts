import type { TFunction } from 'i18next';
import { currentLanguage, locales } from './i18n';

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[currentLanguage()], { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** A moment to the minute ("2 Dec 2026, 14:05"): when a step was recorded. */
export function formatDateMinute(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[currentLanguage()], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locales[currentLanguage()], { dateStyle: 'long' }).format(date);
}

/** A calendar day (`YYYY-MM-DD`), with its weekday unless `weekday` is false ("Mon, 6 April 2026"), the same day wherever the PC's clock is. */
export function formatDay(day: string, weekday: 'short' | 'long' | false = 'short'): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locales[currentLanguage()], { ...(weekday ? { weekday } : {}), day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locales[currentLanguage()]).format(n);
}

/** "42 seconds" or "3 min 05 s": waits after failed unlocks run up to fifteen minutes. */
export function formatWait(t: TFunction, totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  if (s < 60) return t('time.seconds', { count: s });
  return t('time.minutes', { minutes: Math.floor(s / 60), seconds: String(s % 60).padStart(2, '0') });
}
