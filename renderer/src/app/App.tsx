import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorMessage } from '../api/client';
import { FirstRunScreen } from './FirstRunScreen';
import { useAppStore } from '../stores/app';
import { Shell } from './Shell';

export function App() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const setInfo = useAppStore((s) => s.setInfo);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('app.info', {}).then(setInfo, (e: unknown) => setError(errorMessage(e)));
  }, [setInfo]);

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
  if (info.needsSetup) return <FirstRunScreen />;
  return <Shell />;
}
