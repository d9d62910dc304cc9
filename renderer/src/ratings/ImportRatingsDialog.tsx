// Spreadsheet import: choose a file, see what it would change, then confirm. Nothing is written
// before the confirmation, and a file with bad rows is imported only if the user asks for the
// valid rows alone.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportResult } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../ui/Dialog';

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

type Phase =
  | { step: 'choose' }
  | { step: 'reading' }
  | { step: 'preview'; preview: ImportPreview }
  | { step: 'applying'; preview: ImportPreview }
  | { step: 'done'; result: ImportResult };

export function ImportRatingsDialog(props: { onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    setError(null);
    setPhase({ step: 'reading' });
    try {
      const input = { fileName: chosen.name, dataBase64: await fileToBase64(chosen) };
      setFile(input);
      setPhase({ step: 'preview', preview: await call('ratings.importPreview', input) });
    } catch (e) {
      setError(errorMessage(e));
      setPhase({ step: 'choose' });
    }
  };
  const apply = async (preview: ImportPreview, skipErrors: boolean) => {
    if (!file) return;
    setPhase({ step: 'applying', preview });
    try {
      const result = await call('ratings.importApply', { ...file, skipErrors });
      setPhase({ step: 'done', result });
      if (result.applied) props.onImported();
    } catch (e) {
      setError(errorMessage(e));
      setPhase({ step: 'preview', preview });
    }
  };

  const preview = phase.step === 'preview' || phase.step === 'applying' ? phase.preview : null;
  const busy = phase.step === 'reading' || phase.step === 'applying';
  return (
    <Dialog title={t('importRatings.title')} onClose={() => !busy && props.onClose()} wide>
      <p className="hint">{t('importRatings.intro')}</p>
      {/* The browser's own file button speaks the OS language: a Vietnamese one stands in for it. */}
      <div className="file-choice">
        <input
          id={inputId}
          type="file"
          className="visually-hidden"
          aria-label={t('importRatings.file')}
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
        <label htmlFor={inputId} className={busy ? 'button disabled' : 'button'}>
          {t('importRatings.chooseFile')}
        </label>
        <span className="muted">{file?.fileName ?? t('importRatings.noFile')}</span>
      </div>
      {phase.step === 'reading' && <p role="status">{t('importRatings.reading')}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {preview && <PreviewSummary preview={preview} />}
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
        {preview && preview.errors.length > 0 && (
          <button type="button" disabled={busy} onClick={() => void apply(preview, true)}>
            {t('importRatings.applyValid')}
          </button>
        )}
        {preview && (
          <button
            type="button"
            className="primary"
            disabled={busy || preview.errors.length > 0}
            onClick={() => void apply(preview, false)}
          >
            {phase.step === 'applying' ? t('importRatings.applying') : t('importRatings.apply')}
          </button>
        )}
      </div>
    </Dialog>
  );
}

function PreviewSummary({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('importRatings.previewTitle')} className="import-preview">
      <h3>{t('importRatings.previewTitle')}</h3>
      <ul>
        <li>{t('importRatings.rows', { count: preview.rows })}</li>
        <li>{t('importRatings.newUnits', { count: preview.newUnits.length })}</li>
        <li>{t('importRatings.newRatings', { count: preview.newRatings.length })}</li>
        <li>{t('importRatings.changedRatings', { count: preview.changedRatings.length })}</li>
        <li>{t('importRatings.unchanged', { count: preview.unchanged })}</li>
        <li className={preview.errors.length ? 'error' : undefined}>
          {t('importRatings.errors', { count: preview.errors.length })}
        </li>
      </ul>
      {preview.changedRatings.length > 0 && (
        <ul className="preview-list">
          {preview.changedRatings.slice(0, 50).map((c) => (
            <li key={c.row}>
              {t('importRatings.row', { row: c.row })}: {c.unitName} ({c.year}) {c.from} → {c.to}
            </li>
          ))}
        </ul>
      )}
      {preview.errors.length > 0 && (
        <ul className="preview-list error">
          {preview.errors.slice(0, 100).map((e) => (
            <li key={`${e.row}-${e.message}`}>
              {t('importRatings.row', { row: e.row })}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
