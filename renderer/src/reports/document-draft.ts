// The report document as the user is editing it, kept apart from what the data would write.
// `base` is the default the edits started from (defaultReportDocument of a report); when the
// report changes (another year, scope or style), every field the user left as it was follows the
// new default and every field the user typed in is kept: changing a control never loses text.
import type { MethodInput } from '../../../shared/contract';
import type { ReportDocument } from '../../../shared/methods/reports';
import { RESULTS_SECTION } from '../../../shared/domain/report-document';
import { formatDateVi } from '../../../shared/domain/years';

/** The form's values: the document with its date as typed (dd/mm/yyyy, '' for a blank date). */
export type DocumentFields = Omit<ReportDocument, 'date'> & { date: string };

export interface DocumentDraft {
  base: DocumentFields;
  value: DocumentFields;
}

export function fieldsOf(document: ReportDocument): DocumentFields {
  return { ...document, date: formatDateVi(document.date) };
}

/**
 * The contract's document: the date as typed (the schema reads dd/mm/yyyy), blank as null; the
 * blank lines of "Nơi nhận" (kept in the form while typing) left out.
 */
export function documentInput(fields: DocumentFields): MethodInput<'reports.export'>['document'] {
  return {
    ...fields,
    date: fields.date.trim() === '' ? null : fields.date.trim(),
    recipients: fields.recipients.filter((line) => line.trim() !== ''),
  };
}

export function newDraft(base: DocumentFields): DocumentDraft {
  return { base, value: base };
}

/** `mine` if the user changed it from `before`, else the new default `after`. */
function keep<T>(mine: T, before: T, after: T): T {
  return JSON.stringify(mine) === JSON.stringify(before) ? after : mine;
}

/** The draft against a new default: untouched fields follow it, edited ones stay. */
export function rebaseDraft(draft: DocumentDraft, next: DocumentFields): DocumentDraft {
  const { base, value } = draft;
  const field = <K extends keyof DocumentFields>(k: K) => keep(value[k], base[k], next[k]);
  const sameShape =
    value.sections.length === base.sections.length && base.sections.length === next.sections.length;
  return {
    base: next,
    value: {
      superiorBody: field('superiorBody'),
      issuingBody: field('issuingBody'),
      numberSuffix: field('numberSuffix'),
      place: field('place'),
      date: field('date'),
      subject: field('subject'),
      sections: sameShape
        ? value.sections.map((mine, i) => {
            const before = base.sections[i] ?? mine;
            const after = next.sections[i] ?? mine;
            return {
              heading: keep(mine.heading, before.heading, after.heading),
              body: keep(mine.body, before.body, after.body),
            };
          })
        : value.sections,
      signature: {
        onBehalf: keep(value.signature.onBehalf, base.signature.onBehalf, next.signature.onBehalf),
        role: keep(value.signature.role, base.signature.role, next.signature.role),
        name: keep(value.signature.name, base.signature.name, next.signature.name),
      },
      recipients: field('recipients'),
      tableNumber: field('tableNumber'),
    },
  };
}

/** The results section's text: the summary the screen shows and the document carries. */
export function summaryOf(fields: DocumentFields): string {
  return fields.sections[RESULTS_SECTION]?.body ?? '';
}

export function withSummary(fields: DocumentFields, text: string): DocumentFields {
  return {
    ...fields,
    sections: fields.sections.map((s, i) => (i === RESULTS_SECTION ? { ...s, body: text } : s)),
  };
}

/** Whether the user changed the summary from the one written from the figures. */
export function summaryEdited(draft: DocumentDraft): boolean {
  return summaryOf(draft.value) !== summaryOf(draft.base);
}

/** The summary written afresh from the figures, the rest of the document as the user left it. */
export function regenerateSummary(draft: DocumentDraft): DocumentDraft {
  return { ...draft, value: withSummary(draft.value, summaryOf(draft.base)) };
}
