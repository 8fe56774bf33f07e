/** Native dialogs behind the shell methods. Runs only inside Electron; kept this small. */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { ShellHandlers } from './ipc';

export function shellHandlers(window: () => BrowserWindow | null, currentDir: () => string): ShellHandlers {
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
  };
}
