// One member of a list: why it is watched, who is in charge, where it stands, the measures
// taken, and its rating year by year with the years under consolidation shaded.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchlistDetail, WatchlistMember } from '../../../shared/contract';
import { MEMBER_STATUS_LABELS } from '../../../shared/domain/watchlists';
import { formatDateVi } from '../../../shared/domain/years';
import { call, errorMessage } from '../api/client';
import { useAppStore } from '../stores/app';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { MeasureTimeline } from './MeasureTimeline';
import { MemberFormDialog } from './MemberFormDialog';
import { MemberStatusDialog } from './MemberStatusDialog';
import { MemberTrajectory } from './MemberTrajectory';
import { reasonsText } from './MemberTable';

type Open = 'edit' | 'status' | 'remove' | null;

export function MemberPanel(props: {
  list: WatchlistDetail;
  member: WatchlistMember;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useAppStore((s) => s.navigate);
  const { list, member } = props;
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const facts: [string, string | null][] = [
    [
      t('members.group'),
      member.group && member.groupIsDefault
        ? t('members.groupDefault', { group: member.group })
        : member.group,
    ],
    [t('members.reasons'), reasonsText(member) || null],
    [t('members.responsible'), member.responsible],
    [t('members.workingGroup'), member.workingGroup],
    [t('members.targetLevel'), member.targetLevel],
    [t('members.note'), member.note],
  ];
  return (
    <aside className="detail member-panel" aria-label={member.unitName}>
      <header>
        <h2>
          {member.position}. {member.unitName}
        </h2>
        <button
          type="button"
          className="link"
          onClick={props.onClose}
          aria-label={t('detail.close')}
        >
          ✕
        </button>
      </header>
      <p className="muted">
        {t(`kinds.${member.kind}`)}
        {member.sector && ` · ${t(`sectors.${member.sector}`)}`}
        {member.parentName && ` · ${member.parentName}`}
      </p>
      <button
        type="button"
        className="link"
        onClick={() => void navigate('units', { unitId: member.unitId, year: list.year })}
      >
        {t('members.openUnit')}
      </button>
      {member.lineage && <p className="warning">{member.lineage.note}</p>}
      <p className={`status-badge status-${member.status}`}>
        {MEMBER_STATUS_LABELS[member.status]}
        {member.statusDate && ` — ${formatDateVi(member.statusDate)}`}
        {member.statusReason && `: ${member.statusReason}`}
      </p>
      <dl className="member-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value ?? <span className="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
      <div className="actions">
        <button type="button" onClick={() => setOpen('edit')}>
          {t('members.edit')}
        </button>
        <button type="button" onClick={() => setOpen('status')}>
          {t('members.changeStatus')}
        </button>
        <button type="button" className="danger" onClick={() => setOpen('remove')}>
          {t('members.remove')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <MeasureTimeline member={member} />
      <MemberTrajectory list={list} member={member} />

      {open === 'edit' && (
        <MemberFormDialog list={list} member={member} onClose={() => setOpen(null)} />
      )}
      {open === 'status' && <MemberStatusDialog member={member} onClose={() => setOpen(null)} />}
      {open === 'remove' && (
        <ConfirmDialog
          title={t('members.remove')}
          message={t('members.removeConfirm', {
            name: member.unitName,
            title: list.title,
            measures: member.measures.total,
          })}
          confirmLabel={t('members.remove')}
          cancelLabel={t('form.cancel')}
          onAnswer={(ok) => {
            setOpen(null);
            if (!ok) return;
            setError(null);
            call('watchlists.removeMember', { id: member.id }).then(props.onClose, (e: unknown) =>
              setError(errorMessage(e)),
            );
          }}
        />
      )}
    </aside>
  );
}
