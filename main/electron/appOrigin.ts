import { isAbsolute, join, normalize, relative } from 'node:path';

/**
 * The renderer is served from app://kiosk/ rather than file://, so it has a real origin that the
 * IPC transport can check and that grants no access to the rest of the disk. Kept free of Electron
 * imports so the rules are unit-tested under Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Pages of the renderer besides the visitor's: each is the same index.html, routed in the page. */
export const SCREEN_ROUTES = ['/desk', '/reception', '/display', '/admin'] as const;

/**
 * Maps an app:// URL to a file inside `rendererDir`, or undefined if it points anywhere else.
 * `/voice/<clip>` maps to the shipped clip in `voiceDir`, for a display run in the Electron app.
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string, voiceDir?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  if ((SCREEN_ROUTES as readonly string[]).includes(path)) return join(rendererDir, 'index.html');
  const clip = /^\/voice\/([a-z0-9-]{1,40})$/.exec(path);
  if (clip && voiceDir) return join(voiceDir, 'id', `${clip[1]}.wav`);
  const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return file;
}

/**
 * The one permission the kiosk grants: the camera (video only, never the microphone) to the app's
 * own pages, for the scanner's camera fallback. Everything else, and every other origin, is denied.
 * String prefixes rather than `new URL().origin`, which is `'null'` for custom schemes in Node.
 */
export function isAllowedPermission(permission: string, requestingUrl: string, mediaTypes: readonly string[] | undefined): boolean {
  if (permission !== 'media') return false;
  if (!requestingUrl.startsWith(`${APP_ORIGIN}/`)) return false;
  // The check handler gets no media types; the request handler's list must hold video alone.
  return mediaTypes === undefined || (mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video'));
}
