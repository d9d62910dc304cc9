// Cài đặt → Kiểm tra nhật ký: walks the audit log's hash chain and says whether anyone edited
// it outside the app (the first broken row: when, by whom, about what), as `tccsd audit verify`.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerification } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';

export function AuditCheck() {
  const { t } = useTranslation();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await call('audit.verify', {}));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="audit-check" aria-labelledby="audit-check-title">
      <h2 id="audit-check-title">{t('settings.auditCheckTitle')}</h2>
      <p className="hint">{t('settings.auditCheckIntro')}</p>
      <button type="button" onClick={() => void check()} disabled={busy}>
        {busy ? t('settings.auditChecking') : t('settings.auditCheck')}
      </button>
      {result && (
        <p role="status" className={result.ok ? 'audit-ok' : 'audit-broken error'}>
          {result.summary}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
