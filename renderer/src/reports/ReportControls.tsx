// What the report covers and how it is written: a committee (empty: the whole register) or a
// watchlist, year N, the year compared, the grouping, the style of the sentences, and whether to
// name typical cases. Every control is labelled and works from the keyboard.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Watchlist } from '../../../shared/contract';
import type { ReportGrouping, SummaryStyle } from '../../../shared/methods/reports';
import { REPORT_GROUPING_LABELS } from '../../../shared/methods/reports';
import { SUMMARY_STYLES } from '../../../shared/domain/summary';
import { FIRST_RATING_YEAR } from '../../../shared/domain/scales';
import { UnitPicker } from '../units/UnitPicker';
import { YearInput } from '../ui/YearInput';
import type { CompareChoice, ReportQuery } from './query';
import { compareYearOf, effectiveGrouping, groupingsFor } from './query';

/** How far back the compared year may be chosen from the list. */
const COMPARE_SPAN = 10;

interface Props {
  query: ReportQuery;
  year: number;
  lists: Watchlist[] | null;
  onQuery: (change: Partial<ReportQuery>) => void;
  onYear: (year: number) => void;
}

function compareValue(compare: CompareChoice): string {
  return compare === 'previous' ? 'previous' : compare === null ? 'none' : String(compare);
}

function compareChoice(value: string): CompareChoice {
  return value === 'previous' ? 'previous' : value === 'none' ? null : Number(value);
}

/** "Củng cố … năm 2017 (33-NQ/TU) — Đảng bộ tỉnh Lạng Sơn". */
function listLabel(list: Watchlist): string {
  const years =
    list.toYear && list.toYear !== list.year ? `${list.year}–${list.toYear}` : list.year;
  const number = list.number ? `, ${list.number}` : '';
  return `${list.title} (${years}${number}) — ${list.issuerName}`;
}

export function ReportControls({ query, year, lists, onQuery, onYear }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const { scope } = query;
  const compareYears = Array.from({ length: COMPARE_SPAN }, (_, i) => year - 2 - i).filter(
    (y) => y >= FIRST_RATING_YEAR,
  );
  const chosen = compareYearOf(query.compare, year);
  if (typeof query.compare === 'number' && chosen !== null && !compareYears.includes(chosen)) {
    compareYears.unshift(chosen);
  }
  const chooseList = (listId: string) => {
    const list = lists?.find((l) => l.id === listId);
    onQuery({
      scope: { type: 'watchlist', watchlistId: listId || null, withExtending: false },
    });
    // A list is reported on for a year it covers.
    if (list && (year < list.year || year > (list.toYear ?? list.year))) onYear(list.year);
  };
  return (
    <div className="report-controls" role="group" aria-label={t('reports.controls')}>
      <fieldset className="scope-choice">
        <legend>{t('reports.scope')}</legend>
        <label className="check">
          <input
            type="radio"
            name={`${id}-scope`}
            checked={scope.type === 'register'}
            onChange={() => onQuery({ scope: { type: 'register', unitId: null, unitName: null } })}
          />
          {t('reports.scopeRegister')}
        </label>
        <label className="check">
          <input
            type="radio"
            name={`${id}-scope`}
            checked={scope.type === 'watchlist'}
            onChange={() =>
              onQuery({ scope: { type: 'watchlist', watchlistId: null, withExtending: false } })
            }
          />
          {t('reports.scopeWatchlist')}
        </label>
      </fieldset>
      {scope.type === 'register' ? (
        <div className="scope-unit">
          <UnitPicker
            label={t('reports.committee')}
            noneLabel={t('reports.wholeRegister')}
            year={year}
            value={scope.unitId}
            initialName={scope.unitName}
            onChange={(unitId, row) =>
              onQuery({ scope: { type: 'register', unitId, unitName: row?.name ?? null } })
            }
          />
        </div>
      ) : (
        <div className="scope-list">
          <div className="field">
            <label className="label" htmlFor={`${id}-list`}>
              {t('reports.watchlist')}
            </label>
            <select
              id={`${id}-list`}
              value={scope.watchlistId ?? ''}
              onChange={(e) => chooseList(e.target.value)}
            >
              <option value="">
                {lists && lists.length === 0
                  ? t('reports.noWatchlists')
                  : t('reports.chooseWatchlist')}
              </option>
              {(lists ?? []).map((l) => (
                <option key={l.id} value={l.id}>
                  {listLabel(l)}
                </option>
              ))}
            </select>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={scope.withExtending}
              onChange={(e) => onQuery({ scope: { ...scope, withExtending: e.target.checked } })}
            />
            {t('reports.withExtending')}
          </label>
        </div>
      )}
      <div className="report-options">
        <YearInput label={t('reports.year')} value={year} onCommit={onYear} />
        <label className="compact">
          {t('reports.compare')}
          <select
            value={compareValue(query.compare)}
            onChange={(e) => onQuery({ compare: compareChoice(e.target.value) })}
          >
            <option value="previous">{t('reports.comparePrevious', { year: year - 1 })}</option>
            {compareYears.map((y) => (
              <option key={y} value={String(y)}>
                {t('reports.compareYear', { year: y })}
              </option>
            ))}
            <option value="none">{t('reports.compareNone')}</option>
          </select>
        </label>
        <label className="compact">
          {t('reports.groupBy')}
          <select
            value={effectiveGrouping(query)}
            onChange={(e) => onQuery({ groupBy: e.target.value as ReportGrouping })}
          >
            {groupingsFor(scope).map((g) => (
              <option key={g} value={g}>
                {REPORT_GROUPING_LABELS[g]}
              </option>
            ))}
          </select>
        </label>
        <label className="compact">
          {t('reports.summaryStyle')}
          <select
            value={query.summaryStyle}
            onChange={(e) => onQuery({ summaryStyle: e.target.value as SummaryStyle })}
          >
            {SUMMARY_STYLES.map((s) => (
              <option key={s} value={s}>
                {t(`reports.styles.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={query.namedCases}
            onChange={(e) => onQuery({ namedCases: e.target.checked })}
          />
          {t('reports.namedCases')}
        </label>
      </div>
    </div>
  );
}
