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
  const type = suggestedName.endsWith('.csv') ? 'text/csv;charset=utf-8' : suggestedName.endsWith('.html') ? 'text/html;charset=utf-8' : 'text/plain;charset=utf-8';
  return download(suggestedName, new Blob([text], { type }));
}

/** Saves bytes the core handed over (a file attached to a request) the same way. */
export async function saveBytesFile(suggestedName: string, contentType: string, contentBase64: string): Promise<SavedFile> {
  const answer = await api.shell('shell.saveFile', { suggestedName, contentBase64 });
  if (answer.available) return answer.path ? { kind: 'saved', path: answer.path } : { kind: 'cancelled' };
  const bytes = Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0));
  return download(suggestedName, new Blob([bytes], { type: contentType }));
}

/** The browser's download, for the preview, which has no save dialog. */
function download(name: string, blob: Blob): SavedFile {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
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
