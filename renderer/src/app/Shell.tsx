import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { OverviewScreen } from '../overview/OverviewScreen';
import { RatingsScreen } from '../ratings/RatingsScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { UnitsScreen } from '../units/UnitsScreen';
import { WatchlistsScreen } from '../watchlists/WatchlistsScreen';
import type { ScreenId } from '../stores/app';
import { SCREENS, useAppStore } from '../stores/app';

// Báo cáo brings the charts and the report code: loaded the first time it is opened.
const ReportsScreen = lazy(() => import('../reports/ReportsScreen'));
// Trao đổi dữ liệu is used a few times a year: loaded the first time it is opened too.
const ExchangeScreen = lazy(() => import('../exchange/ExchangeScreen'));

export function Shell() {
  const { t } = useTranslation();
  const screen = useAppStore((s) => s.screen);
  const navigate = useAppStore((s) => s.navigate);
  const info = useAppStore((s) => s.info);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('app.title')}>
        <div className="brand">
          <strong>{t('app.short')}</strong>
          <span>{info?.ownUnitName}</span>
        </div>
        <ul>
          {SCREENS.map((id) => (
            <li key={id}>
              <button
                type="button"
                className={id === screen ? 'nav-item active' : 'nav-item'}
                aria-current={id === screen ? 'page' : undefined}
                onClick={() => void navigate(id)}
              >
                {t(`nav.${id}`)}
              </button>
            </li>
          ))}
        </ul>
        <div className="operator">
          {t('app.operator')}: <strong>{info?.operatorName}</strong>
        </div>
      </nav>
      <main className="content">{renderScreen(screen)}</main>
    </div>
  );
}

function renderScreen(screen: ScreenId) {
  switch (screen) {
    case 'units':
      return <UnitsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'ratings':
      return <RatingsScreen />;
    case 'watchlists':
      return <WatchlistsScreen />;
    case 'dashboard':
      return <OverviewScreen />;
    case 'reports':
      return (
        <Suspense fallback={<LoadingScreen />}>
          <ReportsScreen />
        </Suspense>
      );
    case 'exchange':
      return (
        <Suspense fallback={<LoadingScreen />}>
          <ExchangeScreen />
        </Suspense>
      );
  }
}

function LoadingScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen">
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    </section>
  );
}
