// Nhận dữ liệu: choose one or more .tccsd files, see per file and in total what they would
// change, answer the "same unit?" questions and decide the conflicts, then apply the previewed
// plan in one step. Nothing is written before "Nhập dữ liệu"; a refusal is said in Vietnamese and
// keeps the chosen files, so the preview can be made again. A sealed file's password is asked
// for in a dialog (PasswordDialog.tsx) and the files are previewed again with it.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { EXCHANGE_EXTENSION } from '../../../shared/methods/exchange';
import { formatFileSize, formatNumber } from '../../../shared/domain/summary';
import { call, errorMessage } from '../api/client';
import { pickFiles } from '../api/files';
import { ChangeList } from './ChangeList';
import { applyBlocker, applyInput, undecidedConflicts, undecidedSameUnits } from './choices';
import { ExchangeProgress, useExchangeProgress } from './ExchangeProgress';
import { FilePreviews } from './FilePreviews';
import { PasswordDialog } from './PasswordDialog';
import { SameUnits } from './SameUnits';
import { useExchangeStore } from './store';

type Step = 'idle' | 'reading' | 'applying';

export function ReceivePanel({ onShowLedger }: { onShowLedger: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const store = useExchangeStore();
  const { files, preview, decisions, receiveOutcome: outcome } = store;
  const [step, setStep] = useState<Step>('idle');
  const [progress, resetProgress] = useExchangeProgress();
  // Passwords of sealed files by handle, for this panel's life only; the file asking for one.
  const [passwords, setPasswords] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<string | null>(null);
  const busy = step !== 'idle';

  const previewFiles = async (chosen: FileRef[], given = passwords) => {
    store.setFiles(chosen);
    store.setPreview(null);
    store.setReceiveOutcome(null);
    setAsking(null);
    if (chosen.length === 0) return;
    resetProgress();
    setStep('reading');
    try {
      const handles = chosen.map((f) => f.handle);
      const answer = await call('exchange.preview', {
        files: handles,
        passwords: Object.fromEntries(
          handles.flatMap((h) => {
            const password = given[h];
            return password === undefined ? [] : [[h, password]];
          }),
        ),
      });
      store.setPreview(answer);
      // The first sealed file still without its (right) password is asked for at once.
      const locked = answer.files.find((f) => f.passwordNeeded !== null);
      if (locked) setAsking(chosen[locked.fileIndex]?.handle ?? null);
    } catch (e) {
      store.setReceiveOutcome({ kind: 'error', text: errorMessage(e) });
    } finally {
      setStep('idle');
    }
  };
  const choose = async () => {
    let chosen: FileRef[];
    try {
      chosen = await pickFiles({
        title: t('exchange.receive.pickTitle'),
        extensions: [EXCHANGE_EXTENSION],
      });
    } catch (e) {
      store.setReceiveOutcome({ kind: 'error', text: errorMessage(e) });
      return;
    }
    if (chosen.length === 0) return;
    const known = new Set(files.map((f) => f.handle));
    await previewFiles([...files, ...chosen.filter((f) => !known.has(f.handle))]);
  };
  const apply = async () => {
    if (!preview || busy || applyBlocker(preview, decisions) !== null) return;
    resetProgress();
    setStep('applying');
    try {
      const result = await call('exchange.apply', applyInput(preview, decisions));
      store.setFiles([]);
      store.setPreview(null);
      store.setReceiveOutcome({
        kind: result.unchanged ? 'muted' : 'success',
        text: result.message,
      });
    } catch (e) {
      // A plan that is spent or stale must be previewed again; the files stay chosen.
      const undecided = e instanceof AppError && e.code === 'CONFLICTS_UNDECIDED';
      if (!undecided) store.setPreview(null);
      store.setReceiveOutcome({ kind: 'error', text: errorMessage(e) });
    } finally {
      setStep('idle');
    }
  };

  const blocker = preview ? applyBlocker(preview, decisions) : null;
  const passwordState = (handle: string) => {
    const index = files.findIndex((f) => f.handle === handle);
    return preview?.files.find((f) => f.fileIndex === index)?.passwordNeeded ?? null;
  };
  const askedFile = asking === null ? null : (files.find((f) => f.handle === asking) ?? null);
  const unlock = (handle: string, password: string) => {
    const next = { ...passwords, [handle]: password };
    setPasswords(next);
    void previewFiles(files, next);
  };
  return (
    <section className="exchange-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('exchange.receive.title')}</h2>
      <p className="hint">{t('exchange.receive.intro')}</p>
      <div className="file-choice">
        <button type="button" disabled={busy} onClick={() => void choose()}>
          {files.length === 0 ? t('exchange.receive.choose') : t('exchange.receive.chooseMore')}
        </button>
        {files.length > 0 && !preview && step === 'idle' && (
          <button type="button" onClick={() => void previewFiles(files)}>
            {t('exchange.receive.previewAgain')}
          </button>
        )}
        {files.length > 0 && (
          <button type="button" disabled={busy} onClick={() => void previewFiles([])}>
            {t('exchange.receive.clear')}
          </button>
        )}
      </div>
      {files.length > 0 && (
        <ul className="chosen-files" aria-label={t('exchange.receive.chosen')}>
          {files.map((file) => (
            <li key={file.handle}>
              <span>{file.name}</span> <span className="muted">({formatFileSize(file.size)})</span>{' '}
              {passwordState(file.handle) !== null && (
                <>
                  <button
                    type="button"
                    className="link small"
                    disabled={busy}
                    aria-label={t('exchange.password.enterFor', { name: file.name })}
                    onClick={() => setAsking(file.handle)}
                  >
                    {t('exchange.password.enter')}
                  </button>{' '}
                </>
              )}
              <button
                type="button"
                className="link small"
                disabled={busy}
                aria-label={t('exchange.receive.removeFile', { name: file.name })}
                onClick={() => void previewFiles(files.filter((f) => f.handle !== file.handle))}
              >
                {t('exchange.receive.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {askedFile && !busy && (
        <PasswordDialog
          key={askedFile.handle}
          fileName={askedFile.name}
          wrong={passwordState(askedFile.handle) === 'wrong'}
          onSubmit={(password) => unlock(askedFile.handle, password)}
          onClose={() => setAsking(null)}
        />
      )}
      {step === 'reading' && <p role="status">{t('exchange.receive.reading')}</p>}
      {busy && progress && <ExchangeProgress progress={progress} />}
      {outcome && (
        <p className={outcome.kind} role={outcome.kind === 'error' ? 'alert' : 'status'}>
          {outcome.text}{' '}
          {outcome.kind !== 'error' && (
            <button type="button" className="link" onClick={onShowLedger}>
              {t('exchange.receive.toLedger')}
            </button>
          )}
        </p>
      )}
      {preview && (
        <div
          className="exchange-preview"
          aria-label={t('exchange.receive.previewTitle')}
          role="region"
        >
          <h3>{t('exchange.receive.previewTitle')}</h3>
          <FilePreviews preview={preview} />
          <SameUnits
            candidates={preview.sameUnits}
            decisions={decisions}
            disabled={busy}
            onDecisions={store.setDecisions}
          />
          <ChangeList
            preview={preview}
            decisions={decisions}
            disabled={busy}
            onDecisions={store.setDecisions}
          />
          <div className="apply-bar">
            {blocker && (
              <p className={blocker === 'errors' ? 'error' : 'warning-text'}>
                {t(`exchange.receive.blocked.${blocker}`, {
                  count: formatNumber(
                    blocker === 'conflicts'
                      ? undecidedConflicts(preview, decisions)
                      : undecidedSameUnits(preview, decisions),
                  ),
                })}
              </p>
            )}
            <button
              type="button"
              className="primary"
              disabled={busy || blocker !== null}
              onClick={() => void apply()}
            >
              {step === 'applying' ? t('exchange.receive.applying') : t('exchange.receive.apply')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
