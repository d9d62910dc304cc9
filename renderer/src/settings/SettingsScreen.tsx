import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { MethodInput } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';
import { Field } from '../ui/Field';
import { useAppStore } from '../stores/app';
import { AuditCheck } from './AuditCheck';
import { BackupSettings } from './BackupSettings';
import { QuotaSettings } from './QuotaSettings';

export function SettingsScreen() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const setInfo = useAppStore((s) => s.setInfo);
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<MethodInput<'settings.setOperator'>>({
    resolver: zodResolver(contract['settings.setOperator'].input),
    defaultValues: { operatorName: info?.operatorName ?? '' },
  });
  if (!info) return null;

  const submit = form.handleSubmit(async (values) => {
    try {
      setInfo(await call('settings.setOperator', values));
      setStatus(t('form.saved'));
    } catch (e) {
      setStatus(errorMessage(e));
    }
  });

  return (
    <section className="screen">
      <h1>{t('settings.title')}</h1>
      <dl className="facts">
        <dt>{t('settings.dataDir')}</dt>
        <dd data-testid="data-dir">{info.dataDir}</dd>
        <dt>{t('settings.dbPath')}</dt>
        <dd>{info.dbPath}</dd>
        <dt>{t('settings.operator')}</dt>
        <dd data-testid="operator">{info.operatorName}</dd>
        <dt>{t('settings.ownUnit')}</dt>
        <dd>{info.ownUnitName}</dd>
        <dt>{t('settings.installation')}</dt>
        <dd>{info.installationId}</dd>
        <dt>{t('settings.version')}</dt>
        <dd>
          {info.appVersion} (CSDL {info.schemaVersion})
        </dd>
      </dl>
      <form className="inline-form" onSubmit={submit} noValidate>
        <Field
          label={t('settings.changeOperator')}
          error={form.formState.errors.operatorName?.message}
        >
          <input {...form.register('operatorName')} />
        </Field>
        <button type="submit" disabled={form.formState.isSubmitting}>
          {t('form.save')}
        </button>
        {status && <span role="status">{status}</span>}
      </form>
      <QuotaSettings />
      <BackupSettings />
      <AuditCheck />
    </section>
  );
}
