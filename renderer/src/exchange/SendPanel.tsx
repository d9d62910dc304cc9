// Gửi dữ liệu: this installation's data file — its own unit and everything under it unless
// another unit is chosen, every year or a range, optionally only what changed since the last
// file — written by the backend with progress shown, then offered for saving. A save that was
// cancelled or failed can be done again: the file was made and numbered, and must not be lost.
// With "Đặt mật khẩu" the file is sealed with the password typed twice (ExportPassword.tsx).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeLedger, ExportResult, MethodInput } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';
import { saveFile } from '../api/files';
import { useAppStore } from '../stores/app';
import { YearInput } from '../ui/YearInput';
import { UnitPicker } from '../units/UnitPicker';
import { ExchangeProgress, useExchangeProgress } from './ExchangeProgress';
import type { PasswordChoice } from './ExportPassword';
import { ExportPassword, NO_PASSWORD, passwordProblem } from './ExportPassword';
import { entityCountsText, formatDateTime } from './format';
import type { Outcome } from './store';
import { useExchangeStore } from './store';

export function SendPanel({ ledger }: { ledger: ExchangeLedger | null }) {
  const { t } = useTranslation();
  const id = useId();
  const info = useAppStore((s) => s.info);
  const year = useAppStore((s) => s.year);
  const unsaved = useExchangeStore((s) => s.unsavedExport);
  const setUnsaved = useExchangeStore((s) => s.setUnsavedExport);
  const [scopeId, setScopeId] = useState<string | null>(null);
  const [allYears, setAllYears] = useState(true);
  const [fromYear, setFromYear] = useState(year - 2);
  const [toYear, setToYear] = useState(year);
  const [sinceLast, setSinceLast] = useState(false);
  const [password, setPassword] = useState<PasswordChoice>(NO_PASSWORD);
  const [passwordChecked, setPasswordChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [progress, resetProgress] = useExchangeProgress();
  const previous = ledger?.exports[0] ?? null;

  const offer = async (file: ExportResult) => {
    // Until it is saved, the file stays offered: a failed or cancelled save loses nothing.
    setUnsaved(file);
    const saved = await saveFile(file.file, file.suggestedName);
    if (saved) setUnsaved(null);
    setOutcome(
      saved
        ? {
            kind: 'success',
            text: t('exchange.send.saved', {
              name: file.suggestedName,
              sequence: file.header.sequence,
              counts: entityCountsText(file.header.counts, t('exchange.send.empty')),
            }),
          }
        : { kind: 'muted', text: t('exchange.send.cancelled', { sequence: file.header.sequence }) },
    );
  };
  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    resetProgress();
    try {
      await work();
    } catch (e) {
      setOutcome({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    run(async () => {
      if (!allYears && fromYear > toYear) {
        setOutcome({ kind: 'error', text: t('exchange.send.yearOrder') });
        return;
      }
      if (passwordProblem(password) !== null) {
        setPasswordChecked(true);
        return;
      }
      const input: MethodInput<'exchange.export'> = { sinceLast };
      if (scopeId !== null) input.scopeId = scopeId;
      if (!allYears) Object.assign(input, { fromYear, toYear });
      if (password.enabled) input.password = password.password;
      const result = await call('exchange.export', input);
      // The password is not kept once the file is made: the next file asks for it again.
      setPassword(NO_PASSWORD);
      setPasswordChecked(false);
      await offer(result);
    });

  return (
    <section className="exchange-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('exchange.send.title')}</h2>
      <p className="hint">{t('exchange.send.intro')}</p>
      <fieldset className="exchange-fields" disabled={busy}>
        <legend>{t('exchange.send.what')}</legend>
        <div className="exchange-scope">
          <UnitPicker
            label={t('exchange.send.scope')}
            noneLabel={t('exchange.send.ownScope', { name: info?.ownUnitName ?? '' })}
            year={year}
            value={scopeId}
            onChange={(unitId) => setScopeId(unitId)}
          />
        </div>
        <div className="exchange-years" role="radiogroup" aria-label={t('exchange.send.years')}>
          <span className="label">{t('exchange.send.years')}</span>
          <label className="check">
            <input
              type="radio"
              name={`${id}-years`}
              checked={allYears}
              onChange={() => setAllYears(true)}
            />
            {t('exchange.send.allYears')}
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${id}-years`}
              checked={!allYears}
              onChange={() => setAllYears(false)}
            />
            {t('exchange.send.someYears')}
          </label>
          {!allYears && (
            <>
              <YearInput
                label={t('exchange.send.fromYear')}
                value={fromYear}
                onCommit={setFromYear}
              />
              <YearInput label={t('exchange.send.toYear')} value={toYear} onCommit={setToYear} />
            </>
          )}
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={sinceLast}
            onChange={(e) => setSinceLast(e.target.checked)}
          />
          {t('exchange.send.sinceLast')}
        </label>
        <ExportPassword value={password} onChange={setPassword} checked={passwordChecked} />
        <p className="hint">
          {previous
            ? t('exchange.send.previous', {
                sequence: previous.sequence,
                at: formatDateTime(previous.at),
                name: previous.fileName,
              })
            : t('exchange.send.noPrevious')}
        </p>
      </fieldset>
      <div className="export-bar" aria-busy={busy}>
        <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
          {t('exchange.send.start')}
        </button>
        {unsaved && (
          <button type="button" disabled={busy} onClick={() => void run(() => offer(unsaved))}>
            {t('exchange.send.saveAgain', { sequence: unsaved.header.sequence })}
          </button>
        )}
        {busy && (
          <span className="muted" role="status">
            {t('exchange.send.busy')}
          </span>
        )}
      </div>
      {busy && progress && <ExchangeProgress progress={progress} />}
      {outcome && (
        <p className={outcome.kind} role={outcome.kind === 'error' ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      )}
    </section>
  );
}
