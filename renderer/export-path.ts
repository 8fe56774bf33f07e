import { localDay } from '../shared/rules/dates';
import { api } from './api';

export type ChosenExportPath = { kind: 'chosen'; path: string } | { kind: 'cancelled' } | { kind: 'unavailable' };

/**
 * Asks the shell where to write an export. The desktop shows its save dialog (and then
 * lets the core write only there); the browser preview answers with its exports folder.
 * Nothing is written here: the core streams the file itself.
 */
export async function chooseExportPath(suggestedName: string): Promise<ChosenExportPath> {
  const answer = await api.shell('shell.chooseExportPath', { suggestedName });
  if (!answer.available) return { kind: 'unavailable' };
  return answer.path ? { kind: 'chosen', path: answer.path } : { kind: 'cancelled' };
}

/**
 * A file name the save dialog accepts, like `registre-contacts-2026-11-26.csv`: the parts
 * joined by dashes, anything but letters, digits, spaces and . _ ( ) - dropped.
 */
export function exportFileName(parts: readonly string[], extension: 'csv' | 'json' | 'zip' | 'html' | 'pdf', now = new Date()): string {
  const cleaned = ['registre', ...parts]
    .map((p) =>
      p
        .replace(/[^\p{L}\p{N} ._()-]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join('-')
    .slice(0, 100);
  return `${cleaned}-${localDay(now)}.${extension}`;
}
