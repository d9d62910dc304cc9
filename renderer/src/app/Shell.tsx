import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { OverviewScreen } from '../overview/OverviewScreen';
import type { ScreenId } from '../stores/app';
import { SCREENS, useAppStore } from '../stores/app';
import { lazyPart } from './lazy';

// Only Tổng quan, where the app opens, comes with the first screen's code; every other screen
// (and with it the grids, the forms and their schemas, the report code) is loaded the first
// time it is opened (issue 10: ≤ 300 KB gzip of JavaScript for the first screen). From the
// app's own files that takes a few milliseconds; the screen says "Đang tải…" meanwhile.
const UnitsScreen = lazyPart(() => import('../units/UnitsScreen').then((m) => m.UnitsScreen));
const RatingsScreen = lazyPart(() =>
  import('../ratings/RatingsScreen').then((m) => m.RatingsScreen),
);
const WatchlistsScreen = lazyPart(() =>
  import('../watchlists/WatchlistsScreen').then((m) => m.WatchlistsScreen),
);
const SettingsScreen = lazyPart(() =>
  import('../settings/SettingsScreen').then((m) => m.SettingsScreen),
);
const ReportsScreen = lazyPart(() => import('../reports/ReportsScreen').then((m) => m.default));
const ExchangeScreen = lazyPart(() => import('../exchange/ExchangeScreen').then((m) => m.default));

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
  if (screen === 'dashboard') return <OverviewScreen />;
  return <Suspense fallback={<LoadingScreen />}>{lazyScreen(screen)}</Suspense>;
}

function lazyScreen(screen: Exclude<ScreenId, 'dashboard'>) {
  switch (screen) {
    case 'units':
      return <UnitsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'ratings':
      return <RatingsScreen />;
    case 'watchlists':
      return <WatchlistsScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'exchange':
      return <ExchangeScreen />;
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
