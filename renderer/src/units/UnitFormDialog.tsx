import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MethodInput, UnitDetail } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { UNIT_KINDS, UNIT_SECTORS } from '../../../shared/domain/units';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Buttons, ServerError, emptyToNull } from '../ui/FormParts';
import { LabelledOptions } from '../ui/LabelledOptions';
import { UnitPicker } from './UnitPicker';

/** Kind and sector selects, shared by the create and correction forms. */
function KindSectorFields(props: { kind: UseFormRegisterReturn; sector: UseFormRegisterReturn }) {
  const { t } = useTranslation();
  return (
    <div className="row">
      <Field label={t('form.kind')}>
        <select {...props.kind}>
          <LabelledOptions values={UNIT_KINDS} group="kinds" />
        </select>
      </Field>
      <Field label={t('form.sector')}>
        <select {...props.sector}>
          <option value="">{t('form.sectorNone')}</option>
          <LabelledOptions values={UNIT_SECTORS} group="sectors" />
        </select>
      </Field>
    </div>
  );
}

export function CreateUnitDialog(props: {
  year: number;
  parentId: string | null;
  parentName: string | null;
  onClose: () => void;
  onSaved: (detail: UnitDetail) => void;
}) {
  const { t } = useTranslation();
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<MethodInput<'units.create'>>({
    resolver: zodResolver(contract['units.create'].input),
    defaultValues: {
      name: '',
      code: '',
      kind: 'base_committee',
      sector: null,
      parentId: props.parentId,
      fromYear: props.year,
      foundedOn: null,
      basis: '',
    },
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit(async (values) => {
    setServerError(null);
    try {
      props.onSaved(await call('units.create', values));
    } catch (e) {
      setServerError(errorMessage(e));
    }
  });
  const fromYear = form.watch('fromYear');
  return (
    <Dialog title={t('form.createTitle')} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <Field label={t('form.name')} error={errors.name?.message}>
          <input {...form.register('name')} />
        </Field>
        <div className="row">
          <Field label={t('form.code')} error={errors.code?.message}>
            <input {...form.register('code')} />
          </Field>
          <Field label={t('form.fromYear')} error={errors.fromYear?.message}>
            <input type="number" {...form.register('fromYear', { valueAsNumber: true })} />
          </Field>
          <Field label={t('form.foundedOn')} error={errors.foundedOn?.message}>
            <input
              placeholder="dd/mm/yyyy"
              inputMode="numeric"
              {...form.register('foundedOn', { setValueAs: emptyToNull })}
            />
          </Field>
        </div>
        <KindSectorFields
          kind={form.register('kind')}
          sector={form.register('sector', { setValueAs: emptyToNull })}
        />
        <Controller
          control={form.control}
          name="parentId"
          render={({ field }) => (
            <UnitPicker
              label={t('form.parent')}
              noneLabel={t('form.parentNone')}
              year={Number.isFinite(fromYear) ? fromYear : props.year}
              value={field.value ?? null}
              onChange={field.onChange}
              initialName={props.parentName}
            />
          )}
        />
        <Field label={t('form.basis')} hint={t('form.basisHint')} error={errors.basis?.message}>
          <input {...form.register('basis')} />
        </Field>
        <ServerError message={serverError} />
        <Buttons busy={form.formState.isSubmitting} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}

export function CorrectUnitDialog(props: {
  detail: UnitDetail;
  onClose: () => void;
  onSaved: (d: UnitDetail) => void;
}) {
  const { t } = useTranslation();
  const [serverError, setServerError] = useState<string | null>(null);
  const c = props.detail.current;
  const form = useForm<MethodInput<'units.correct'>>({
    resolver: zodResolver(contract['units.correct'].input),
    defaultValues: {
      id: c.id,
      versionId: c.versionId,
      name: c.name,
      code: c.code ?? '',
      kind: c.kind,
      sector: c.sector,
      officialOrder: c.officialOrder,
    },
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit(async (values) => {
    setServerError(null);
    try {
      props.onSaved(await call('units.correct', values));
    } catch (e) {
      setServerError(errorMessage(e));
    }
  });
  return (
    <Dialog title={t('form.correctTitle')} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <p className="hint">{t('form.correctHint')}</p>
        <Field label={t('form.name')} error={errors.name?.message}>
          <input {...form.register('name')} />
        </Field>
        <div className="row">
          <Field label={t('form.code')} error={errors.code?.message}>
            <input {...form.register('code')} />
          </Field>
          <Field
            label={t('form.officialOrder')}
            hint={t('form.officialOrderHint')}
            error={errors.officialOrder?.message}
          >
            <input
              type="number"
              min={1}
              {...form.register('officialOrder', {
                setValueAs: (v: unknown) => (v === '' || v === null ? null : Number(v)),
              })}
            />
          </Field>
        </div>
        <KindSectorFields
          kind={form.register('kind')}
          sector={form.register('sector', { setValueAs: emptyToNull })}
        />
        <ServerError message={serverError} />
        <Buttons busy={form.formState.isSubmitting} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
