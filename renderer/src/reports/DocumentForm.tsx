// "Văn bản báo cáo": the parts of the party report (Hướng dẫn 36-HD/VPTW) the user completes
// before exporting: header lines, place and date, subject, the Roman-numbered sections, the
// signature block and "Nơi nhận". The number is never asked for: the clerk writes it. The
// results section is the summary above (one text, edited in either place).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDate } from '../../../shared/domain/years';
import { RESULTS_SECTION } from '../../../shared/domain/report-document';
import { SECTION_BODY_MAX, SECTION_HEADING_MAX } from '../../../shared/methods/report-document';
import { DATE_INPUT } from '../ui/dates';
import { Field } from '../ui/Field';
import type { DocumentFields } from './document-draft';

interface Props {
  value: DocumentFields;
  onChange: (value: DocumentFields) => void;
  /** The export buttons, shown above the form. */
  actions: ReactNode;
}

/** The date field's message: a blank date is fine (written by hand), a wrong one is not. */
export function dateProblem(text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseDate(text.trim());
  return parsed.ok ? null : parsed.message;
}

export function DocumentForm({ value, onChange, actions }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof DocumentFields>(key: K, v: DocumentFields[K]) =>
    onChange({ ...value, [key]: v });
  const setSection = (index: number, part: 'heading' | 'body', text: string) =>
    set(
      'sections',
      value.sections.map((s, i) => (i === index ? { ...s, [part]: text } : s)),
    );
  const setSignature = (part: keyof DocumentFields['signature'], text: string) =>
    set('signature', { ...value.signature, [part]: text });
  const text = (
    key: 'superiorBody' | 'issuingBody' | 'numberSuffix' | 'place' | 'subject' | 'tableNumber',
    max: number,
  ) => <input value={value[key]} maxLength={max} onChange={(e) => set(key, e.target.value)} />;
  const title = t('reports.document.title');
  return (
    <section className="report-section document-form" aria-label={title}>
      <div className="section-head">
        <h2>{title}</h2>
        {actions}
      </div>
      <p className="hint">{t('reports.document.intro')}</p>
      <div className="document-grid">
        <fieldset>
          <legend>{t('reports.document.header')}</legend>
          <Field label={t('reports.document.superiorBody')}>{text('superiorBody', 200)}</Field>
          <Field label={t('reports.document.issuingBody')}>{text('issuingBody', 200)}</Field>
          <Field label={t('reports.document.numberSuffix')} hint={t('reports.document.numberHint')}>
            {text('numberSuffix', 60)}
          </Field>
          <div className="row">
            <Field label={t('reports.document.place')}>{text('place', 100)}</Field>
            <Field
              label={t('reports.document.date')}
              error={dateProblem(value.date) ?? undefined}
              hint={t('reports.document.dateHint')}
            >
              <input
                {...DATE_INPUT}
                value={value.date}
                onChange={(e) => set('date', e.target.value)}
              />
            </Field>
          </div>
          <Field label={t('reports.document.subject')}>{text('subject', 500)}</Field>
        </fieldset>
        <fieldset>
          <legend>{t('reports.document.signing')}</legend>
          <Field label={t('reports.document.onBehalf')}>
            <input
              value={value.signature.onBehalf}
              maxLength={200}
              onChange={(e) => setSignature('onBehalf', e.target.value)}
            />
          </Field>
          <div className="row">
            <Field label={t('reports.document.role')}>
              <input
                value={value.signature.role}
                maxLength={200}
                onChange={(e) => setSignature('role', e.target.value)}
              />
            </Field>
            <Field label={t('reports.document.signer')}>
              <input
                value={value.signature.name}
                maxLength={200}
                onChange={(e) => setSignature('name', e.target.value)}
              />
            </Field>
          </div>
          <Field
            label={t('reports.document.recipients')}
            hint={t('reports.document.recipientsHint')}
          >
            <textarea
              rows={3}
              value={value.recipients.join('\n')}
              onChange={(e) => set('recipients', e.target.value.split('\n'))}
            />
          </Field>
          <Field
            label={t('reports.document.tableNumber')}
            hint={t('reports.document.tableNumberHint')}
          >
            {text('tableNumber', 30)}
          </Field>
        </fieldset>
      </div>
      <fieldset className="document-sections">
        <legend>{t('reports.document.sections')}</legend>
        {value.sections.map((section, i) => (
          <div key={i} className="document-section">
            <Field label={t('reports.document.heading', { n: i + 1 })}>
              <input
                value={section.heading}
                maxLength={SECTION_HEADING_MAX}
                onChange={(e) => setSection(i, 'heading', e.target.value)}
              />
            </Field>
            <Field
              label={t('reports.document.body', { n: i + 1 })}
              hint={
                i === RESULTS_SECTION
                  ? t('reports.document.resultsHint')
                  : section.body.trim() === ''
                    ? t('reports.document.blankHint')
                    : undefined
              }
            >
              <textarea
                rows={i === RESULTS_SECTION ? 7 : 3}
                value={section.body}
                maxLength={SECTION_BODY_MAX}
                onChange={(e) => setSection(i, 'body', e.target.value)}
              />
            </Field>
          </div>
        ))}
      </fieldset>
    </section>
  );
}
