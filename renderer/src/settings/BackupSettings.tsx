// Cài đặt → Sao lưu và khôi phục: the backups beside the data file (made on the day's first
// write, before imports, or here), a backup now, and a restore that says first what it will do.
// The list is not a data entity (no data.changed names it): it is read on arrival, after each
// backup or restore made here, and after any write.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AppEvents,
  BackupCheck,
  BackupInfo,
  BackupList,
  FileRef,
} from '../../../shared/contract';
import { formatFileSize, formatNumber } from '../../../shared/domain/summary';
import { call, errorMessage } from '../api/client';
import { getBridge } from '../api/bridge';
import { useChangeStore } from '../api/changes';
import { pickFile } from '../api/files';
import { useAppStore } from '../stores/app';
import { ConfirmDialog } from '../ui/ConfirmDialog';

/**
 * What the confirmation names: a backup of the list, or a file chosen elsewhere and checked
 * (backups.check), each with whether it comes from another installation.
 */
type Chosen = { backup: BackupInfo } | { file: FileRef; check: BackupCheck };

/** Restoring another installation's backup takes its id: the confirmation says so first. */
const isOther = (what: Chosen) =>
  'backup' in what ? what.backup.otherInstallation === true : what.check.otherInstallation;

/** `yyyy-mm-ddThh:mm:ss.mmm` (the PC's local time) as dd/mm/yyyy hh:mm:ss (several a day). */
export function backupTime(createdAt: string): string {
  const [day = '', time = ''] = createdAt.split('T');
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y} ${time.slice(0, 8)}`;
}

const count = (n: number | null) => (n === null ? '—' : formatNumber(n));

function useBackupProgress(): [number | null, () => void] {
  const [percent, setPercent] = useState<number | null>(null);
  useEffect(
    () =>
      getBridge().on('progress', (event: AppEvents['progress']) => {
        if (event.job !== 'backup') return;
        setPercent(event.total > 0 ? Math.floor((event.done / event.total) * 100) : 100);
      }),
    [],
  );
  return [percent, () => setPercent(null)];
}

export function BackupSettings() {
  const { t } = useTranslation();
  const setInfo = useAppStore((s) => s.setInfo);
  const [list, setList] = useState<BackupList | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [percent, clearPercent] = useBackupProgress();

  // Read on arrival, after each backup or restore made here (`reload`), and after any write
  // (the day's first write and every import make a backup first).
  const [version, setVersion] = useState(0);
  const written = useChangeStore((state) => Object.values(state.versions).join('.'));
  const reload = () => setVersion((v) => v + 1);
  useEffect(() => {
    let live = true;
    call('backups.list', {}).then(
      (read) => live && setList(read),
      (e: unknown) => live && setStatus(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [version, written]);

  const backupNow = async () => {
    setBusy('backup');
    setStatus(null);
    clearPercent();
    try {
      const made = await call('backups.create', {});
      setStatus(t('settings.backupMade', { name: made.name }));
    } catch (e) {
      setStatus(errorMessage(e));
    } finally {
      setBusy(null);
      clearPercent();
      reload();
    }
  };

  const chooseFile = async () => {
    setStatus(null);
    try {
      const file = await pickFile({
        title: t('settings.backupPickTitle'),
        extensions: ['sqlite3', 'sqlite', 'db', 'bak'],
      });
      // Checked before the confirmation, which then says whether it is another installation's.
      if (file) setChosen({ file, check: await call('backups.check', { file: file.handle }) });
    } catch (e) {
      setStatus(errorMessage(e));
    }
  };

  const restore = async (what: Chosen) => {
    setChosen(null);
    setBusy('restore');
    setStatus(null);
    try {
      const done = await call(
        'backups.restore',
        'backup' in what
          ? { name: what.backup.name, fromOtherInstallation: isOther(what) }
          : { file: what.file.handle, fromOtherInstallation: isOther(what) },
      );
      setInfo(await call('app.info', {}));
      setStatus(
        t('settings.backupRestored', {
          name: done.restored,
          units: formatNumber(done.units),
          ratings: formatNumber(done.ratings),
          before: done.before.name,
        }),
      );
    } catch (e) {
      setStatus(errorMessage(e));
    } finally {
      setBusy(null);
      clearPercent();
      reload();
    }
  };

  const confirmMessage = (what: Chosen) =>
    'backup' in what
      ? t('settings.backupConfirm', {
          time: backupTime(what.backup.createdAt),
          units: count(what.backup.units),
          ratings: count(what.backup.ratings),
        })
      : t('settings.backupConfirmFile', { name: what.file.name });

  const backups = list?.backups ?? [];
  return (
    <section className="backup-settings" aria-labelledby="backup-title">
      <h2 id="backup-title">{t('settings.backupTitle')}</h2>
      <p className="muted">{t('settings.backupIntro')}</p>
      {list && (
        <p className="muted">
          {t('settings.backupFolder')} <code>{list.folder}</code>
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => void backupNow()}
          disabled={busy !== null}
        >
          {busy === 'backup' ? t('settings.backupRunning') : t('settings.backupNow')}
        </button>
        <button type="button" onClick={() => void chooseFile()} disabled={busy !== null}>
          {t('settings.backupFromFile')}
        </button>
        {busy !== null && percent !== null && (
          <progress aria-label={t('settings.backupRunning')} value={percent} max={100} />
        )}
        {busy === 'restore' && <span role="status">{t('settings.backupRestoring')}</span>}
      </div>
      {status && (
        <p role="status" className="backup-status">
          {status}
        </p>
      )}
      {list && backups.length === 0 && <p>{t('settings.backupNone')}</p>}
      {backups.length > 0 && (
        <table className="small-table backup-table" aria-label={t('settings.backupListLabel')}>
          <thead>
            <tr>
              <th>{t('settings.backupColumns.time')}</th>
              <th>{t('settings.backupColumns.kind')}</th>
              <th className="number">{t('settings.backupColumns.size')}</th>
              <th className="number">{t('settings.backupColumns.units')}</th>
              <th className="number">{t('settings.backupColumns.ratings')}</th>
              <th>{t('settings.backupColumns.version')}</th>
              <th>
                <span className="visually-hidden">{t('settings.backupColumns.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.name} title={backup.name}>
                <td>{backupTime(backup.createdAt)}</td>
                <td>
                  {t(`settings.backupKinds.${backup.kind}`)}
                  {backup.otherInstallation && (
                    <>
                      {' '}
                      <span className="muted" title={t('settings.backupOtherInstallationHint')}>
                        ({t('settings.backupOtherInstallation')})
                      </span>
                    </>
                  )}
                </td>
                <td className="number">{formatFileSize(backup.size)}</td>
                <td className="number">{count(backup.units)}</td>
                <td className="number">{count(backup.ratings)}</td>
                <td>{backup.appVersion ?? t('settings.backupUnknownVersion')}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => setChosen({ backup })}
                    disabled={busy !== null}
                    aria-label={t('settings.backupRestoreOne', {
                      time: backupTime(backup.createdAt),
                    })}
                  >
                    {t('settings.backupRestore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen && (
        <ConfirmDialog
          title={t('settings.backupConfirmTitle')}
          message={confirmMessage(chosen)}
          warning={isOther(chosen) ? t('settings.backupConfirmOther') : undefined}
          confirmLabel={t('settings.backupRestore')}
          cancelLabel={t('form.cancel')}
          onAnswer={(yes) => (yes ? void restore(chosen) : setChosen(null))}
        />
      )}
    </section>
  );
}
