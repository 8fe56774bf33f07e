import { localDay } from '../../../shared/rules/dates';

export const periodPresets = ['lastYear', 'thisYear', 'last12Months'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

const pad = (n: number) => String(n).padStart(2, '0');

/** The days a preset names, from today on this computer's calendar (both days included). */
export function presetPeriod(preset: PeriodPreset, now = new Date()): { from: string; to: string } {
  const y = now.getFullYear();
  if (preset === 'lastYear') return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
  if (preset === 'thisYear') return { from: `${y}-01-01`, to: localDay(now) };
  const start = new Date(y - 1, now.getMonth(), now.getDate() + 1);
  return { from: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`, to: localDay(now) };
}
