// Nhật ký thay đổi: who changed what and when, newest first, filtered by unit, person, dates,
// channel and source; old → new values under the fields' Vietnamese names. Pages are read by
// key ("Xem tiếp" continues after the last row shown), so a national log costs one page a time.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AuditChange,
  AuditChannel,
  AuditCursor,
  AuditEntry,
  AuditSource,
  MethodInput,
} from '../../../shared/contract';
import { AUDIT_CHANNELS, AUDIT_SOURCES } from '../../../shared/methods/audit';
import {
  AUDIT_CHANNEL_LABELS,
  AUDIT_SETTING_LABELS,
  auditEntityLabel,
  auditFieldLabel,
  auditTime,
  auditValueLabel,
} from '../../../shared/domain/audit-labels';
import { parseDate } from '../../../shared/domain/years';
import { call, errorMessage } from '../api/client';
import { useChangeStore } from '../api/changes';
import { useAppStore } from '../stores/app';
import { DATE_INPUT } from '../ui/dates';
import { UnitPicker } from '../units/UnitPicker';

type Filter = Omit<MethodInput<'audit.list'>, 'after' | 'limit'>;

interface Filters {
  unitId: string | null;
  operator: string;
  from: string;
  to: string;
  channel: AuditChannel | '';
  source: AuditSource | '';
}

const EMPTY: Filters = { unitId: null, operator: '', from: '', to: '', channel: '', source: '' };

/**
 * A day typed as the app's other date fields take it (17/02/2017, or ISO) → the instant its local
 * midnight is (plus `days`); null while the text is not a whole date yet, so the list is not
 * asked again at every keystroke of a half-typed date.
 */
function dayStart(text: string, days = 0): string | null {
  const parsed = parseDate(text.trim());
  if (!parsed.ok) return null;
  const [y = 0, m = 1, d = 1] = parsed.iso.split('-').map(Number);
  return new Date(y, m - 1, d + days).toISOString();
}

/** The message under a date filter typed but not (yet) a date. */
function dateProblem(text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseDate(text.trim());
  return parsed.ok ? null : parsed.message;
}

function filterOf(f: Filters): Filter {
  const from = dayStart(f.from);
  // The last day is included: up to the next day's midnight.
  const to = dayStart(f.to, 1);
  return {
    ...(f.unitId ? { unitId: f.unitId } : {}),
    ...(f.operator ? { operator: f.operator } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.source ? { source: f.source } : {}),
  };
}

function shown(entry: AuditEntry, field: string, value: AuditChange['old'], noValue: string) {
  // A unit named by its id (a parent, a related unit) is shown by its name today.
  if (typeof value === 'string' && entry.unitNames[value]) return entry.unitNames[value];
  return auditValueLabel(field, value) ?? noValue;
}

