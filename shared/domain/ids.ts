// Ids are UUIDs made where the record is born, so files from many PCs merge without collisions.
export function newId(): string {
  return crypto.randomUUID();
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
