/**
 * One renderer, five pages, chosen by the path (no router package): the visitor kiosk at `/`,
 * the staff stations at their own paths. Station pages are loaded lazily so the kiosk's bundle
 * stays small.
 */
export type StationRoute = 'desk' | 'reception' | 'display' | 'admin';
export type Route = 'kiosk' | StationRoute;

const STATION_PATHS: Record<string, StationRoute> = {
  '/desk': 'desk',
  '/reception': 'reception',
  '/display': 'display',
  '/admin': 'admin',
};

export function routeForPath(pathname: string): Route {
  const normalized = pathname.replace(/\/+$/, '').toLowerCase() || '/';
  return STATION_PATHS[normalized] ?? 'kiosk';
}

export function pathForRoute(route: Route): string {
  return route === 'kiosk' ? '/' : `/${route}`;
}
