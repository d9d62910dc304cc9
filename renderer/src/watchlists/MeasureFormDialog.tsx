// A measure's form (add or change) and the form that marks it done. The contract's own schemas
// check the fields (a due date before the start date is refused there); the backend refuses a
// done date after today by its clock, and its message is shown under the date.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Measure, MethodInput } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { MEASURE_KINDS, isoDay } from '../../../shared/domain/watchlists';
import { formatDateVi } from '../../../shared/domain/years';
import { AppError } from '../../../shared/errors';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Buttons, ServerError, emptyToNull } from '../ui/FormParts';
import { LabelledOptions } from '../ui/LabelledOptions';
import { DATE_INPUT } from '../ui/dates';

type Values = MethodInput<'measures.add'>;

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** "33-NQ/TU, 18-KL/TW" (commas, semicolons or lines) → the list of numbers. */
export function parseDocuments(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((d) => d.trim())
    .filter(Boolean);
}

/**
 * Adds a measure, or changes `measure`. Both are checked with the add schema (the same field
 * rules; the member is the measure's own), then sent as an add or as an update.
 */
export function MeasureFormDialog(props: {
  memberId: string;
  unitName: string;
  measure?: Measure;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { measure } = props;
  const [serverError, setServerError] = useState<string | null>(null);
  const [documents, setDocuments] = useState(measure?.documents.join(', ') ?? '');
  const form = useForm<Values>({
    resolver: zodResolver(contract['measures.add'].input),
    defaultValues: {
      memberId: props.memberId,
      kind: measure?.kind ?? 'assign_member',
      title: measure?.title ?? '',
      responsible: measure?.responsible ?? '',
      startOn: measure?.startOn ? formatDateVi(measure.startOn) : null,
      dueOn: measure?.dueOn ? formatDateVi(measure.dueOn) : null,
      // A done measure keeps "done" unless reopened (planned / in progress).
      status: measure?.status === 'done' ? undefined : (measure?.status ?? 'planned'),
      resultNote: measure?.resultNote ?? '',
      documents: measure?.documents ?? [],
    },
  });
  const errors = form.formState.errors;
  const documentsError =
    errors.documents?.message ?? errors.documents?.find?.((e) => e?.message)?.message;

  const send = async (values: Values) => {
    setServerError(null);
    try {
      if (measure) {
        const { memberId: _memberId, ...fields } = values;
        await call('measures.update', { id: measure.id, ...fields });
      } else {
        await call('measures.add', values);
      }
      props.onClose();
    } catch (e) {
      setServerError(errorMessage(e));
    }
  };

  return (
    <Dialog
      title={t(measure ? 'measures.editTitle' : 'measures.addTitle', { name: props.unitName })}
      onClose={props.onClose}
      wide
    >
      <form
        onSubmit={(e) => {
          form.setValue('documents', parseDocuments(documents));
          void form.handleSubmit(send)(e);
        }}
        noValidate
      >
        <div className="row">
          <Field label={t('measures.kind')} error={errors.kind?.message}>
            <select {...form.register('kind')}>
              <LabelledOptions values={MEASURE_KINDS} group="measureKinds" />
            </select>
          </Field>
          <Field label={t('measures.status')} error={errors.status?.message}>
            <select {...form.register('status', { setValueAs: emptyToUndefined })}>
              {measure?.status === 'done' && <option value="">{t('measureStatuses.done')}</option>}
              <option value="planned">{t('measureStatuses.planned')}</option>
              <option value="in_progress">{t('measureStatuses.in_progress')}</option>
            </select>
          </Field>
        </div>
        <Field label={t('measures.titleField')} error={errors.title?.message}>
          <input {...form.register('title')} />
        </Field>
        <div className="row">
          <Field label={t('measures.responsible')} error={errors.responsible?.message}>
            <input {...form.register('responsible')} />
          </Field>
          <Field label={t('measures.start')} error={errors.startOn?.message}>
            <input {...DATE_INPUT} {...form.register('startOn', { setValueAs: emptyToNull })} />
          </Field>
          <Field label={t('measures.due')} error={errors.dueOn?.message}>
            <input {...DATE_INPUT} {...form.register('dueOn', { setValueAs: emptyToNull })} />
          </Field>
        </div>
        <Field label={t('measures.result')} error={errors.resultNote?.message}>
          <textarea rows={2} {...form.register('resultNote')} />
        </Field>
        <Field
          label={t('measures.documents')}
          hint={t('measures.documentsHint')}
          error={documentsError}
        >
          <input value={documents} onChange={(e) => setDocuments(e.target.value)} />
        </Field>
        <ServerError message={serverError} />
        <Buttons busy={form.formState.isSubmitting} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}

type DoneValues = MethodInput<'measures.complete'>;

/** Marks a measure done on a date (today by default) with what came of it. */
export function CompleteMeasureDialog(props: { measure: Measure; onClose: () => void }) {
  const { t } = useTranslation();
  const { measure } = props;
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<DoneValues>({
    resolver: zodResolver(contract['measures.complete'].input),
    defaultValues: {
      id: measure.id,
      doneOn: formatDateVi(isoDay(new Date())),
      resultNote: measure.resultNote ?? '',
    },
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit(async (values) => {
    setServerError(null);
    try {
      await call('measures.complete', values);
      props.onClose();
    } catch (e) {
      // The dates are the only thing the backend judges here (not after today, not before the
      // start): its message goes under the date.
      if (e instanceof AppError && e.code === 'INVALID_INPUT') {
        form.setError('doneOn', { message: e.message });
      } else {
        setServerError(errorMessage(e));
      }
    }
  });
  return (
    <Dialog title={t('measures.completeTitle', { title: measure.title })} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <Field label={t('measures.doneOnField')} error={errors.doneOn?.message}>
          <input {...DATE_INPUT} {...form.register('doneOn')} />
        </Field>
        <Field label={t('measures.result')} error={errors.resultNote?.message}>
          <textarea rows={3} {...form.register('resultNote')} />
        </Field>
        <ServerError message={serverError} />
        <Buttons busy={form.formState.isSubmitting} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
