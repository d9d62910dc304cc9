// Trao đổi dữ liệu: send this installation's data file, receive others' files through a preview
// and a confirmed apply, and keep the ledger of who sent what (with undo and the "chưa gửi báo
// cáo" board). Three tabs, all kept mounted so a half-filled form survives a change of tab; the
// import in progress survives a visit to another screen (store.ts). Loaded on first use.
import type { KeyboardEvent } from 'react';
import { useId, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../hooks/useCall';
import { useAppStore } from '../stores/app';
import { LedgerPanel } from './LedgerPanel';
import { ReceivePanel } from './ReceivePanel';
import { SendPanel } from './SendPanel';
import type { ExchangeTab } from './store';
import { EXCHANGE_TABS, ledgerYearOf, useExchangeStore } from './store';

export default function ExchangeScreen() {
  const { t } = useTranslation();
  const id = useId();
  const owner = useAppStore((s) => s.info?.dbPath ?? null);
  const store = useExchangeStore();
  const tabs = useRef<Partial<Record<ExchangeTab, HTMLButtonElement | null>>>({});
  const ready = store.owner === owner;
  useLayoutEffect(() => {
    if (!ready) useExchangeStore.getState().open(owner);
  }, [ready, owner]);
  const appYear = useAppStore((s) => s.year);
  const ledgerYear = ledgerYearOf(store.ledgerYear, appYear);
  const ledger = useCall('exchange.ledger', ready ? { year: ledgerYear } : null);

  const select = (tab: ExchangeTab, focus = false) => {
    store.setTab(tab);
    if (focus) tabs.current[tab]?.focus();
  };
  // Arrow keys, Home and End move between the tabs (WAI-ARIA tabs pattern).
  const onKeyDown = (e: KeyboardEvent) => {
    const at = EXCHANGE_TABS.indexOf(store.tab);
    const last = EXCHANGE_TABS.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? (at + 1) % EXCHANGE_TABS.length
        : e.key === 'ArrowLeft'
          ? (at + last) % EXCHANGE_TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    const tab = next === null ? undefined : EXCHANGE_TABS[next];
    if (!tab) return;
    e.preventDefault();
    select(tab, true);
  };

  return (
    <section className="screen exchange">
      <header className="toolbar">
        <h1>{t('nav.exchange')}</h1>
        {ledger.loading && ready && (
          <span className="muted" role="status">
            {t('exchange.loading')}
          </span>
        )}
      </header>
      <div className="tabs" role="tablist" aria-label={t('nav.exchange')} onKeyDown={onKeyDown}>
        {EXCHANGE_TABS.map((tab) => (
          <button
            key={tab}
            ref={(el) => {
              tabs.current[tab] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${tab}`}
            aria-selected={store.tab === tab}
            aria-controls={`${id}-panel-${tab}`}
            tabIndex={store.tab === tab ? 0 : -1}
            className={store.tab === tab ? 'tab active' : 'tab'}
            onClick={() => select(tab)}
          >
            {t(`exchange.tabs.${tab}`)}
          </button>
        ))}
      </div>
      {EXCHANGE_TABS.map((tab) => (
        <div
          key={tab}
          role="tabpanel"
          id={`${id}-panel-${tab}`}
          aria-labelledby={`${id}-tab-${tab}`}
          hidden={store.tab !== tab}
          className="tab-panel"
        >
          {tab === 'send' && <SendPanel ledger={ledger.data} />}
          {tab === 'receive' && <ReceivePanel onShowLedger={() => select('ledger')} />}
          {tab === 'ledger' && (
            <LedgerPanel
              ledger={ledger.data}
              error={ledger.error}
              year={ledgerYear}
              onYear={store.setLedgerYear}
            />
          )}
        </div>
      ))}
    </section>
  );
}
