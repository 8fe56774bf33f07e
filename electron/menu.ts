/**
 * The application menu as data: the platform's standard roles (so shortcuts and labels
 * follow the OS), zoom for readability, and reload / developer tools only in a
 * development run.
 */
import type { MenuItemConstructorOptions } from 'electron';

export function menuTemplate(opts: { isMac: boolean; devTools: boolean }): MenuItemConstructorOptions[] {
  const develop: MenuItemConstructorOptions[] = opts.devTools ? [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] : [];
  return [
    ...(opts.isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    // An explicit submenu: the default View menu would bring reload and developer tools.
    {
      role: 'viewMenu',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, ...develop],
    },
    { role: 'windowMenu' },
  ];
}
