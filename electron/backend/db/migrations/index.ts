import type { Database } from 'better-sqlite3';
import { sql as initial } from './0001-initial';
import { sql as unitSearch } from './0002-unit-search';
import { sql as ratings } from './0003-ratings';
import { sql as unknownFounding } from './0004-unknown-founding';
import { sql as watchlists } from './0005-watchlists';
import { sql as exchange } from './0006-exchange';
import { fill as fillUnitSortKey, sql as unitSortKey } from './0007-unit-sort-key';
import { sql as exchangeInserts } from './0008-exchange-inserts';
import { sql as registerIndexes } from './0009-register-indexes';
import { sql as unitTree } from './0010-unit-tree';
import { sql as unitSameName } from './0011-unit-same-name';
import { sql as ratingTallies } from './0012-rating-tallies';
import { fill as fillUnitSearchBlocks, sql as unitSearchBlocks } from './0013-unit-search-blocks';
import { fill as fillAuditChain, sql as auditChain } from './0014-audit-chain';
import { sql as ratingsByYearCovering } from './0015-ratings-by-year-covering';
import { sql as auditBySource } from './0016-audit-by-source';
import { sql as auditHead } from './0017-audit-head';
import { fill as fillRatingTransitions, sql as ratingTransitions } from './0018-rating-transitions';
import { sql as exchangeChangesClustered } from './0019-exchange-changes-clustered';
import { sql as exchangeChangesByRating } from './0020-exchange-changes-by-rating';
import { sql as registerTotals } from './0021-register-totals';
import { sql as ratingsLowest } from './0022-ratings-lowest';
import { sql as transitionsCoded } from './0023-transitions-coded';
import { sql as registerEpoch } from './0024-register-epoch';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A step SQL cannot do (a value computed in JavaScript), run after `sql` in the same transaction. */
  fill?: (db: Database) => void;
}

/** In order; `version` is what `user_version` holds once the step has run. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'unit-search', sql: unitSearch },
  { version: 3, name: 'ratings', sql: ratings },
  { version: 4, name: 'unknown-founding', sql: unknownFounding },
  { version: 5, name: 'watchlists', sql: watchlists },
  { version: 6, name: 'exchange', sql: exchange },
  { version: 7, name: 'unit-sort-key', sql: unitSortKey, fill: fillUnitSortKey },
  { version: 8, name: 'exchange-inserts', sql: exchangeInserts },
  { version: 9, name: 'register-indexes', sql: registerIndexes },
  { version: 10, name: 'unit-tree', sql: unitTree },
  { version: 11, name: 'unit-same-name', sql: unitSameName },
  { version: 12, name: 'rating-tallies', sql: ratingTallies },
  { version: 13, name: 'unit-search-blocks', sql: unitSearchBlocks, fill: fillUnitSearchBlocks },
  { version: 14, name: 'audit-chain', sql: auditChain, fill: fillAuditChain },
  { version: 15, name: 'ratings-by-year-covering', sql: ratingsByYearCovering },
  { version: 16, name: 'audit-by-source', sql: auditBySource },
  { version: 17, name: 'audit-head', sql: auditHead },
  { version: 18, name: 'rating-transitions', sql: ratingTransitions, fill: fillRatingTransitions },
  { version: 19, name: 'exchange-changes-clustered', sql: exchangeChangesClustered },
  { version: 20, name: 'exchange-changes-by-rating', sql: exchangeChangesByRating },
  { version: 21, name: 'register-totals', sql: registerTotals },
  { version: 22, name: 'ratings-lowest', sql: ratingsLowest },
  { version: 23, name: 'transitions-coded', sql: transitionsCoded },
  { version: 24, name: 'register-epoch', sql: registerEpoch },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
