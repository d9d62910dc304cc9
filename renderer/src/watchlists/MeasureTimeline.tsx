// The measures taken for a member, in time order: kind, content, who carries it out, start,
// due and done dates, status; a measure past its due date and not done is marked "Quá hạn" in
// red (by the backend's clock). Each can be changed, marked done or removed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Measure, WatchlistMember } from '../../../shared/contract';
import {
  MEASURE_KIND_LABELS,
  MEASURE_STATUS_LABELS,
  OVERDUE_LABEL,
} from '../../../shared/domain/watchlists';
import { formatDateVi } from '../../../shared/domain/years';
import { call, errorMessage } from '../api/client';
import { useCall } from '../hooks/useCall';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { CompleteMeasureDialog, MeasureFormDialog } from './MeasureFormDialog';

type Open = { kind: 'add' } | { kind: 'edit' | 'complete' | 'remove'; measure: Measure } | null;

export function MeasureTimeline({ member }: { member: WatchlistMember }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const measures = useCall('measures.list', { memberId: member.id });
  const items = measures.data?.every((m) => m.memberId === member.id) ? measures.data : [];
  const counts = member.measures;
  return (
    <section aria-label={t('measures.title')} className="measures">
      <div className="section-head">
        <h3>{t('measures.title')}</h3>
        <button type="button" onClick={() => setOpen({ kind: 'add' })}>
          {t('measures.add')}
        </button>
      </div>
      {counts.total > 0 && (
        <p className="muted" data-testid="measure-counts">
          {t('measures.counts', { done: counts.done, total: counts.total })}
          {counts.overdue > 0 && (
            <span className="overdue">
              {' · '}
              {t('measures.overdueCount', { count: counts.overdue })}
            </span>
          )}
        </p>
      )}
      {measures.error && <p className="error">{measures.error}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <p className="muted">{measures.data ? t('measures.none') : t('app.loading')}</p>
      ) : (
        <ol className="measure-timeline">
          {items.map((m) => (
            <li key={m.id} className={m.overdue ? 'overdue' : `status-${m.status}`}>
              <div className="measure-head">
                <strong>{m.title}</strong>
                <span className={m.overdue ? 'badge overdue' : 'badge'}>
                  {m.overdue ? OVERDUE_LABEL : MEASURE_STATUS_LABELS[m.status]}
                </span>
              </div>
              <div className="muted">
                {MEASURE_KIND_LABELS[m.kind]}
                {m.responsible && ` · ${m.responsible}`}
              </div>
              <div className="dates">
                {[
                  m.startOn && t('measures.startOn', { date: formatDateVi(m.startOn) }),
                  m.dueOn && t('measures.dueOn', { date: formatDateVi(m.dueOn) }),
                  m.doneOn && t('measures.doneOn', { date: formatDateVi(m.doneOn) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
              {m.resultNote && <div>{m.resultNote}</div>}
              {m.documents.length > 0 && (
                <div className="muted">
                  {t('measures.documentsList', { list: m.documents.join(', ') })}
                </div>
              )}
              <div className="measure-actions">
                <button
                  type="button"
                  className="link"
                  onClick={() => setOpen({ kind: 'edit', measure: m })}
                  aria-label={`${t('measures.edit')}: ${m.title}`}
                >
                  {t('measures.edit')}
                </button>
                {m.status !== 'done' && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => setOpen({ kind: 'complete', measure: m })}
                    aria-label={`${t('measures.complete')}: ${m.title}`}
                  >
                    {t('measures.complete')}
                  </button>
                )}
                <button
                  type="button"
                  className="link danger"
                  onClick={() => setOpen({ kind: 'remove', measure: m })}
                  aria-label={`${t('measures.remove')}: ${m.title}`}
                >
                  {t('measures.remove')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {open?.kind === 'add' && (
        <MeasureFormDialog
          memberId={member.id}
          unitName={member.unitName}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'edit' && (
        <MeasureFormDialog
          memberId={member.id}
          unitName={member.unitName}
          measure={open.measure}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'complete' && (
        <CompleteMeasureDialog measure={open.measure} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'remove' && (
        <ConfirmDialog
          title={t('measures.remove')}
          message={t('measures.removeConfirm', {
            title: open.measure.title,
            name: member.unitName,
          })}
          confirmLabel={t('measures.remove')}
          cancelLabel={t('form.cancel')}
          onAnswer={(ok) => {
            const id = open.measure.id;
            setOpen(null);
            if (!ok) return;
            setError(null);
            call('measures.remove', { id }).catch((e: unknown) => setError(errorMessage(e)));
          }}
        />
      )}
    </section>
  );
}
