// Cài đặt → Giới hạn tỷ lệ HTXSNV: per rating scale, whether the quota applies and on which base.
// From 2025 it applies by default (QĐ 366 Điều 11); before, no cap for organisations was found
// in the texts, so it is off until switched on here. Stored in the data file; every change audited.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuotaSettingRow } from '../../../shared/contract';
import type { QuotaBase } from '../../../shared/domain/scales';
import { QUOTA_BASES } from '../../../shared/domain/scales';
import { call, errorMessage } from '../api/client';
import { useCall } from '../hooks/useCall';

export function QuotaSettings() {
  const { t } = useTranslation();
  const loaded = useCall('ratings.quotas', {});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rows = loaded.data ?? [];

  const change = async (row: QuotaSettingRow, enabled: boolean, base: QuotaBase) => {
    setBusy(true);
    try {
      await call('ratings.setQuota', { scaleId: row.scaleId, enabled, base });
      setStatus(t('settings.quotaSaved', { name: row.scaleName }));
    } catch (e) {
      setStatus(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="quota-settings" aria-labelledby="quota-title">
      <h2 id="quota-title">{t('settings.quotaTitle')}</h2>
      <p className="muted">{t('settings.quotaIntro')}</p>
      <table className="small-table">
        <thead>
          <tr>
            <th>{t('settings.quotaScale')}</th>
            <th>{t('settings.quotaApply')}</th>
            <th>{t('settings.quotaBaseLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.scaleId}>
              <td>
                <strong>{row.scaleName}</strong>
                <br />
                <span className="muted">
                  {row.outstandingPercent === null
                    ? t('settings.quotaRule', { percent: row.percent })
                    : t('settings.quotaRuleOutstanding', {
                        percent: row.percent,
                        outstanding: row.outstandingPercent,
                      })}
                  {' — '}
                  {row.basis}.{' '}
                  {t(row.enabledByDefault ? 'settings.quotaDefaultOn' : 'settings.quotaDefaultOff')}
                </span>
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${t('settings.quotaApply')}: ${row.scaleName}`}
                  checked={row.enabled}
                  disabled={busy}
                  onChange={(e) => void change(row, e.target.checked, row.base)}
                />
              </td>
              <td>
                <select
                  aria-label={`${t('settings.quotaBaseLabel')}: ${row.scaleName}`}
                  value={row.base}
                  disabled={busy || !row.enabled}
                  onChange={(e) => {
                    const base = QUOTA_BASES.find((b) => b === e.target.value);
                    if (base) void change(row, row.enabled, base);
                  }}
                >
                  {QUOTA_BASES.map((base) => (
                    <option key={base} value={base}>
                      {t(`settings.quotaBases.${base}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status">{loaded.error ?? status ?? ''}</p>
    </section>
  );
}
