// Where the data lives. A fixed folder name, not derived from the product name, so a rename
// or a rebrand never orphans a commune's data. TCCSD_DATA_DIR overrides it (tests, portable use).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DATA_FOLDER_NAME = 'tccsd-data';
export const DB_FILE_NAME = 'tccsd.sqlite3';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.TCCSD_DATA_DIR) return env.TCCSD_DATA_DIR;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), DATA_FOLDER_NAME);
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', DATA_FOLDER_NAME);
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), DATA_FOLDER_NAME);
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), DB_FILE_NAME);
}
