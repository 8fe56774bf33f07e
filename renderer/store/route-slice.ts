import { homeRoute, routes, type Route } from '../routes';
import type { Slice } from './types';

export interface RouteSlice {
  /** Survives a reload; every unlock starts at home (vault-slice.ts), since the next person may not be the last one. */
  route: Route;
  navigate(route: Route): void;
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
  navigate: (route) => {
    try {
      sessionStorage.setItem(STORAGE_KEY, route);
    } catch {
      // not remembered across reloads; navigation still works
    }
    set({ route });
  },
});
