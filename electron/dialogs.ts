/** Native dialogs behind the shell methods. Runs only inside Electron; kept this small. */
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { extname, join } from 'node:path';
import { writeFileAtomic } from '../db/index';
import type { ShellHandlers } from './ipc';

export function shellHandlers(window: () => BrowserWindow | null, currentDir: () => string, downloadsDir: () => string): ShellHandlers {
  /**
   * The save dialog, opened in Downloads on the suggested name with its extension as the
   * only filter; null when the person cancels. The files name people from the register:
   * kept out of Windows' recent documents.
   */
  const askWhereToSave = async (suggestedName: string): Promise<string | null> => {
    const extension = extname(suggestedName).slice(1);
    const options: SaveDialogOptions = {
      defaultPath: join(downloadsDir(), suggestedName),
      filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
      properties: ['showOverwriteConfirmation', 'dontAddToRecent'],
    };
    const parent = window();
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  return {
    'shell.chooseFolder': async () => {
      const options: OpenDialogOptions = {
        defaultPath: currentDir(),
        // createDirectory: macOS lets the user make the vault folder from the dialog.
        // dontAddToRecent: Windows does not list the vault folder in recent documents.
        properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
      };
      const parent = window();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return { path: result.canceled ? null : (result.filePaths[0] ?? null), available: true };
    },
    'shell.saveTextFile': async ({ suggestedName, content }) => {
      const path = await askWhereToSave(suggestedName);
      // Atomic, so overwriting last week's report never leaves half a file behind.
      if (path) writeFileAtomic(path, content);
      return { path, available: true };
    },
    'shell.saveFile': async ({ suggestedName, contentBase64 }) => {
      const path = await askWhereToSave(suggestedName);
      if (path) writeFileAtomic(path, Buffer.from(contentBase64, 'base64'));
      return { path, available: true };
    },
    // The core writes the export itself (streamed); the dialog only chooses where.
    'shell.chooseExportPath': async ({ suggestedName }) => ({ path: await askWhereToSave(suggestedName), available: true }),
  };
}
