import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { OverviewScreen } from '../overview/OverviewScreen';
import type { ScreenId } from '../stores/app';
import { SCREENS, useAppStore } from '../stores/app';
import type { PartLoading } from './lazy';
import { lazyPart, preloadWhenIdle, showWhenLoaded } from './lazy';

// Only Tổng quan, where the app opens, comes with the first screen's code; every other screen
// (and with it the grids, the forms and their schemas, the report code) is loaded the first
// time it is opened (issue 10: ≤ 300 KB gzip of JavaScript for the first screen). From the
// app's own files that takes a few milliseconds; the menu opens a screen once its code is here
// (showWhenLoaded), and the register's and the ratings' code is asked for as soon as the shell
// is idle, so the screens opened most often are usually there before the first click.
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
const AuditScreen = lazyPart(() => import('../audit/AuditScreen').then((m) => m.AuditScreen));

/** Each lazily loaded screen's code, for the menu. */
const PARTS: Record<Exclude<ScreenId, 'dashboard'>, PartLoading> = {
  units: UnitsScreen,
  ratings: RatingsScreen,
  watchlists: WatchlistsScreen,
  settings: SettingsScreen,
  reports: ReportsScreen,
  exchange: ExchangeScreen,
  audit: AuditScreen,
};

/** Loaded when the shell is idle, in this order: the screens opened most after Tổng quan. */
const PRELOADED = [UnitsScreen, RatingsScreen];

export function Shell() {
  const { t } = useTranslation();
  const screen = useAppStore((s) => s.screen);
  const navigate = useAppStore((s) => s.navigate);
  const info = useAppStore((s) => s.info);
  // The last menu click: one whose screen's code arrives after a later click is dropped.
  const lastClick = useRef(0);

  useEffect(() => preloadWhenIdle(PRELOADED), []);

  const open = (id: ScreenId) => {
    const click = ++lastClick.current;
    const go = () => {
      if (click === lastClick.current) void navigate(id);
    };
    if (id === 'dashboard') go();
    else showWhenLoaded(PARTS[id], go);
  };

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
                onClick={() => open(id)}
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
    case 'audit':
      return <AuditScreen />;
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
