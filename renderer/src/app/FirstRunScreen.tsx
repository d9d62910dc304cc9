import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { UNIT_KINDS } from '../../../shared/domain/units';
import { call, errorMessage } from '../api/client';
import { Field } from '../ui/Field';
import { useAppStore } from '../stores/app';
import { LabelledOptions } from '../ui/LabelledOptions';

type SetupValues = MethodInput<'setup.complete'>;

/** Years before the oldest rating scale rarely matter; the operator can choose another. */
const DEFAULT_FROM_YEAR = 2008;

export function FirstRunScreen() {
  const { t } = useTranslation();
  const setInfo = useAppStore((s) => s.setInfo);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SetupValues>({
    resolver: zodResolver(contract['setup.complete'].input),
    defaultValues: {
      operatorName: '',
      ownUnit: {
        mode: 'new',
        name: '',
        code: '',
        kind: 'upper_committee',
        sector: null,
        fromYear: DEFAULT_FROM_YEAR,
      },
    },
  });
  const errors = form.formState.errors;
  const unitErrors = errors.ownUnit as Partial<Record<string, { message?: string }>> | undefined;

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      setInfo(await call('setup.complete', values));
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  return (
    <main className="center-page">
      <form className="card first-run" onSubmit={submit} noValidate>
        <h1>{t('firstRun.title')}</h1>
        <p>{t('firstRun.intro')}</p>
        <Field label={t('firstRun.operatorName')} error={errors.operatorName?.message}>
          <input autoFocus autoComplete="name" {...form.register('operatorName')} />
        </Field>
        <Field
          label={t('firstRun.ownUnit')}
          error={unitErrors?.name?.message}
          hint={t('firstRun.ownUnitHint')}
        >
          <input {...form.register('ownUnit.name')} />
        </Field>
        <div className="row">
          <Field label={t('form.kind')}>
            <select {...form.register('ownUnit.kind')}>
              <LabelledOptions values={UNIT_KINDS} group="kinds" />
            </select>
          </Field>
          <Field label={t('form.code')} error={unitErrors?.code?.message}>
            <input {...form.register('ownUnit.code')} />
          </Field>
          <Field label={t('form.fromYear')} error={unitErrors?.fromYear?.message}>
            <input type="number" {...form.register('ownUnit.fromYear', { valueAsNumber: true })} />
          </Field>
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
          {t('firstRun.submit')}
        </button>
      </form>
    </main>
  );
}
