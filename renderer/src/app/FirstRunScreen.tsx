import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { UNIT_KINDS, UNIT_SECTORS } from '../../../shared/domain/units';
import { call, errorMessage } from '../api/client';
import { Field } from '../ui/Field';
import { emptyToNull } from '../ui/FormParts';
import { useAppStore } from '../stores/app';
import { LabelledOptions } from '../ui/LabelledOptions';
import { yearOrUnknown } from '../units/UnitFormDialog';
import { SampleLoader } from './SampleLoader';

type SetupValues = MethodInput<'setup.complete'>;

export function FirstRunScreen() {
  const { t } = useTranslation();
  const setInfo = useAppStore((s) => s.setInfo);
  const [error, setError] = useState<string | null>(null);
  const [sampleBusy, setSampleBusy] = useState(false);
  const form = useForm<SetupValues>({
    resolver: zodResolver(contract['setup.complete'].input),
    defaultValues: {
      operatorName: '',
      ownUnit: {
        mode: 'new',
        name: '',
        code: '',
        // Most installations are commune offices, whose own unit is a đảng bộ cơ sở; the own
        // unit already exists, so its founding year is usually not known.
        kind: 'base_committee',
        sector: null,
        fromYear: null,
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
          <Field label={t('form.sector')}>
            <select {...form.register('ownUnit.sector', { setValueAs: emptyToNull })}>
              <option value="">{t('form.sectorNone')}</option>
              <LabelledOptions values={UNIT_SECTORS} group="sectors" />
            </select>
          </Field>
        </div>
        <div className="row">
          <Field label={t('form.code')} error={unitErrors?.code?.message}>
            <input {...form.register('ownUnit.code')} />
          </Field>
          <Field
            label={t('form.fromYear')}
            hint={t('form.fromYearHint')}
            error={unitErrors?.fromYear?.message}
          >
            <input
              type="number"
              inputMode="numeric"
              placeholder={t('form.fromYearUnknown')}
              {...form.register('ownUnit.fromYear', { setValueAs: yearOrUnknown })}
            />
          </Field>
        </div>
        <p className="hint">{t('firstRun.parentLater')}</p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={form.formState.isSubmitting || sampleBusy}
        >
          {t('firstRun.submit')}
        </button>
        <SampleLoader
          operatorName={() => form.getValues('operatorName')}
          disabled={form.formState.isSubmitting}
          onBusy={setSampleBusy}
        />
      </form>
    </main>
  );
}
