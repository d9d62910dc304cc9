// Importing ratings from a spreadsheet: a preview that writes nothing, and an apply that writes
// every accepted row in one transaction through the same upsert as the grid, audited as
// coming from the file.
import type { ImportPreview, ImportResult, ParsedInput } from '../../../../shared/contract';
import type { Actor } from '../../context';
import type { Db } from '../../db/open';
import { createUnit } from '../../units/operations';
import { upsertRating } from '../store';
import { planImport, valuesFor } from './plan';
import { readSheet } from './sheet';
import { writeTransaction } from '../../db/write';

type FileInput = ParsedInput<'ratings.importPreview'>;

/** The file's own name, without any folder a caller may have sent. */
export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() || fileName;
}

/** Reads the file first (asynchronously); everything after that touches the database synchronously. */
async function readRows(input: FileInput) {
  const fileName = baseName(input.fileName);
  return { fileName, rows: await readSheet(fileName, Buffer.from(input.dataBase64, 'base64')) };
}

export async function importPreview(db: Db, input: FileInput): Promise<ImportPreview> {
  const { fileName, rows } = await readRows(input);
  return planImport(db, fileName, rows).preview;
}

/**
 * Writes the file. With row errors nothing is written unless `skipErrors`, which writes the
 * other rows. The actor's origin becomes `import:<file name>`.
 */
export async function importApply(
  db: Db,
  actor: Actor,
  input: ParsedInput<'ratings.importApply'>,
): Promise<ImportResult> {
  const { fileName, rows } = await readRows(input);
  const fileActor: Actor = { ...actor, origin: `import:${fileName}` };
  // Planned inside the transaction, so what is written is exactly what was checked.
  return writeTransaction(db, (): ImportResult => {
    const { preview, units, ratings } = planImport(db, fileName, rows);
    const errorRows = new Set(preview.errors.map((e) => e.row)).size;
    if (errorRows > 0 && !input.skipErrors) return { ...preview, applied: false, skippedRows: 0 };
    const ids = new Map<string, string>();
    const idOf = (key: string) => ids.get(key) ?? key;
    for (const unit of units) {
      const created = createUnit(db, fileActor, {
        name: unit.name,
        code: unit.code,
        kind: unit.kind,
        sector: null,
        parentId: unit.parent ? idOf(unit.parent.key) : null,
        fromYear: unit.fromYear,
        basis: null,
      });
      ids.set(unit.key, created.id);
    }
    for (const rating of ratings) {
      upsertRating(db, fileActor, idOf(rating.unit.key), rating.year, valuesFor(db, rating));
    }
    return { ...preview, applied: true, skippedRows: errorRows };
  });
}
