// One list's page: its decision, the members in the province's "Biểu 01" order with filters,
// the figures per group, and a member's panel beside the table; adding units, carrying the
// list over to next year, changing or removing it.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchlistDetail, WatchlistMember } from '../../../shared/contract';
import type { MemberStatus } from '../../../shared/domain/watchlists';
import { MEMBER_STATUSES } from '../../../shared/domain/watchlists';
import { call, errorMessage } from '../api/client';
import { useCall } from '../hooks/useCall';
import { useAppStore } from '../stores/app';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { LabelledOptions } from '../ui/LabelledOptions';
import { AddMembersDialog } from './AddMembersDialog';
import { CarryOverDialog } from './CarryOverDialog';
import { DecisionLine, yearsText } from './decision';
import { MemberPanel } from './MemberPanel';
import { MemberTable } from './MemberTable';
import { WatchlistFormDialog } from './WatchlistFormDialog';
import { YearFigures } from './YearFigures';

type Dialog = 'add' | 'carry' | 'edit' | 'remove' | null;

interface Props {
  listId: string;
  memberId: string | null;
  onOpenMember: (id: string | null) => void;
  /** Another list's page (or the lists, with null). */
  onOpenList: (id: string | null, memberId?: string | null) => void;
}

export interface MemberFilter {
  group: string | null;
  status: MemberStatus | null;
  overdueOnly: boolean;
}

const NO_FILTER: MemberFilter = { group: null, status: null, overdueOnly: false };

/** The group a filter names: members without any group are listed under "" (không có nhóm). */
const groupKey = (m: WatchlistMember) => m.group ?? '';

export function WatchlistPage({ listId, memberId, onOpenMember, onOpenList }: Props) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [filter, setFilter] = useState<MemberFilter>(NO_FILTER);
  const [notice, setNotice] = useState<string | null>(null);
  const navigate = useAppStore((s) => s.navigate);
  const detail = useCall('watchlists.get', { id: listId });
  const lists = useCall('watchlists.list', dialog === 'edit' ? {} : null);
  const list = detail.data?.id === listId ? detail.data : null;

  if (!list) {
    return (
      <section className="screen">
        <header className="toolbar">
          <button type="button" className="link" onClick={() => onOpenList(null)}>
            {t('watchlists.back')}
          </button>
        </header>
        <p className={detail.error ? 'error' : 'muted'} role="status">
          {detail.error ?? t('app.loading')}
        </p>
      </section>
    );
  }
  const member = list.members.find((m) => m.id === memberId) ?? null;

  return (
    <section className="screen watchlist-page">
      <header className="list-head">
        <button type="button" className="link" onClick={() => onOpenList(null)}>
          {t('watchlists.back')}
        </button>
        <h1>{list.title}</h1>
        <div className="list-meta">
          <p className="decision">
            <DecisionLine list={list} related={false} />
            <small className="muted">
              {t('watchlists.issuedBy', { name: list.issuerName, years: yearsText(list) })}
            </small>
            <RelatedLists list={list} onOpen={(id) => onOpenList(id)} />
          </p>
          <button type="button" className="primary" onClick={() => setDialog('add')}>
            {t('watchlists.addMembers')}
          </button>
          <button
            type="button"
            onClick={() => setDialog('carry')}
            disabled={list.members.length === 0}
          >
            {t('watchlists.carryOver')}
          </button>
          <button type="button" onClick={() => setDialog('edit')}>
            {t('watchlists.edit')}
          </button>
          <button
            type="button"
            onClick={() => void navigate('reports', { listId: list.id, year: list.year })}
          >
            {t('watchlists.report')}
          </button>
          <button type="button" className="danger" onClick={() => setDialog('remove')}>
            {t('watchlists.remove')}
          </button>
        </div>
        {list.purpose && <p className="purpose">{list.purpose}</p>}
      </header>
      {notice && (
        <p className="success" role="status">
          {notice}
        </p>
      )}
      <YearFigures list={list} />
      <MemberFilters list={list} filter={filter} onChange={setFilter} />
      <div className={member ? 'list-body with-member' : 'list-body'}>
        <MemberTable
          list={list}
          members={filtered(list.members, filter)}
          selectedId={member?.id ?? null}
          onOpen={onOpenMember}
          compact={member !== null}
        />
        {member && <MemberPanel list={list} member={member} onClose={() => onOpenMember(null)} />}
      </div>

      {dialog === 'add' && <AddMembersDialog list={list} onClose={() => setDialog(null)} />}
      {dialog === 'carry' && (
        <CarryOverDialog
          list={list}
          onClose={() => setDialog(null)}
          onDone={(result) => {
            setDialog(null);
            onOpenList(result.watchlist.id);
          }}
        />
      )}
      {/* Opened once the other lists are in: the choice of the list it adds to must show the
          saved one, or saving would clear it. */}
      {dialog === 'edit' && lists.data && (
        <WatchlistFormDialog
          list={list}
          lists={lists.data}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setNotice(t('form.saved'));
          }}
        />
      )}
      {dialog === 'remove' && (
        <ConfirmDialog
          title={t('watchlists.remove')}
          message={t('watchlists.removeConfirm', {
            title: list.title,
            count: list.memberCount,
            measures: list.measures.total,
          })}
          confirmLabel={t('watchlists.remove')}
          cancelLabel={t('form.cancel')}
          onAnswer={(ok) => {
            setDialog(null);
            if (!ok) return;
            call('watchlists.remove', { id: list.id }).then(
              () => onOpenList(null),
              (e: unknown) => setNotice(errorMessage(e)),
            );
          }}
        />
      )}
    </section>
  );
}

