// Methods of the installation itself: first run and settings.
import { z } from 'zod';
import {
  foundedYear,
  operatorName,
  unitCode,
  unitId,
  unitKind,
  unitName,
  unitSector,
} from '../schemas';
import type { ErrorCode } from '../errors';
import { method } from './define';

export interface AppInfo {
  appVersion: string;
  schemaVersion: number;
  needsSetup: boolean;
  operatorName: string | null;
  ownUnitId: string | null;
  ownUnitName: string | null;
  installationId: string;
  dataDir: string;
  dbPath: string;
  /**
   * Why no write may reach the data file (damaged, read-only), with what to do; null when
   * writes are allowed. The window shows it for as long as the file is open.
   */
  readOnly: { code: ErrorCode; message: string } | null;
}

export const appMethods = {
  'app.info': method<AppInfo>()(z.strictObject({}), [], false),
  'setup.complete': method<AppInfo>()(
    z.strictObject({
      operatorName,
      ownUnit: z.discriminatedUnion('mode', [
        z.strictObject({ mode: z.literal('existing'), unitId }),
        z.strictObject({
          mode: z.literal('new'),
          name: unitName,
          code: unitCode.optional(),
          kind: unitKind,
          sector: unitSector.optional(),
          /** Null or absent: the founding year is not known ("có từ trước"). */
          fromYear: foundedYear.optional(),
        }),
      ]),
    }),
    ['NOT_FOUND', 'DUPLICATE_CODE', 'DUPLICATE_NAME'],
    true,
  ),
  'settings.setOperator': method<AppInfo>()(z.strictObject({ operatorName }), [], true),
};
