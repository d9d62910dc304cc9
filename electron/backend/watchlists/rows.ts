// Row shapes of the watchlist tables as SQLite returns them, and the columns read.
import type {
  MeasureKind,
  MeasureStatus,
  MemberStatus,
  WatchReason,
} from '../../../shared/domain/watchlists';
import { WATCH_REASONS } from '../../../shared/domain/watchlists';

export interface WatchlistRecord {
  id: string;
  title: string;
  number: string | null;
  decided_on: string | null;
  issuer_id: string;
  year: number;
  to_year: number | null;
  purpose: string | null;
  note: string | null;
  extends_id: string | null;
  previous_id: string | null;
  updated_at: string;
  deleted_at: string | null;
}

export const WATCHLIST_COLUMNS = `id, title, number, decided_on, issuer_id, year, to_year, purpose, note,
  extends_id, previous_id, updated_at, deleted_at`;

export interface MemberRecord {
  id: string;
  watchlist_id: string;
  unit_id: string;
  position: number;
  group_name: string | null;
  /** JSON array of WatchReason. */
  reasons: string;
  reason_other: string | null;
  responsible: string | null;
  working_group: string | null;
  target_level: string | null;
  status: MemberStatus;
  status_date: string | null;
  status_reason: string | null;
  note: string | null;
  carried_from_id: string | null;
  updated_at: string;
  deleted_at: string | null;
}

export const MEMBER_COLUMNS = `id, watchlist_id, unit_id, position, group_name, reasons, reason_other,
  responsible, working_group, target_level, status, status_date, status_reason, note,
  carried_from_id, updated_at, deleted_at`;

export interface MeasureRecord {
  id: string;
  member_id: string;
  kind: MeasureKind;
  title: string;
  responsible: string | null;
  start_on: string | null;
  due_on: string | null;
  done_on: string | null;
  status: MeasureStatus;
  result_note: string | null;
  /** JSON array of document numbers. */
  documents: string;
  updated_at: string;
  deleted_at: string | null;
}

export const MEASURE_COLUMNS = `id, member_id, kind, title, responsible, start_on, due_on, done_on,
  status, result_note, documents, updated_at, deleted_at`;

/** The last year a list covers. */
export function lastYearOf(list: Pick<WatchlistRecord, 'year' | 'to_year'>): number {
  return list.to_year ?? list.year;
}

/** The years a list covers, in order. */
export function yearsOf(list: Pick<WatchlistRecord, 'year' | 'to_year'>): number[] {
  const years: number[] = [];
  for (let y = list.year; y <= lastYearOf(list); y++) years.push(y);
  return years;
}

/** A stored JSON array of text; anything else (a file edited by hand) reads as empty. */
export function textArray(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function reasonsOf(member: Pick<MemberRecord, 'reasons'>): WatchReason[] {
  const known = new Set<string>(WATCH_REASONS);
  return textArray(member.reasons).filter((r): r is WatchReason => known.has(r));
}
