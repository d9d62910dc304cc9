// How `tccsd import` prints a preview (per file and in total: new, changed field by field,
// identical, conflicts, errors), the "same unit?" questions, an apply's result and an undo.
import type {
  ApplyResult,
  ChangeCounts,
  ExchangeBatch,
  ExchangePreview,
  FilePreview,
  RecordChange,
} from '../../shared/contract';
import { CONFLICT_REASON_LABELS, EXCHANGE_DIRECTION_LABELS } from '../../shared/methods/exchange';
import { formatDateVi } from '../../shared/domain/years';

/** Changes printed at most (conflicts first); the rest is counted. */
const SHOWN = 30;

function countsText(c: ChangeCounts): string {
  return (
    `mới ${c.new}; thay đổi ${c.changed}; giống hệt ${c.identical}; xung đột ${c.conflicts}; ` +
    `không nhận theo chiều gửi ${c.skipped}; lỗi ${c.errors}`
  );
}

function yearsText(years: { from: number; to: number } | null): string {
  if (!years) return 'mọi năm';
  return years.from === years.to ? `năm ${years.from}` : `các năm ${years.from}–${years.to}`;
}

function fileText(file: FilePreview): string[] {
  const lines = [`Tệp ${file.fileIndex + 1}: ${file.fileName}`];
  const { header } = file;
  if (header) {
    const sender = header.senderUnitName || header.installationName;
    lines.push(
      `  Gửi từ: ${sender} (tệp số ${header.sequence}, tạo ngày ${formatDateVi(header.createdAt)})` +
        (file.direction ? ` — ${EXCHANGE_DIRECTION_LABELS[file.direction].toLowerCase()}` : ''),
      `  Phạm vi: ${header.scope.unitName}; ${yearsText(header.years)}`,
    );
  }
  if (file.alreadyImported) {
    lines.push('  Tệp này đã được nhập trước đây: nhập lại không thay đổi gì.');
  } else {
    lines.push(`  ${countsText(file.counts)}`);
  }
  if (file.sequenceWarning) lines.push(`  Cảnh báo: ${file.sequenceWarning}`);
  if (file.errors.length > 0) lines.push(`  Có ${file.counts.errors} lỗi: tệp không nhập được.`);
  return lines;
}

function changeText(change: RecordChange): string[] {
  const kind =
    change.kind === 'conflict'
      ? `xung đột: ${CONFLICT_REASON_LABELS[change.conflictReason ?? 'both_changed'].toLowerCase()}`
      : change.kind === 'new'
        ? 'mới'
        : 'thay đổi';
  return [
    `  [${kind}] ${change.label}`,
    ...change.fields.map(
      (f) => `      ${f.label}: ${f.local ?? '(trống)'} → ${f.incoming ?? '(trống)'}`,
    ),
  ];
}

export function previewText(preview: ExchangePreview): string {
  const lines = preview.files.flatMap(fileText);
  if (preview.files.length > 1) {
    lines.push(`Tổng cộng ${preview.files.length} tệp: ${countsText(preview.totals)}`);
  }
  if (preview.sameUnits.length > 0) {
    lines.push('Có phải cùng một tổ chức? (chọn bằng --same-units same hoặc new)');
    for (const c of preview.sameUnits) {
      const how = c.match === 'code' ? 'cùng mã' : 'cùng tên, cùng cấp trên';
      lines.push(
        `  "${c.incomingName}"${c.incomingCode ? ` (mã ${c.incomingCode})` : ''} trong tệp và ` +
          `"${c.localName}"${c.localCode ? ` (mã ${c.localCode})` : ''} ở máy này` +
          `${c.parentName ? `, thuộc ${c.parentName}` : ''}: ${how}`,
      );
    }
  }
  if (preview.changes.length > 0) {
    lines.push('Các thay đổi (xung đột trước):');
    for (const change of preview.changes.slice(0, SHOWN)) lines.push(...changeText(change));
    const more = preview.changesTotal - Math.min(SHOWN, preview.changes.length);
    if (more > 0) lines.push(`  … và ${more} thay đổi khác`);
  }
  return lines.join('\n');
}

/** Every error of every file, one per line ("Tệp x.tccsd: Dòng 5: …"). */
export function errorLines(preview: ExchangePreview): string[] {
  return preview.files.flatMap((file) => {
    const lines = file.errors.map((issue) => `Tệp ${file.fileName}: ${issue.message}`);
    const more = file.counts.errors - file.errors.length;
    if (more > 0) lines.push(`Tệp ${file.fileName}: … và ${more} lỗi khác`);
    return lines;
  });
}

/** The conflicts of a preview, named (those it lists), for a refusal. */
export function conflictLines(preview: ExchangePreview): string[] {
  const conflicts = preview.changes.filter((c) => c.kind === 'conflict');
  const lines = conflicts.slice(0, SHOWN).map((c) => {
    const reason = CONFLICT_REASON_LABELS[c.conflictReason ?? 'both_changed'].toLowerCase();
    return `Xung đột: ${c.label} (${reason})`;
  });
  const more = preview.totals.conflicts - lines.length;
  if (more > 0) lines.push(`… và ${more} xung đột khác`);
  return lines;
}

function batchText(batch: ExchangeBatch): string {
  const c = batch.counts;
  return (
    `  ${batch.fileName}: mã lần nhập ${batch.id} — ${c.inserted} mới, ${c.updated} cập nhật, ` +
    `${c.keptLocal} giữ dữ liệu đang có, ${c.identical} giống hệt`
  );
}

export function applyText(result: ApplyResult): string {
  const lines = [result.message];
  if (result.batches.length > 0) {
    lines.push(...result.batches.map(batchText));
    lines.push('Hoàn tác một lần nhập: tccsd undo-import MÃ_LẦN_NHẬP');
  }
  return lines.join('\n');
}

export function undoText(batch: ExchangeBatch): string {
  return (
    `Đã hoàn tác lần nhập tệp ${batch.fileName} (mã ${batch.id}): dữ liệu trở lại như trước ` +
    'lần nhập đó. Tệp này có thể được nhập lại.'
  );
}
