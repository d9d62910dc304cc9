// "Xuất Excel", "Xuất Word", "Xuất PDF": the report written by the backend from the same query
// and the document as edited, then offered for saving. One export at a time; what is running is
// said, a refusal is said in Vietnamese, and the form keeps everything typed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';
import { printPdf, saveFile } from '../api/files';
import type { DocumentFields } from './document-draft';
import { documentInput } from './document-draft';
import { dateProblem } from './DocumentForm';

export const EXPORTS = ['xlsx', 'docx', 'pdf'] as const;
export type ExportKind = (typeof EXPORTS)[number];

type Outcome = { kind: 'success' | 'muted' | 'error'; text: string };

interface Props {
  query: MethodInput<'reports.progress'>;
  document: DocumentFields;
  /** While the report for the current choices is still being made. */
  disabled: boolean;
}

/** "Bao-cao-2017-….html" → "Bao-cao-2017-….pdf". */
export function pdfName(pageName: string): string {
  return `${pageName.replace(/\.html?$/i, '')}.pdf`;
}

/**
 * Writes one export and offers it for saving. A PDF is the report's HTML page printed by the
 * host (Electron's printToPDF, the preview host's Chromium), then saved like the others.
 */
async function runExport(
  kind: ExportKind,
  query: MethodInput<'reports.progress'>,
  document: DocumentFields,
): Promise<{ saved: boolean; name: string }> {
  const written = await call('reports.export', {
    ...query,
    format: kind === 'pdf' ? 'html' : kind,
    document: documentInput(document),
  });
  if (kind !== 'pdf') {
    return {
      saved: await saveFile(written.file, written.suggestedName),
      name: written.suggestedName,
    };
  }
  const pdf = await printPdf(written.file);
  const name = pdfName(written.suggestedName);
  return { saved: await saveFile(pdf, name), name };
}

export function ExportBar({ query, document, disabled }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const invalidDate = dateProblem(document.date);
  const start = async (kind: ExportKind) => {
    if (busy || disabled) return;
    if (invalidDate) {
      setOutcome({ kind: 'error', text: t('reports.export.fixDate', { problem: invalidDate }) });
      return;
    }
    setBusy(kind);
    setOutcome(null);
    try {
      const { saved, name } = await runExport(kind, query, document);
      setOutcome(
        saved
          ? { kind: 'success', text: t('reports.export.saved', { name }) }
          : { kind: 'muted', text: t('reports.export.cancelled') },
      );
    } catch (e) {
      setOutcome({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="export-bar" aria-busy={busy !== null}>
      {EXPORTS.map((kind) => (
        <button
          key={kind}
          type="button"
          className={kind === 'docx' ? 'primary' : undefined}
          disabled={busy !== null || disabled}
          onClick={() => void start(kind)}
        >
          {t(`reports.export.${kind}`)}
        </button>
      ))}
      {busy && (
        <span className="muted" role="status">
          {t('reports.export.busy', { format: t(`reports.export.formats.${busy}`) })}
        </span>
      )}
      {outcome && (
        <span className={outcome.kind} role={outcome.kind === 'error' ? 'alert' : 'status'}>
          {outcome.text}
        </span>
      )}
    </div>
  );
}
