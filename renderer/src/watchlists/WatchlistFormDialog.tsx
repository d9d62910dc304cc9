// A list's decision: title, number, date, issuing committee (a unit of the register), the
// year(s) it covers, purpose, and the list it adds to. Creates a list, or changes one.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MethodInput, Watchlist } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { formatDateVi } from '../../../shared/domain/years';
import { call, errorMessage } from '../api/client';
import { useAppStore } from '../stores/app';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Buttons, ServerError, emptyToNull } from '../ui/FormParts';
import { DATE_INPUT } from '../ui/dates';
import { UnitPicker } from '../units/UnitPicker';
import { yearOrUnknown } from '../units/UnitFormDialog';

type Values = MethodInput<'watchlists.create'>;

interface Props {
  /** The list to change; absent to create one. */
  list?: Watchlist;
  /** Every list, for "the list it adds to". */
  lists: readonly Watchlist[];
  onClose: () => void;
  onSaved: (id: string) => void;
}

export function WatchlistFormDialog({ list, lists, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const appYear = useAppStore((s) => s.year);
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(contract['watchlists.create'].input),
    defaultValues: {
      title: list?.title ?? '',
      number: list?.number ?? '',
      decidedOn: list?.decidedOn ? formatDateVi(list.decidedOn) : null,
      issuerId: list?.issuerId ?? info?.ownUnitId ?? '',
      year: list?.year ?? appYear,
      toYear: list?.toYear ?? null,
      purpose: list?.purpose ?? '',
      extendsId: list?.extendsId ?? null,
    },
  });
  const errors = form.formState.errors;
  const typedYear = form.watch('year');
  const pickerYear = Number.isInteger(typedYear) ? typedYear : appYear;
  const others = lists.filter((l) => l.id !== list?.id);

  const submit = form.handleSubmit(async (values) => {
    setServerError(null);
    try {
      const saved = list
        ? await call('watchlists.update', { id: list.id, ...values })
        : await call('watchlists.create', values);
      onSaved(saved.id);
    } catch (e) {
      setServerError(errorMessage(e));
    }
  });

  return (
    <Dialog title={t(list ? 'watchlists.editTitle' : 'watchlists.createTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field label={t('watchlists.form.title')} error={errors.title?.message}>
          <input {...form.register('title')} />
        </Field>
        <div className="row">
          <Field
            label={t('watchlists.form.number')}
            hint={t('form.basisHint')}
            error={errors.number?.message}
          >
            <input {...form.register('number')} />
          </Field>
          <Field label={t('watchlists.form.decidedOn')} error={errors.decidedOn?.message}>
            <input {...DATE_INPUT} {...form.register('decidedOn', { setValueAs: emptyToNull })} />
          </Field>
        </div>
        <div className="row">
          <Field label={t('watchlists.form.year')} error={errors.year?.message}>
            <input type="number" {...form.register('year', { valueAsNumber: true })} />
          </Field>
          <Field
            label={t('watchlists.form.toYear')}
            hint={t('watchlists.form.toYearHint')}
            error={errors.toYear?.message}
          >
            <input type="number" {...form.register('toYear', { setValueAs: yearOrUnknown })} />
          </Field>
        </div>
        <Controller
          control={form.control}
          name="issuerId"
          render={({ field, fieldState }) => (
            <>
              <UnitPicker
                label={t('watchlists.form.issuer')}
                year={pickerYear}
                value={field.value || null}
                onChange={(id) => field.onChange(id ?? '')}
                initialName={
                  list?.issuerName ?? (field.value === info?.ownUnitId ? info?.ownUnitName : null)
                }
              />
              {fieldState.error && (
                <span className="field-error" role="alert">
                  {t('watchlists.form.noIssuer')}
                </span>
              )}
            </>
          )}
        />
        <Field label={t('watchlists.form.extends')} hint={t('watchlists.form.extendsHint')}>
          <select {...form.register('extendsId', { setValueAs: emptyToNull })}>
            <option value="">{t('watchlists.form.extendsNone')}</option>
            {others.map((l) => (
              <option key={l.id} value={l.id}>
                {l.number ? `${l.number} — ` : ''}
                {l.title} ({l.issuerName})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('watchlists.form.purpose')} error={errors.purpose?.message}>
          <textarea rows={3} {...form.register('purpose')} />
        </Field>
        <ServerError message={serverError} />
        <Buttons busy={form.formState.isSubmitting} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
