// The app's own origin. Pages are served from the package under app://tccsd/ and nothing else
// is trusted: the ipc sender check and the navigation guard both ask `isAppUrl`.
export const APP_SCHEME = 'app';
export const APP_HOST = 'tccsd';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
