// The bundled sample file. Imported statically, so the build carries it inside the backend's
// bundle and no path is looked up at run time (the app, the worker and the CLI all find it).
import bundled from '../../../resources/sample/lang-son-2016-2018.json';
import { AppError } from '../../../shared/errors';
import type { SampleFile } from './schema';
import { sampleFile } from './schema';

/** The bundled file as shipped (unchecked: `checkedSample` checks it). */
export const BUNDLED_SAMPLE: unknown = bundled;

/** The sample file checked against its schema; a broken file is refused before any write. */
export function checkedSample(raw: unknown): SampleFile {
  const parsed = sampleFile.safeParse(raw);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(gốc)'}: ${issue.message}`)
    .join('; ');
  throw new AppError(
    'INTERNAL',
    `Tệp dữ liệu mẫu đi kèm ứng dụng không đúng cấu trúc (${where}); dữ liệu không bị thay đổi.`,
  );
}
