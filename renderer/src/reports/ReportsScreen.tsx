// Báo cáo: the progress report of a committee's subtree or of a watchlist, year N against a
// compared year — charts, the generated summary (editable, copyable), the figures per group and
// the document exported as Excel, Word or PDF. Loaded on first use (React.lazy in the shell), so
// the charts and the report code cost nothing until the screen is opened.
import { memo, useEffect, useLayoutEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../shared/contract';
import type { ProgressReport } from '../../../shared/methods/reports';
import { defaultReportDocument } from '../../../shared/domain/report-document';
import { useCall } from '../hooks/useCall';
import { useAppStore } from '../stores/app';
import { ChangeChart } from './ChangeChart';
import { DistributionChart, hasDistribution } from './DistributionChart';
import type { DocumentDraft, DocumentFields } from './document-draft';
import {
  fieldsOf,
  newDraft,
  rebaseDraft,
  regenerateSummary,
  summaryEdited,
  summaryOf,
  withSummary,
} from './document-draft';
import { DocumentForm } from './DocumentForm';
import { ExportBar } from './ExportBar';
import { GroupTable } from './GroupTable';
import { progressInput } from './query';
import { ReportControls } from './ReportControls';
import { useReportStore } from './store';
import { SummaryPanel } from './SummaryPanel';
import { TrajectoryMultiples } from './TrajectoryMultiples';
import { TransitionTable } from './TransitionTable';

/** This machine's date, yyyy-mm-dd: the report's date until the user changes it. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether year N has any result at all (a level or a unit marked not rated). */
export function hasResults(report: ProgressReport): boolean {
  const notRated = Object.values(report.totals.notRated).reduce<number>((s, n) => s + (n ?? 0), 0);
  return report.totals.rated + notRated > 0;
}

export default function ReportsScreen() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const route = useAppStore((s) => s.route);
  const year = useAppStore((s) => s.year);
  const setYear = useAppStore((s) => s.setYear);
  const owner = info?.dbPath ?? null;
  const store = useReportStore();
  // Another data file, or sent here with a watchlist: take that up before asking for anything.
  const applied = store.owner === owner && store.visit === route.visit;
  useLayoutEffect(() => {
    if (!applied) useReportStore.getState().open(owner, route);
  }, [applied, owner, route]);
  const lists = useCall('watchlists.list', {});
  const input = applied ? progressInput(store.query, year) : null;
  // The screen shows each group's figures, never its units: it asks for none of them (a
  // nation's 55,000 rows would be 24 MB to compute, copy and keep). Exports list them all.
  // The carry-over list (the document's direction section: a nation's ~2,700 units at the lowest
  // level, each read with its name) is asked apart, so the figures do not wait for it.
  const loaded = useCall(
    'reports.progress',
    input && { ...input, unitsPerGroup: 0, carryOver: false },
  );
  const carried = useCall('reports.carryOver', input);
  const error = loaded.error ?? carried.error;
  const report = useMemo(
    () => loaded.data && { ...loaded.data, carryOver: carried.data ?? [] },
    [loaded.data, carried.data],
  );

  return (
    <section className="screen reports">
      <header className="toolbar">
        <h1>{t('nav.reports')}</h1>
        {(loaded.loading || carried.loading) && input && (
          <span className="muted" role="status">
            {t('reports.loading')}
          </span>
        )}
      </header>
      <ReportControls
        query={store.query}
        year={year}
        lists={lists.data}
        onQuery={store.setQuery}
        onYear={setYear}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {applied && !input && <p className="notice">{t('reports.pickWatchlist')}</p>}
      {input && report && !error && (
        <ReportBody
          report={report}
          input={input}
          ownUnitName={info?.ownUnitName ?? null}
          stale={loaded.loading || carried.loading}
        />
      )}
    </section>
  );
}

function ReportBody(props: {
  report: ProgressReport;
  input: MethodInput<'reports.progress'>;
  ownUnitName: string | null;
  /**
   * The report shown is the previous choice's while the new one is being made, or its
   * carry-over list (the document's direction section) is still coming: no export until then.
   */
  stale: boolean;
}) {
  const { t } = useTranslation();
  const { report, input, ownUnitName } = props;
  const stored = useReportStore((s) => s.draft);
  const setDraft = useReportStore((s) => s.setDraft);
  const defaults = useMemo(
    () => fieldsOf(defaultReportDocument(report, { ownUnitName, today: localToday() })),
    [report, ownUnitName],
  );
  // The draft against this report's defaults: what the user typed stays, the rest follows.
  const draft: DocumentDraft =
    stored === null
      ? newDraft(defaults)
      : stored.base === defaults
        ? stored
        : rebaseDraft(stored, defaults);
  useEffect(() => {
    if (draft !== stored) setDraft(draft);
  }, [draft, stored, setDraft]);
  const edit = (value: DocumentFields) => setDraft({ ...draft, value });
  const compared = report.compareYear;

  return (
    <>
      <div className="report-head">
        <h2>{t('reports.heading', { year: report.year, scope: report.scope.title })}</h2>
        <p className="muted">
          {compared === null ? t('reports.noCompare') : t('reports.comparing', { year: compared })}
        </p>
        {report.crossesScale && compared !== null && (
          <p className="warning" role="note">
            {t('reports.crossesScale', { from: compared, to: report.year })}
          </p>
        )}
        {report.notes.length > 0 && (
          <ul className="report-notes" aria-label={t('reports.notes')}>
            {report.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
      </div>
      <Figures report={report} />
      <SummaryPanel
        text={summaryOf(draft.value)}
        edited={summaryEdited(draft)}
        onChange={(text) => edit(withSummary(draft.value, text))}
        onRegenerate={() => setDraft(regenerateSummary(draft))}
      />
      {hasResults(report) && <GroupTable report={report} />}
      <DocumentForm
        value={draft.value}
        onChange={edit}
        actions={<ExportBar query={input} document={draft.value} disabled={props.stale} />}
      />
    </>
  );
}

/**
 * The charts, or what is missing when year N has no result at all. Drawn again only when the
 * report changes, not on every key typed in the summary or the document.
 */
const Figures = memo(function Figures({ report }: { report: ProgressReport }) {
  const { t } = useTranslation();
  if (!hasResults(report)) {
    return (
      <p className="notice" role="note">
        {t('reports.emptyYear', { year: report.year })}
      </p>
    );
  }
  return (
    <div className="report-charts">
      {hasDistribution(report.distribution) && (
        <DistributionChart
          years={report.distribution}
          scaleBreaks={report.scaleBreaks}
          wide={report.compareYear === null}
        />
      )}
      {report.compareYear !== null && (
        <div className="report-compare">
          <TransitionTable report={report} />
          <ChangeChart report={report} />
        </div>
      )}
      <TrajectoryMultiples trajectories={report.trajectories} scaleBreaks={report.scaleBreaks} />
    </div>
  );
});
