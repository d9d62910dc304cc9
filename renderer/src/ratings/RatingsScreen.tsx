// Xếp loại: the whole year's ratings in one grid, saved in one transaction. The grid is read a
// page at a time (useGridPages.ts); the draft is kept by unit, so no edit is lost while pages
// load or the grid is read again after a write.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingGrid as Grid } from '../../../shared/contract';
import type { NotRatedReason } from '../../../shared/domain/scales';
import {
  levelChoiceText,
  NOT_RATED_REASONS,
  RATEABLE_KINDS,
  sameFamily,
  scaleForYear,
} from '../../../shared/domain/scales';
import type { UnitKind } from '../../../shared/domain/units';
import { call, errorMessage } from '../api/client';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { UnitPicker } from '../units/UnitPicker';
import { YearInput } from '../ui/YearInput';
import type { Draft } from './draft';
import { EMPTY_CELL, countLevels, saveEntries, withChange, withValues } from './draft';
import { ImportRatingsDialog } from './ImportRatingsDialog';
import { LevelCountsBar } from './LevelCountsBar';
import { RatingGrid } from './RatingGrid';
import { useGridPages } from './useGridPages';
import { useAppStore } from '../stores/app';
import { LabelledOptions } from '../ui/LabelledOptions';

const NO_DRAFT: Draft = new Map();

