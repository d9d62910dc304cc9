import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MethodInput, UnitDetail } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { UNIT_KINDS, UNIT_SECTORS } from '../../../shared/domain/units';
import { currentYear } from '../../../shared/domain/years';
import type { AppErrorShape } from '../../../shared/errors';
import { call } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Buttons, emptyToNull } from '../ui/FormParts';
import { LabelledOptions } from '../ui/LabelledOptions';
import { RefusalNotice, refusalOf } from './RefusalNotice';
import { UnitPicker } from './UnitPicker';

/** A blank year field means "not known" (có từ trước); anything else is the year typed. */
export const yearOrUnknown = (v: unknown) =>
  v === '' || v === null || v === undefined ? null : Number(v);

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

/** The founding year, blank when not known: the default for units that already exist. */
function FoundedYearField(props: { field: UseFormRegisterReturn; error: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Field label={t('form.fromYear')} hint={t('form.fromYearHint')} error={props.error}>
      <input
        type="number"
        inputMode="numeric"
        placeholder={t('form.fromYearUnknown')}
        {...props.field}
      />
    </Field>
  );
}

/**
 * Sends a form's values and keeps the refusal to show; `confirm` sends the same values again
 * with the duplicate name confirmed, the one refusal a person may overrule.
 */
function useRegisterCall<V extends { allowDuplicateName?: boolean | undefined }>(
  send: (values: V) => Promise<void>,
) {
  const [refusal, setRefusal] = useState<AppErrorShape | null>(null);
  const run = async (values: V) => {
    setRefusal(null);
    try {
      await send(values);
    } catch (e) {
      setRefusal(refusalOf(e));
    }
  };
  return {
    refusal,
    submit: run,
    confirm: (values: V) => run({ ...values, allowDuplicateName: true }),
  };
}

export function CreateUnitDialog(props: {
  year: number;
  parentId: string | null;
  parentName: string | null;
  onClose: () => void;
  onSaved: (detail: UnitDetail) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<MethodInput<'units.create'>>({
    resolver: zodResolver(contract['units.create'].input),
    defaultValues: {
      name: '',
      code: '',
      kind: 'base_committee',
      sector: null,
      parentId: props.parentId,
      // Units registered here mostly exist already: their founding year is rarely known.
      fromYear: null,
      foundedOn: null,
      basis: '',
    },
  });
  const errors = form.formState.errors;
  const { refusal, submit, confirm } = useRegisterCall(
    async (values: MethodInput<'units.create'>) =>
      props.onSaved(await call('units.create', values)),
  );
  const fromYear = form.watch('fromYear');
  return (
    <Dialog title={t('form.createTitle')} onClose={props.onClose}>
      <form onSubmit={form.handleSubmit(submit)} noValidate>
        <Field label={t('form.name')} error={errors.name?.message}>
          <input {...form.register('name')} />
        </Field>
        <div className="row">
          <Field label={t('form.code')} error={errors.code?.message}>
            <input {...form.register('code')} />
          </Field>
          <FoundedYearField
            field={form.register('fromYear', { setValueAs: yearOrUnknown })}
            error={errors.fromYear?.message}
          />
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
              year={
                typeof fromYear === 'number' && Number.isFinite(fromYear) ? fromYear : props.year
              }
              value={field.value ?? null}
              onChange={field.onChange}
              initialName={props.parentName}
            />
          )}
        />
        <Field label={t('form.basis')} hint={t('form.basisHint')} error={errors.basis?.message}>
          <input {...form.register('basis')} />
        </Field>
        <RefusalNotice
          refusal={refusal}
          onConfirmDuplicate={() => void form.handleSubmit(confirm)()}
        />
        <Buttons busy={form.formState.isSubmitting} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}

/**
 * Đính chính: fixes what was recorded wrongly, the parent and the founding year included.
 * Nothing happened to the unit, so no lineage event is written.
 */
export function CorrectUnitDialog(props: {
  detail: UnitDetail;
  onClose: () => void;
  onSaved: (d: UnitDetail) => void;
}) {
  const { t } = useTranslation();
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
      parentId: c.parentId,
      foundedYear: props.detail.foundedYear,
      officialOrder: c.officialOrder,
    },
  });
  const errors = form.formState.errors;
  const { refusal, submit, confirm } = useRegisterCall(
    async (values: MethodInput<'units.correct'>) =>
      props.onSaved(await call('units.correct', values)),
  );
  // The parent must cover the whole version; the picker offers the units of its last year.
  const pickerYear = c.validTo ?? Math.max(c.validFrom, currentYear());
  return (
    <Dialog title={t('form.correctTitle')} onClose={props.onClose}>
      <form onSubmit={form.handleSubmit(submit)} noValidate>
        <p className="hint">{t('form.correctHint')}</p>
        <Field label={t('form.name')} error={errors.name?.message}>
          <input {...form.register('name')} />
        </Field>
        <div className="row">
          <Field label={t('form.code')} error={errors.code?.message}>
            <input {...form.register('code')} />
          </Field>
          <FoundedYearField
            field={form.register('foundedYear', { setValueAs: yearOrUnknown })}
            error={errors.foundedYear?.message}
          />
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
        <Controller
          control={form.control}
          name="parentId"
          render={({ field }) => (
            <UnitPicker
              label={t('form.parent')}
              noneLabel={t('form.parentNone')}
              year={pickerYear}
              value={field.value ?? null}
              onChange={field.onChange}
              excludeId={c.id}
              initialName={c.parentName}
            />
          )}
        />
        <RefusalNotice
          refusal={refusal}
          onConfirmDuplicate={() => void form.handleSubmit(confirm)()}
        />
        <Buttons busy={form.formState.isSubmitting} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