/** The lists this one adds to, continues, or is continued and added to by. */
function RelatedLists({ list, onOpen }: { list: WatchlistDetail; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const links = [
    ...(list.extendsId && list.extendsTitle
      ? [{ id: list.extendsId, label: t('watchlists.extends', { title: list.extendsTitle }) }]
      : []),
    ...(list.previousId && list.previousTitle
      ? [{ id: list.previousId, label: t('watchlists.continues', { title: list.previousTitle }) }]
      : []),
    ...list.continuedBy.map((l) => ({
      id: l.id,
      label: t('watchlists.continuedBy', { title: l.title, year: l.year }),
    })),
    ...list.extendedBy.map((l) => ({
      id: l.id,
      label: t('watchlists.extendedBy', { title: l.title, issuer: l.issuerName }),
    })),
  ];
  return links.map((link) => (
    <button key={link.id} type="button" className="link small" onClick={() => onOpen(link.id)}>
      {link.label}
    </button>
  ));
}

function filtered(members: WatchlistMember[], filter: MemberFilter): WatchlistMember[] {
  return members.filter(
    (m) =>
      (filter.group === null || groupKey(m) === filter.group) &&
      (filter.status === null || m.status === filter.status) &&
      (!filter.overdueOnly || m.measures.overdue > 0),
  );
}

function MemberFilters(props: {
  list: WatchlistDetail;
  filter: MemberFilter;
  onChange: (filter: MemberFilter) => void;
}) {
  const { t } = useTranslation();
  const { list, filter, onChange } = props;
  const groups = useMemo(() => [...new Set(list.members.map(groupKey))], [list.members]);
  const shown = filtered(list.members, filter).length;
  const active = filter.group !== null || filter.status !== null || filter.overdueOnly;
  return (
    <div className="filter-bar">
      <select
        aria-label={t('watchlists.filters.group')}
        value={filter.group ?? '*'}
        onChange={(e) =>
          onChange({ ...filter, group: e.target.value === '*' ? null : e.target.value })
        }
      >
        <option value="*">{t('watchlists.filters.allGroups')}</option>
        {groups.map((g) => (
          <option key={g} value={g}>
            {g || t('watchlists.filters.noGroup')}
          </option>
        ))}
      </select>
      <select
        aria-label={t('watchlists.filters.status')}
        value={filter.status ?? ''}
        onChange={(e) =>
          onChange({ ...filter, status: (e.target.value || null) as MemberStatus | null })
        }
      >
        <option value="">{t('watchlists.filters.allStatuses')}</option>
        <LabelledOptions values={MEMBER_STATUSES} group="memberStatuses" />
      </select>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.overdueOnly}
          onChange={(e) => onChange({ ...filter, overdueOnly: e.target.checked })}
        />
        {t('watchlists.filters.overdueOnly')}
      </label>
      {active && (
        <button type="button" className="link" onClick={() => onChange(NO_FILTER)}>
          {t('watchlists.filters.clear')}
        </button>
      )}
      <p className="muted" role="status">
        {list.members.length === 0
          ? t('watchlists.noMembers')
          : active
            ? t('watchlists.membersShown', { shown, count: list.members.length })
            : t('watchlists.membersCount', { count: list.members.length })}
      </p>
    </div>
  );
}
