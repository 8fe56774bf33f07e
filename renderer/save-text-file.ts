import { api } from './api';

export type SavedFile = { kind: 'saved'; path: string } | { kind: 'downloaded' } | { kind: 'cancelled' };

/**
 * Saves text the renderer made (an error report) where the user chooses. The desktop
 * window refuses downloads, so Electron shows a save dialog; the browser preview has no
 * dialog and downloads the file the browser's way instead.
 */
export async function saveTextFile(suggestedName: string, content: string): Promise<SavedFile> {
  // Excel on Windows reads a CSV as UTF-8 (accents intact) only when it starts with a BOM.
  const text = suggestedName.endsWith('.csv') && !content.startsWith('\ufeff') ? `\ufeff${content}` : content;
  const answer = await api.shell('shell.saveTextFile', { suggestedName, content: text });
  if (answer.available) return answer.path ? { kind: 'saved', path: answer.path } : { kind: 'cancelled' };
  const url = URL.createObjectURL(new Blob([text], { type: suggestedName.endsWith('.csv') ? 'text/csv;charset=utf-8' : 'text/plain;charset=utf-8' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = suggestedName;
    link.click();
  } finally {
    // Revoked on the next tick: the click has started the download by then.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return { kind: 'downloaded' };
}

/** A name the save dialog accepts (letters, digits, spaces, . _ ( ) -), from any file name. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return cleaned || fallback;
}
