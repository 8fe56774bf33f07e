/** The sections of the app shell, in navigation order, grouped as the sidebar shows them. */
export const routeGroups = {
  records: ['contacts', 'organisations', 'projects', 'events'],
  protection: ['register', 'consents', 'photoOptOuts', 'requests', 'retention', 'statistics'],
  administration: ['exports', 'backups', 'audit', 'settings'],
} as const;

export type RouteGroup = keyof typeof routeGroups;
export type Route = (typeof routeGroups)[RouteGroup][number];

export const routes: readonly Route[] = Object.values(routeGroups).flat();

/** Where the app opens and where every unlock starts. */
export const homeRoute: Route = 'contacts';

/** Sections whose screens come in later issues: they show what will be there. */
export type PlaceholderRoute = Exclude<Route, 'projects' | 'audit' | 'settings' | 'register' | 'consents' | 'photoOptOuts' | 'requests' | 'retention' | 'statistics' | 'exports' | 'backups'>;

export function isPlaceholder(route: Route): route is PlaceholderRoute {
  return !(['projects', 'audit', 'settings', 'register', 'consents', 'photoOptOuts', 'requests', 'retention', 'statistics', 'exports', 'backups'] as Route[]).includes(route);
}
