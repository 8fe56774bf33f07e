import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../electron/menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role.toLowerCase()] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

// Electron fills these roles with its default submenus, which include reload and devtools.
const defaultViewRoles = ['viewmenu'];

describe('application menu', () => {
  it.each([true, false])('has no reload or developer tools in the package (macOS: %s)', (isMac) => {
    const menu = menuTemplate({ isMac, devTools: false });
    const all = roles(menu);
    for (const role of ['toggledevtools', 'reload', 'forcereload']) expect(all).not.toContain(role);
    for (const item of menu) {
      if (item.role && defaultViewRoles.includes(item.role.toLowerCase())) expect(Array.isArray(item.submenu)).toBe(true);
    }
    expect(all).toEqual(expect.arrayContaining(['filemenu', 'editmenu', 'zoomin', 'zoomout', 'resetzoom', 'windowmenu']));
    expect(all.includes('appmenu')).toBe(isMac);
  });

  it('offers reload and developer tools in a development run', () => {
    const all = roles(menuTemplate({ isMac: false, devTools: true }));
    expect(all).toEqual(expect.arrayContaining(['reload', 'toggledevtools']));
  });
});
