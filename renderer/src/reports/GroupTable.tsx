// The figures per group as the "Biểu tổng hợp" sheet of the Excel file has them: total, rated,
// each level's count and share of the rated, "trong đó tiêu biểu", "HTTNV trở lên" (from 2018),
// not rated with the reasons, no result yet, and up / unchanged / down against the compared year.
// Numbers in the Vietnamese way (45.632; 91,2%). In a narrow window a level's count and share
// share one cell, so the table never needs a sideways scroll.
import { Fragment, memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressReport, ReportGroup } from '../../../shared/methods/reports';
import type { NotRatedReason } from '../../../shared/domain/scales';
import { NOT_RATED_LABELS, scaleById } from '../../../shared/domain/scales';
import { formatNumber, formatPercent } from '../../../shared/domain/summary';
import { NARROW_WINDOW, useMediaQuery } from '../ui/useMediaQuery';

/** The year from which the province's tables add "HTTNV trở lên" (issue 8, item 3). */
export const GOOD_OR_BETTER_FROM = 2018;

function notRatedText(group: ReportGroup): string {
  return Object.entries(group.notRated)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(
      ([reason, n]) =>
        `${NOT_RATED_LABELS[reason as NotRatedReason].toLocaleLowerCase('vi')}: ${n}`,
    )
    .join('; ');
}

const notRatedCount = (group: ReportGroup) =>
  Object.values(group.notRated).reduce<number>((sum, n) => sum + (n ?? 0), 0);

export const GroupTable = memo(function GroupTable({ report }: { report: ProgressReport }) {
  const { t } = useTranslation();
  const compact = useMediaQuery(NARROW_WINDOW);
  const scale = report.scaleId ? scaleById(report.scaleId) : null;
  const levels = [...(scale?.levels ?? [])].sort((a, b) => a.tier - b.tier);
  const exemplaryLevel = scale?.exemplaryLevel ?? null;
  const goodOrBetter = report.year >= GOOD_OR_BETTER_FROM;
  const compared = report.compareYear !== null;
  // Across a change of scale nothing is up, unchanged or down: a column of zeros would read as
  // "no unit moved", so only "không so sánh được" is shown.
  const trends = compared && !report.crossesScale;
  const showNotComparable = compared && report.totals.notComparable > 0;
  const compareColumns = (trends ? 3 : 0) + (showNotComparable ? 1 : 0);
  const perLevel = compact ? 1 : 2;
  const title = t('reports.table.title');

  const share = (n: number, g: ReportGroup) => formatPercent(n, g.rated) ?? '';
  const levelCells = (g: ReportGroup, n: number) =>
    compact ? (
      <td className="num">
        {formatNumber(n)}
        {g.rated > 0 && <small className="block muted">{share(n, g)}</small>}
      </td>
    ) : (
      <>
        <td className="num">{formatNumber(n)}</td>
        <td className="num">{share(n, g)}</td>
      </>
    );

  const row = (g: ReportGroup, index: string, total = false) => (
    <tr key={g.key} className={total ? 'total-row' : undefined}>
      <td className="num">{index}</td>
      <th scope="row">{g.name}</th>
      <td className="num">{formatNumber(g.total)}</td>
      <td className="num">{formatNumber(g.rated)}</td>
      {levels.map((l) => (
        <Fragment key={l.code}>
          {levelCells(g, g.levels[l.code] ?? 0)}
          {l.code === exemplaryLevel && <td className="num">{formatNumber(g.exemplary)}</td>}
        </Fragment>
      ))}
      {goodOrBetter && levelCells(g, g.goodOrBetter)}
      <td className="num" title={notRatedText(g) || undefined}>
        {formatNumber(notRatedCount(g))}
        {notRatedText(g) && <small className="block muted">{notRatedText(g)}</small>}
      </td>
      <td className="num">{formatNumber(g.missing)}</td>
      {trends && (
        <>
          <td className="num">{formatNumber(g.up)}</td>
          <td className="num">{formatNumber(g.same)}</td>
          <td className="num">{formatNumber(g.down)}</td>
        </>
      )}
      {showNotComparable && <td className="num">{formatNumber(g.notComparable)}</td>}
    </tr>
  );

  return (
    <section className="report-section" aria-label={title}>
      <h2>{title}</h2>
      <div className="table-box">
        <table className={compact ? 'group-table narrow' : 'group-table'} aria-label={title}>
          <thead>
            <tr>
              <th rowSpan={2} scope="col" className="col-index">
                {t('reports.table.index')}
              </th>
              <th rowSpan={2} scope="col" className="col-group">
                {t(`reports.table.groupBy.${report.groupBy}`)}
              </th>
              <th rowSpan={2} scope="col">
                {t('reports.table.total')}
              </th>
              <th rowSpan={2} scope="col">
                {t('reports.table.rated')}
              </th>
              {levels.map((l) => (
                <th
                  key={l.code}
                  colSpan={perLevel + (l.code === exemplaryLevel ? 1 : 0)}
                  scope="colgroup"
                  title={l.name}
                >
                  {l.abbreviation}
                </th>
              ))}
              {goodOrBetter && (
                <th colSpan={perLevel} scope="colgroup">
                  {t('reports.table.goodOrBetter')}
                </th>
              )}
              <th rowSpan={2} scope="col">
                {t('reports.table.notRated')}
              </th>
              <th rowSpan={2} scope="col">
                {t('reports.table.missing')}
              </th>
              {compareColumns > 0 && (
                <th colSpan={compareColumns} scope="colgroup">
                  {t('reports.table.compare', { year: report.compareYear })}
                </th>
              )}
            </tr>
            <tr>
              {[...levels.map((l) => l.code), ...(goodOrBetter ? ['good'] : [])].map((code) => (
                <Fragment key={code}>
                  {compact ? (
                    <th scope="col">{t('reports.table.countShare')}</th>
                  ) : (
                    <>
                      <th scope="col">{t('reports.table.count')}</th>
                      <th scope="col">{t('reports.table.percent')}</th>
                    </>
                  )}
                  {code === exemplaryLevel && <th scope="col">{t('reports.table.exemplary')}</th>}
                </Fragment>
              ))}
              {trends && (
                <>
                  <th scope="col">{t('reports.charts.up')}</th>
                  <th scope="col">{t('reports.charts.same')}</th>
                  <th scope="col">{t('reports.charts.down')}</th>
                </>
              )}
              {showNotComparable && <th scope="col">{t('reports.charts.notComparable')}</th>}
            </tr>
          </thead>
          <tbody>
            {report.groups.map((g, i) => row(g, String(i + 1)))}
            {row({ ...report.totals, name: t('reports.table.totals') }, '', true)}
          </tbody>
        </table>
      </div>
    </section>
  );
});