function useOperators(): string[] {
  const [names, setNames] = useState<string[]>([]);
  const written = useChangeStore((s) => Object.values(s.versions).join('.'));
  useEffect(() => {
    let live = true;
    call('audit.operators', {}).then(
      (found) => live && setNames(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [written]);
  return names;
}

export function AuditScreen() {
  const { t } = useTranslation();
  const year = useAppStore((s) => s.year);
  const operators = useOperators();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const written = useChangeStore((s) => Object.values(s.versions).join('.'));
  const filterKey = JSON.stringify(filterOf(filters));
  // What is shown, and for which filters and data: the first page again whenever the filters
  // change or anything is written; "Xem tiếp" appends to it.
  const stamp = `${filterKey}|${written}`;
  const [shownPage, setShownPage] = useState<{
    stamp: string | null;
    entries: AuditEntry[];
    next: AuditCursor | null;
    error: string | null;
  }>({ stamp: null, entries: [], next: null, error: null });
  const [readingMore, setReadingMore] = useState(false);
  const { entries, next, error } = shownPage;
  const loading = shownPage.stamp !== stamp || readingMore;

  useEffect(() => {
    let live = true;
    call('audit.list', JSON.parse(filterKey) as Filter).then(
      (page) => {
        if (live) setShownPage({ stamp, entries: page.entries, next: page.next, error: null });
      },
      (e: unknown) => {
        if (live) setShownPage({ stamp, entries: [], next: null, error: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [filterKey, stamp]);

  const more = async () => {
    if (!next) return;
    setReadingMore(true);
    try {
      const page = await call('audit.list', { ...(JSON.parse(filterKey) as Filter), after: next });
      setShownPage((before) =>
        before.stamp === stamp
          ? { ...before, entries: [...before.entries, ...page.entries], next: page.next }
          : before,
      );
    } catch (e) {
      setShownPage((before) => ({ ...before, error: errorMessage(e) }));
    } finally {
      setReadingMore(false);
    }
  };

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const noValue = t('auditLog.noValue');

  return (
    <section className="screen audit-screen">
      <h1>{t('auditLog.title')}</h1>
      <p className="hint">{t('auditLog.intro')}</p>
      <form
        className="audit-filters"
        role="search"
        aria-label={t('auditLog.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="audit-filter-unit">
          <UnitPicker
            year={year}
            value={filters.unitId}
            onChange={(id) => set('unitId', id)}
            label={t('auditLog.unit')}
            noneLabel={t('auditLog.all')}
          />
        </div>
        <label>
          {t('auditLog.operator')}
          <select value={filters.operator} onChange={(e) => set('operator', e.target.value)}>
            <option value="">{t('auditLog.all')}</option>
            {operators.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <DateFilter
          label={t('auditLog.from')}
          value={filters.from}
          onChange={(text) => set('from', text)}
        />
        <DateFilter
          label={t('auditLog.to')}
          value={filters.to}
          onChange={(text) => set('to', text)}
        />
        <label>
          {t('auditLog.channel')}
          <select
            value={filters.channel}
            onChange={(e) => set('channel', e.target.value as Filters['channel'])}
          >
            <option value="">{t('auditLog.all')}</option>
            {AUDIT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {AUDIT_CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('auditLog.source')}
          <select
            value={filters.source}
            onChange={(e) => set('source', e.target.value as Filters['source'])}
          >
            <option value="">{t('auditLog.all')}</option>
            {AUDIT_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`auditLog.sources.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setFilters(EMPTY)}>
          {t('auditLog.clear')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!loading && entries.length === 0 && !error && <p>{t('auditLog.empty')}</p>}
      {entries.length > 0 && (
        <table className="audit-table">
          <caption className="visually-hidden">{t('auditLog.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('auditLog.when')}</th>
              <th scope="col">{t('auditLog.operator')}</th>
              <th scope="col">{t('auditLog.how')}</th>
              <th scope="col">{t('auditLog.what')}</th>
              <th scope="col">{t('auditLog.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq}>
                <td>{auditTime(entry.at)}</td>
                <td>{entry.operator}</td>
                <td>
                  {entry.channel
                    ? AUDIT_CHANNEL_LABELS[entry.channel]
                    : t('auditLog.unknownChannel')}
                  <br />
                  <span className="hint">
                    {entry.fileName
                      ? t('auditLog.fromFile', { name: entry.fileName })
                      : t(`auditLog.sources.${entry.source}`)}
                  </span>
                  {entry.fileSha256 && (
                    <span className="hint audit-sha" title={entry.fileSha256}>
                      SHA-256 {entry.fileSha256.slice(0, 12)}…
                    </span>
                  )}
                </td>
                <td>
                  {t(`auditLog.actions.${entry.action}`)}: {auditEntityLabel(entry.entity)}
                  {entry.entity === 'settings' && (
                    <> — {AUDIT_SETTING_LABELS[entry.entityId] ?? entry.entityId}</>
                  )}
                  {entry.unitName && (
                    <>
                      <br />
                      <strong>{entry.unitName}</strong>
                    </>
                  )}
                </td>
                <td>
                  <ul className="audit-changes">
                    {/* The unit itself is named above: its id is not repeated. */}
                    {entry.changes
                      .filter((c) => !(c.field === 'unit_id' && c.new === entry.unitId))
                      .map((c) => (
                        <li key={c.field}>
                          <span className="audit-field">
                            {auditFieldLabel(c.field, entry.entity)}:
                          </span>{' '}
                          {entry.action !== 'insert' && (
                            <>
                              <del>{shown(entry, c.field, c.old, noValue)}</del>
                              {' → '}
                            </>
                          )}
                          <ins>{shown(entry, c.field, c.new, noValue)}</ins>
                        </li>
                      ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => void more()} disabled={loading}>
          {t('auditLog.more')}
        </button>
      )}
      {loading && <p role="status">{t('app.loading')}</p>}
    </section>
  );
}

/** A date filter typed dd/mm/yyyy like every date field of the app, its problem said under it. */
function DateFilter(props: { label: string; value: string; onChange: (text: string) => void }) {
  const id = useId();
  const problem = dateProblem(props.value);
  return (
    <div className="date-filter">
      <label>
        {props.label}
        <input
          {...DATE_INPUT}
          value={props.value}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? id : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </label>
      {problem && (
        <span id={id} className="field-error">
          {problem}
        </span>
      )}
    </div>
  );
}