export function RatingsScreen() {
  const { t } = useTranslation();
  const year = useAppStore((s) => s.year);
  const setYear = useAppStore((s) => s.setYear);
  const setLeaveGuard = useAppStore((s) => s.setLeaveGuard);
  const navigate = useAppStore((s) => s.navigate);
  const [ratingYear, setRatingYear] = useState(() => Math.min(year, new Date().getFullYear()));
  // The screen opens on the installation's own unit (its subtree), never on the whole register:
  // at national size that would be 55,000 rows. See `openedOnOwnUnit` below for a grassroots one.
  const ownUnitId = useAppStore((s) => s.info?.ownUnitId ?? null);
  const ownUnitName = useAppStore((s) => s.info?.ownUnitName ?? null);
  const [scopeId, setScopeId] = useState<string | null>(ownUnitId);
  const [openedOnOwnUnit, setOpenedOnOwnUnit] = useState(ownUnitId !== null);
  // Bumped when the screen falls back to the whole register, so the picker shows that.
  const [pickerKey, setPickerKey] = useState(0);
  const [kind, setKind] = useState<UnitKind | ''>('');
  const [draft, setDraft] = useState<Draft>(NO_DRAFT);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);
  const [confirm, setConfirm] = useState<((ok: boolean) => void) | null>(null);
  const scale = scaleForYear(ratingYear);
  const loaded = useGridPages(
    scale
      ? { year: ratingYear, scopeId: scopeId ?? undefined, kinds: kind ? [kind] : undefined }
      : null,
  );
  const grid: Grid | null = loaded.grid?.year === ratingYear ? loaded.grid : null;
  // A grassroots installation's own unit is itself a row to rate, not above any: when nothing
  // under it is to be rated, the first view is the whole register, which is then its own.
  // (Adjusted while rendering, as React advises for state that follows an answer.)
  if (openedOnOwnUnit && grid) {
    setOpenedOnOwnUnit(false);
    if (grid.rows.length === 0 && scopeId === ownUnitId && kind === '') {
      setScopeId(null);
      setPickerKey((k) => k + 1);
    }
  }
  const counts = useMemo(
    () => (grid && scale ? countLevels(grid, draft, scale) : null),
    [grid, draft, scale],
  );

  // Leaving with unsaved changes asks first: inside the app, and on reload or window close.
  // One question at a time: the year field's blur that follows its Enter asks again, and both
  // wait for the one answer.
  const question = useRef<Promise<boolean> | null>(null);
  const askToLeave = useCallback(() => {
    if (draft.size === 0) return Promise.resolve(true);
    question.current ??= new Promise<boolean>((resolve) =>
      setConfirm(() => (ok: boolean) => {
        question.current = null;
        setConfirm(null);
        if (ok) setDraft(NO_DRAFT);
        resolve(ok);
      }),
    );
    return question.current;
  }, [draft.size]);
  useEffect(() => {
    setLeaveGuard(draft.size > 0 ? askToLeave : null);
    if (draft.size === 0) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [draft.size, askToLeave, setLeaveGuard]);
  useEffect(() => () => setLeaveGuard(null), [setLeaveGuard]);

  /** Applies a change of year, scope or filter once unsaved edits are saved or given up. */
  const switchTo = async (change: () => void): Promise<boolean> => {
    if (!(await askToLeave())) return false;
    setSelection(new Set());
    setMessage(null);
    change();
    return true;
  };
  const changeYear = (value: number) =>
    switchTo(() => {
      setRatingYear(value);
      setYear(value);
    });

  const save = async () => {
    setSaving(true);
    try {
      const result = await call('ratings.saveYear', {
        year: ratingYear,
        entries: saveEntries(draft),
      });
      setDraft(NO_DRAFT);
      setSelection(new Set());
      setMessage(t('ratings.saved', { ...result }));
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const bulkSet = (choice: string) => {
    if (!grid || !scale) return;
    const rows = grid.rows.filter((r) => selection.has(r.unitId));
    if (choice === 'clear') setDraft(withValues(draft, rows, EMPTY_CELL));
    else if (choice.startsWith('not:')) {
      const reason = choice.slice(4) as NotRatedReason;
      setDraft(withChange(draft, rows, scale, { levelCode: null, notRatedReason: reason }));
    } else setDraft(withChange(draft, rows, scale, { levelCode: choice }));
  };
  const gridRef = useRef<HTMLDivElement>(null);

  return (
    <section className="screen ratings-screen">
      <header className="toolbar">
        <h1>{t('ratings.title')}</h1>
        <YearInput label={t('ratings.year')} value={ratingYear} onCommit={changeYear} />
        <div className="scope-picker">
          <UnitPicker
            key={pickerKey}
            label={t('ratings.scope')}
            noneLabel={t('ratings.scopeAll')}
            year={ratingYear}
            value={scopeId}
            initialName={scopeId === ownUnitId ? ownUnitName : null}
            onChange={(id) =>
              void switchTo(() => {
                setOpenedOnOwnUnit(false);
                setScopeId(id);
              })
            }
          />
        </div>
        <select
          aria-label={t('ratings.kindFilter')}
          value={kind}
          onChange={(e) => {
            const value = e.target.value as UnitKind | '';
            void switchTo(() => setKind(value));
          }}
        >
          <option value="">{t('ratings.baseKinds')}</option>
          <LabelledOptions values={RATEABLE_KINDS} group="kinds" />
        </select>
        <span className="spacer" />
        <button type="button" onClick={() => void switchTo(() => setImporting(true))}>
          {t('ratings.import')}
        </button>
      </header>

      {/* Saving has a row of its own, so Lưu stays in one place whatever the window's width. */}
      <div className="save-bar">
        <p className="muted scale-line">
          {scale
            ? t('ratings.scale', { name: scale.name, basis: scale.basis })
            : t('ratings.noScale', { year: ratingYear })}
          {scale && grid?.previousScaleId && !sameFamily(grid.previousScaleId, grid.scaleId) && (
            <strong> {t('ratings.scaleChanged', { year: ratingYear })}</strong>
          )}
        </p>
        {draft.size > 0 && (
          <span className="unsaved">{t('ratings.changes', { count: draft.size })}</span>
        )}
        <button
          type="button"
          disabled={draft.size === 0 || saving}
          onClick={() => setDraft(NO_DRAFT)}
        >
          {t('ratings.discard')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={draft.size === 0 || saving}
          onClick={() => void save()}
        >
          {saving ? t('ratings.saving') : t('ratings.save')}
        </button>
      </div>

      {scale && (
        <>
          {counts && grid && (
            <LevelCountsBar
              counts={counts}
              scale={scale}
              grid={grid}
              draft={draft}
              complete={loaded.complete}
              total={loaded.total}
              stalled={loaded.error !== null}
            />
          )}
          {/* Folded: three lines of keys would take the grid's room on a small screen. */}
          <details className="hint help">
            <summary>{t('ratings.helpTitle')}</summary>
            {t('ratings.help', {
              exemplaryLabel: scale.exemplaryTitle?.label ?? '',
              exemplaryLevel: scale.exemplaryLevel ?? '',
            })}
          </details>
          {selection.size > 1 && (
            <label className="compact bulk">
              {t('ratings.bulk', { count: selection.size })}
              <select
                value=""
                onChange={(e) => {
                  bulkSet(e.target.value);
                  gridRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
                }}
              >
                <option value="" disabled>
                  …
                </option>
                {scale.levels.map((l) => (
                  <option key={l.code} value={l.code}>
                    {levelChoiceText(l)}
                  </option>
                ))}
                {NOT_RATED_REASONS.map((r) => (
                  <option key={r} value={`not:${r}`}>
                    {t('ratings.notRated', { reason: t(`notRated.${r}`) })}
                  </option>
                ))}
                <option value="clear">{t('ratings.bulkClear')}</option>
              </select>
            </label>
          )}
          <p className="status-line" role="status">
            {loaded.error ?? message ?? ''}
            {loaded.error !== null && (
              <>
                {' '}
                <button type="button" className="link" onClick={loaded.retry}>
                  {t('ratings.retryPages')}
                </button>
              </>
            )}
          </p>
          <div className="grid-holder" ref={gridRef}>
            {grid && grid.rows.length === 0 && (
              <p className="muted">{t('ratings.empty', { year: ratingYear })}</p>
            )}
            {grid && grid.rows.length > 0 && (
              <RatingGrid
                grid={grid}
                complete={loaded.complete}
                total={loaded.total}
                scale={scale}
                draft={draft}
                onDraft={setDraft}
                selection={selection}
                onSelection={setSelection}
                onMessage={setMessage}
                onOpenUnit={(unitId) => void navigate('units', { unitId, year: ratingYear })}
              />
            )}
          </div>
        </>
      )}

      {confirm && (
        <ConfirmDialog
          title={t('ratings.leaveTitle')}
          message={t('ratings.leaveMessage', { count: draft.size })}
          confirmLabel={t('ratings.leaveDiscard')}
          cancelLabel={t('ratings.leaveStay')}
          onAnswer={confirm}
        />
      )}
      {importing && (
        <ImportRatingsDialog
          onClose={() => setImporting(false)}
          onImported={() => {
            setDraft(NO_DRAFT);
          }}
        />
      )}
    </section>
  );
}
