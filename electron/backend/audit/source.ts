// What caused an audit row, from its origin: typed (app, cli), a ratings import
// (`import:<file>`), an exchange file (`import:exchange`). One SQL expression for the screen's
// filter and the index of migration 16, which SQLite uses only for the same expression.
export const EXCHANGE_ORIGIN = 'import:exchange';
export const IMPORT_PREFIX = 'import:';

export const SOURCE_SQL =
  `(CASE WHEN origin = '${EXCHANGE_ORIGIN}' THEN 'exchange' ` +
  `WHEN substr(origin, 1, ${IMPORT_PREFIX.length}) = '${IMPORT_PREFIX}' THEN 'import' ` +
  `ELSE 'manual' END)`;
