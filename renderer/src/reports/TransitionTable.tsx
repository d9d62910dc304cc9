// Where the units of the compared year went in year N: rows are the compared year's levels,
// columns year N's, each cell a count; the diagonal (kept the same level) is highlighted. Across
// a change of rating scale (2017 → 2018) the levels are not the same thing, so there is no
// diagonal and the table says the years cannot be compared.
import { useTranslation } from 'react-i18next';
import type { ProgressReport } from '../../../shared/methods/reports';
import { scaleById } from '../../../shared/domain/scales';
import { formatNumber } from '../../../shared/domain/summary';

/** A level code as its abbreviation on the scale; null: no level that year. */
function levelsOf(scaleId: string | null, present: readonly (string | null)[]) {
  const scale = scaleId ? scaleById(scaleId) : null;
  const known = [...(scale?.levels ?? [])]
    .sort((a, b) => a.tier - b.tier)
    .map((l) => ({ code: l.code as string | null, label: l.abbreviation }));
  const extra = present
    .filter((c): c is string => c !== null && !known.some((k) => k.code === c))
    .filter((c, i, all) => all.indexOf(c) === i)
    .map((c) => ({ code: c as string | null, label: c }));
  return { known: [...known, ...extra], hasNone: present.includes(null) };
}

export function TransitionTable({ report }: { report: ProgressReport }) {
  const { t } = useTranslation();
  const from = report.compareYear;
  if (from === null) return null;
  const count = (a: string | null, b: string | null) =>
    report.transitions.find((x) => x.from === a && x.to === b)?.count ?? 0;
  const noneLabel = t('reports.charts.none');
  const rowsOf = levelsOf(
    report.compareScaleId,
    report.transitions.map((x) => x.from),
  );
  const colsOf = levelsOf(
    report.scaleId,
    report.transitions.map((x) => x.to),
  );
  const rows = [...rowsOf.known, ...(rowsOf.hasNone ? [{ code: null, label: noneLabel }] : [])];
  const cols = [...colsOf.known, ...(colsOf.hasNone ? [{ code: null, label: noneLabel }] : [])];
  const title = t('reports.charts.transitions', { from, to: report.year });
  const diagonal = (a: string | null, b: string | null) =>
    !report.crossesScale && a !== null && a === b;
  return (
    <figure className="report-figure" aria-label={title}>
      <figcaption>{title}</figcaption>
      {report.crossesScale && (
        <p className="warning" role="note">
          {t('reports.charts.transitionsCross', { from, to: report.year })}
        </p>
      )}
      <table className="transition-table">
        <thead>
          <tr>
            <th scope="col" className="corner">
              {t('reports.charts.fromTo', { from, to: report.year })}
            </th>
            {cols.map((c) => (
              <th key={c.code ?? 'none'} scope="col">
                {c.label}
              </th>
            ))}
            <th scope="col">{t('reports.charts.rowTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code ?? 'none'}>
              <th scope="row">{r.label}</th>
              {cols.map((c) => {
                const n = count(r.code, c.code);
                return (
                  <td
                    key={c.code ?? 'none'}
                    className={[diagonal(r.code, c.code) ? 'diagonal' : '', n === 0 ? 'zero' : '']
                      .filter(Boolean)
                      .join(' ')}
                  >
                    {formatNumber(n)}
                  </td>
                );
              })}
              <td className="total">
                {formatNumber(cols.reduce((sum, c) => sum + count(r.code, c.code), 0))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!report.crossesScale && <p className="hint">{t('reports.charts.diagonalHint')}</p>}
    </figure>
  );
}
