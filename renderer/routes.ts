/** The sections of the app shell, in navigation order, grouped as the sidebar shows them. */
export const routeGroups = {
  // The home dashboard on its own above the groups: a heading would only repeat its name.
  start: ['home'],
  records: ['contacts', 'organisations', 'projects', 'events'],
  protection: ['register', 'consents', 'photoOptOuts', 'requests', 'retention'],
  administration: ['exports', 'statistics', 'reports', 'backups', 'audit', 'settings'],
} as const;

export type RouteGroup = keyof typeof routeGroups;
export type Route = (typeof routeGroups)[RouteGroup][number];

export const routes: readonly Route[] = Object.values(routeGroups).flat();

/** Where the app opens and where every unlock starts. */
export const homeRoute: Route = 'home';
