import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../shared/contract';
import type { UnitKind, UnitSector } from '../../../shared/domain/units';
import { UNIT_KINDS, UNIT_SECTORS } from '../../../shared/domain/units';
import type { LineageAction } from './LineageDialogs';
import {
  DissolveDialog,
  MergeDialog,
  MoveDialog,
  RenameDialog,
  SplitDialog,
} from './LineageDialogs';
import { UnitDetailPanel } from './UnitDetailPanel';
import { CorrectUnitDialog, CreateUnitDialog } from './UnitFormDialog';
import { UnitTable } from './UnitTable';
import { UnitTree } from './UnitTree';
import { usePagedList } from './usePagedList';
import { YearInput } from '../ui/YearInput';
import { useCall } from '../hooks/useCall';
import { useAppStore } from '../stores/app';
import { LabelledOptions } from '../ui/LabelledOptions';

type OpenDialog = LineageAction | 'correct' | 'create' | null;

/** Rows of the register read at once; the next page comes as the user scrolls near the end. */
const PAGE_SIZE = 100;

const LINEAGE_DIALOGS = {
  rename: RenameDialog,
  move: MoveDialog,
  merge: MergeDialog,
  split: SplitDialog,
  dissolve: DissolveDialog,
} as const;

export function UnitsScreen() {
  const { t } = useTranslation();
  const year = useAppStore((s) => s.year);
  const setYear = useAppStore((s) => s.setYear);
  const route = useAppStore((s) => s.route);
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<UnitKind | ''>('');
  const [sector, setSector] = useState<UnitSector | ''>('');
  const [treeParent, setTreeParent] = useState<{ id: string; name: string } | null>(null);
  const [openId, setOpenId] = useState<string | null>(route.params.unitId ?? null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [visit, setVisit] = useState(route.visit);
  if (visit !== route.visit) {
    // Sent to a unit's page (from the ratings grid, a rating history…): show that unit, with no
    // filter hiding its row.
    setVisit(route.visit);
    if (route.params.unitId) {
      setOpenId(route.params.unitId);
      setSearch('');
      setKind('');
      setSector('');
      setTreeParent(null);
      setDialog(null);
    }
  }

  // The register is read a page at a time, never whole (a nation has 55,000 units).
  const filter = useMemo<MethodInput<'units.list'>>(
    () => ({
      year,
      search: search.trim() || undefined,
      kind: kind || undefined,
      sector: sector || undefined,
      parentId: treeParent?.id,
      descendants: treeParent ? true : undefined,
      pageSize: PAGE_SIZE,
    }),
    [year, search, kind, sector, treeParent],
  );
  const filtered = usePagedList('units.list', filter);
  const detail = useCall('units.get', openId ? { id: openId, year } : null);
  const rows = filtered.rows;
  const unfiltered = !search.trim() && !kind && !sector && !treeParent;

  const afterSave = (focusId: string) => {
    setDialog(null);
    setOpenId(focusId);
  };
  const LineageDialog =
    dialog && dialog in LINEAGE_DIALOGS ? LINEAGE_DIALOGS[dialog as LineageAction] : null;

  return (
    <section className="screen units-screen">
      <header className="toolbar">
        <h1>{t('units.title')}</h1>
        <YearInput label={t('units.year')} value={year} onCommit={setYear} />
        <input
          type="search"
          className="search"
          placeholder={t('units.search')}
          aria-label={t('units.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="button" className="primary" onClick={() => setDialog('create')}>
          {t('units.add')}
        </button>
      </header>

      {/* With a unit open, its page takes the room of the table's other columns (and, on a
          small window, of the tree): the table keeps the name and the code. */}
      <div className={openId ? 'units-body with-detail' : 'units-body'}>
        <UnitTree
          year={year}
          selectedId={treeParent?.id ?? null}
          onSelect={(id, name) => setTreeParent(id ? { id, name: name ?? '' } : null)}
          allCount={unfiltered ? filtered.total : null}
        />
        <div className="units-main">
          <div className="filter-bar">
            <select
              aria-label={t('form.kind')}
              value={kind}
              onChange={(e) => setKind(e.target.value as UnitKind | '')}
            >
              <option value="">{t('units.allKinds')}</option>
              <LabelledOptions values={UNIT_KINDS} group="kinds" />
            </select>
            <select
              aria-label={t('form.sector')}
              value={sector}
              onChange={(e) => setSector(e.target.value as UnitSector | '')}
            >
              <option value="">{t('units.allSectors')}</option>
              <LabelledOptions values={UNIT_SECTORS} group="sectors" />
            </select>
            <p className="muted" role="status">
              {filtered.error ??
                (rows.length === 0
                  ? search || kind || sector
                    ? t('units.noMatch')
                    : t('units.empty', { year })
                  : filtered.total === null && filtered.hasMore
                    ? t('units.countPartial', { count: rows.length, year })
                    : t('units.count', { count: filtered.total ?? rows.length, year }))}
            </p>
          </div>
          <UnitTable
            rows={rows}
            year={year}
            selectedId={openId}
            onOpen={setOpenId}
            compact={openId !== null}
            hasMore={filtered.hasMore}
            onNearEnd={filtered.loadMore}
          />
        </div>
        {openId &&
          (detail.data ? (
            <UnitDetailPanel
              detail={detail.data}
              onAction={setDialog}
              onClose={() => setOpenId(null)}
              onOpenUnit={setOpenId}
            />
          ) : (
            // Holds the panel's place while it loads, so the table does not move twice.
            <aside className="detail" aria-busy="true">
              <p className="muted">{detail.error ?? t('app.loading')}</p>
            </aside>
          ))}
      </div>

      {dialog === 'create' && (
        <CreateUnitDialog
          year={year}
          parentId={treeParent?.id ?? null}
          parentName={treeParent?.name ?? null}
          onClose={() => setDialog(null)}
          onSaved={(d) => afterSave(d.id)}
        />
      )}
      {dialog === 'correct' && detail.data && (
        <CorrectUnitDialog
          detail={detail.data}
          onClose={() => setDialog(null)}
          onSaved={(d) => afterSave(d.id)}
        />
      )}
      {LineageDialog && detail.data && (
        <LineageDialog
          detail={detail.data}
          year={year}
          onClose={() => setDialog(null)}
          onSaved={afterSave}
        />
      )}
    </section>
  );
}
