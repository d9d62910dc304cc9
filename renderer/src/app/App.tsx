import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../api/bridge';
import { followChanges, useChangeStore } from '../api/changes';
import { call, errorMessage } from '../api/client';
import { useAppStore } from '../stores/app';
import { lazyPart } from './lazy';
import { Shell } from './Shell';

// Shown once, on a file not set up yet: its form (and the contract's schemas it validates
// with) is loaded only then.
const FirstRunScreen = lazyPart(() => import('./FirstRunScreen').then((m) => m.FirstRunScreen));

export function App() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const setInfo = useAppStore((s) => s.setInfo);
  const [error, setError] = useState<string | null>(null);
  // Said when the backend worker had to be restarted: the last action may not have run.
  const [notice, setNotice] = useState<string | null>(null);
  // Read again when settings change, and when the backend finds the file damaged or read-only.
  const settingsVersion = useChangeStore((s) => s.versions.settings);

  useEffect(() => {
    call('app.info', {}).then(setInfo, (e: unknown) => setError(errorMessage(e)));
  }, [setInfo, settingsVersion]);

  useEffect(() => {
    const stopFollowing = followChanges();
    const stopRestarts = getBridge().on('backend.restarted', ({ message }) => setNotice(message));
    return () => {
      stopFollowing();
      stopRestarts();
    };
  }, []);

  if (error) {
    return (
      <main className="center-page">
        <p role="alert" className="error">
          {error}
        </p>
      </main>
    );
  }
  if (!info) return <main className="center-page">{t('app.loading')}</main>;
  return (
    <>
      {info.readOnly && (
        // Stays while the file is open: every write would be refused, the user must know why.
        <div role="alert" className="data-refusal">
          {info.readOnly.message}
        </div>
      )}
      {notice && (
        <div role="alert" className="backend-notice">
          <span>{notice}</span>
          <button type="button" onClick={() => setNotice(null)}>
            {t('app.dismiss')}
          </button>
        </div>
      )}
      {info.needsSetup ? (
        <Suspense fallback={<main className="center-page">{t('app.loading')}</main>}>
          <FirstRunScreen />
        </Suspense>
      ) : (
        <Shell />
      )}
    </>
  );
}
