// The sample file names its entries by short keys; the loader maps them to the ids it creates.
import { AppError } from '../../../shared/errors';

export type KeyMap = Map<string, string>;

/** The id created for `key`; the schema has checked every reference, so a miss is a bug. */
export function idOf(ids: KeyMap, key: string, what: string): string {
  const id = ids.get(key);
  if (id === undefined) {
    throw new AppError('INTERNAL', `Dữ liệu mẫu nhắc đến ${what} "${key}" chưa được tạo.`);
  }
  return id;
}
