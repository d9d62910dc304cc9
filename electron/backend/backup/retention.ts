// Which backups to keep: the newest of each of the last 10 days that have one, every backup of
// today (each import of the day can be undone), and the newest of each month of the last year.
// Everything else of ours goes; files whose names are not our backups' are never looked at.
import type { BackupName } from './names';
import { localDay } from './names';

export const DAILY_KEPT = 10;
export const MONTHS_KEPT = 12;

function monthsBack(now: Date, months: number): string {
  const at = new Date(now.getFullYear(), now.getMonth() - months, 1);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}`;
}

/** The backups to delete among `backups` (any order), as of `now`. */
export function backupsToPrune(backups: readonly BackupName[], now: Date): BackupName[] {
  const newestFirst = [...backups].sort((a, b) => b.stamp.localeCompare(a.stamp));
  const keep = new Set<string>();
  const today = localDay(now);
  const days = new Set<string>();
  const months = new Set<string>();
  // The month a year ago is gone: twelve months counting this one.
  const oldestMonth = monthsBack(now, MONTHS_KEPT - 1);
  for (const backup of newestFirst) {
    if (backup.day >= today) keep.add(backup.name);
    if (!days.has(backup.day) && days.size < DAILY_KEPT) {
      days.add(backup.day);
      keep.add(backup.name);
    }
    if (!months.has(backup.month) && backup.month >= oldestMonth) {
      months.add(backup.month);
      keep.add(backup.name);
    }
  }
  return newestFirst.filter((b) => !keep.has(b.name));
}
