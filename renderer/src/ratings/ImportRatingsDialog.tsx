// Spreadsheet import: choose a file (the host's file dialog; the backend reads it by handle), see
// what it would change, then confirm. Nothing is written before the confirmation; the apply
// writes exactly the plan previewed, or refuses if the data changed meanwhile. A file with bad
// rows is imported only if the user asks for the valid rows alone.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppEvents, FileRef, ImportPreview, ImportResult } from '../../../shared/contract';
import { getBridge } from '../api/bridge';
import { call, errorMessage } from '../api/client';
import { pickFile } from '../api/files';
import { Dialog } from '../ui/Dialog';
import { ImportPreviewSummary, validRows } from './ImportPreviewSummary';

type Phase =
  | { step: 'choose' }
  | { step: 'reading' }
  | { step: 'preview'; preview: ImportPreview }
  | { step: 'applying'; preview: ImportPreview }
  | { step: 'done'; result: ImportResult };

type Progress = AppEvents['progress'];

/**
 * The latest progress event of an import job, and a reset for when a new step starts. The
 * subscription lasts as long as the dialog: events may arrive before a re-render would have
 * subscribed (an in-process backend sends them while the call is still being made).
 */
function useImportProgress(): [Progress | null, () => void] {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(
    () =>
      getBridge().on('progress', (event) => {
        if (event.job.startsWith('ratings.import:')) setProgress(event);
      }),
    [],
  );
  return [progress, () => setProgress(null)];
}

const PHASES = ['read', 'check', 'write'] as const;

function ProgressBar({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  const phase = (PHASES as readonly string[]).includes(progress.phase)
    ? t(`importRatings.phase.${progress.phase as (typeof PHASES)[number]}`)
    : progress.phase;
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 100;
  return (
    <div className="import-progress">
      <progress aria-label={phase} value={progress.done} max={Math.max(progress.total, 1)} />
      <span>{t('importRatings.progress', { phase, percent })}</span>
    </div>
  );
}

export function ImportRatingsDialog(props: { onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [file, setFile] = useState<FileRef | null>(null);
  /** The worksheet the user chose (.xlsx with several sheets); undefined: the first visible. */
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const busy = phase.step === 'reading' || phase.step === 'applying';
  const [progress, resetProgress] = useImportProgress();

  const preview = async (chosen: FileRef, wanted: string | undefined) => {
    setError(null);
    setSheet(wanted);
    resetProgress();
    setPhase({ step: 'reading' });
    try {
      const input =
        wanted === undefined ? { file: chosen.handle } : { file: chosen.handle, sheet: wanted };
      setPhase({ step: 'preview', preview: await call('ratings.importPreview', input) });
    } catch (e) {
      setError(errorMessage(e));
      setPhase({ step: 'choose' });
    }
  };
  const choose = async () => {
    setError(null);
    let chosen: FileRef | null;
    try {
      chosen = await pickFile({
        title: t('importRatings.pickTitle'),
        extensions: ['xlsx', 'csv'],
      });
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    if (!chosen) return;
    setFile(chosen);
    await preview(chosen, undefined);
  };
  const apply = async (shown: ImportPreview, skipErrors: boolean) => {
    setError(null);
    resetProgress();
    setPhase({ step: 'applying', preview: shown });
    try {
      const result = await call('ratings.importApply', { planId: shown.planId, skipErrors });
      setPhase({ step: 'done', result });
      if (result.applied) props.onImported();
    } catch (e) {
      // The plan is spent (or stale): the file must be previewed again before any import.
      setError(errorMessage(e));
      setPhase({ step: 'choose' });
    }
  };

  const shown = phase.step === 'preview' || phase.step === 'applying' ? phase.preview : null;
  return (
    <Dialog title={t('importRatings.title')} onClose={() => !busy && props.onClose()} wide>
      <p className="hint">{t('importRatings.intro')}</p>
      <div className="file-choice">
        <button type="button" disabled={busy} onClick={() => void choose()}>
          {t('importRatings.chooseFile')}
        </button>
        <span className="muted">{file?.name ?? t('importRatings.noFile')}</span>
        {file && phase.step === 'choose' && (
          <button type="button" onClick={() => void preview(file, sheet)}>
            {t('importRatings.previewAgain')}
          </button>
        )}
      </div>
      {phase.step === 'reading' && <p role="status">{t('importRatings.reading')}</p>}
      {busy && progress && <ProgressBar progress={progress} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {shown && file && (
        <ImportPreviewSummary
          preview={shown}
          busy={busy}
          onSheet={(name) => void preview(file, name)}
        />
      )}
      {phase.step === 'done' && (
        <p role="status" className="success">
          {phase.result.applied
            ? phase.result.newRatings.length +
                phase.result.changedRatings.length +
                phase.result.newUnits.length ===
              0
              ? t('importRatings.nothing')
              : t('importRatings.done', {
                  ratings: phase.result.newRatings.length,
                  changed: phase.result.changedRatings.length,
                  units: phase.result.newUnits.length,
                })
            : t('importRatings.errors', { count: phase.result.errors.length })}
        </p>
      )}
      <div className="buttons">
        <button type="button" disabled={busy} onClick={props.onClose}>
          {t('importRatings.close')}
        </button>
        {shown && shown.errors.length > 0 && validRows(shown) > 0 && (
          <button type="button" disabled={busy} onClick={() => void apply(shown, true)}>
            {t('importRatings.applyValid')}
          </button>
        )}
        {shown && (
          <button
            type="button"
            className="primary"
            disabled={busy || shown.errors.length > 0}
            onClick={() => void apply(shown, false)}
          >
            {phase.step === 'applying' ? t('importRatings.applying') : t('importRatings.apply')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
