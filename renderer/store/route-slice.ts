import { homeRoute, routes, type Route } from '../routes';
import type { Slice } from './types';

export interface RouteSlice {
  /** Survives a reload; every unlock starts at home (vault-slice.ts), since the next person may not be the last one. */
  route: Route;
  /**
   * The id of the panel (its heading) the screen is opened at, or null for its top: the
   * home dashboard's "Open …" lands where the thing is fixed (renderer/use-panel-focus.ts).
   */
  focusPanel: string | null;
  navigate(route: Route, focusPanel?: string): void;
}

// Per window, so a reload (F5, or the preview tab refreshed) also lands where the user was.
const STORAGE_KEY = 'registre.route';

function savedRoute(): Route {
  try {
    const saved = sessionStorage.getItem(STORAGE_KEY);
    return routes.find((r) => r === saved) ?? homeRoute;
  } catch {
    return homeRoute;
  }
}

export const createRouteSlice: Slice<RouteSlice> = (set) => ({
  route: savedRoute(),
  focusPanel: null,
  navigate: (route, focusPanel) => {
    try {
      sessionStorage.setItem(STORAGE_KEY, route);
    } catch {
      // not remembered across reloads; navigation still works
    }
    set({ route, focusPanel: focusPanel ?? null });
  },
});
