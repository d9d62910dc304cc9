// Identity across installations (docs/exchange-format.md, "Nhận diện bản ghi"): which local
// record an incoming one is. Units go by id, through the aliases of units confirmed the same
// (remote → local) and the user's decisions on this file's "same unit?" candidates; a rating is
// the same when unit and year match, a member when list and unit match, a yearly remark when
// member and year match, whatever their ids. Versions and events go by id, else (a unit created
// on both sides) by unit and start year, or unit, type and year.
//
// Every lookup is one indexed prepared statement; ids seen are cached per file, never a table.
import type { ExchangeEntity } from '../../../../shared/methods/exchange';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { ExchangeRecord, RecordOf, SqlRow } from '../format/records';
import { EXCHANGE_TABLES, recordColumns, recordFromRow } from '../format/records';
import type { LocalRevision } from './classify';

/**
 * A unit id as this database knows it: the unit itself, else the local unit an alias maps it to,
 * else null. Each answer is kept, so one lookup may serve every UnitIds of a preview (which
 * writes nothing: the candidates' search and each file ask about the same 55,000 units of a
 * national file); an apply keeps its own, as the data changes under it.
 */
export class LocalUnits {
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly db: Db) {}

  lookup(id: string): string | null {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const row = stmt<[string], { id: string }>(this.db, 'SELECT id FROM units WHERE id = ?').get(
      id,
    );
    let local = row?.id ?? null;
    if (local === null) {
      const alias = stmt<[string], { local_id: string }>(
        this.db,
        'SELECT local_id FROM exchange_unit_aliases WHERE remote_id = ?',
      ).get(id);
      local = alias?.local_id ?? null;
    }
    this.cache.set(id, local);
    return local;
  }
}

/** Incoming unit ids → local ones. */
export class UnitIds {
  private readonly cache = new Map<string, string | null>();

  /**
   * `decided`: a "same unit?" candidate decided 'same' → the local unit it is. `local`: the
   * database's answers, shared only while nothing is written (the preview).
   */
  constructor(
    db: Db,
    private readonly decided: ReadonlyMap<string, string>,
    private readonly local: LocalUnits = new LocalUnits(db),
  ) {}

  /** The local id this unit is known by here, or null when it is not known here. */
  known(id: string): string | null {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const local = this.decided.get(id) ?? this.local.lookup(id);
    this.cache.set(id, local);
    return local;
  }

  /** The id to write: the local unit when known here, else the incoming id (a new unit). */
  map(id: string): string {
    return this.known(id) ?? id;
  }

  mapNullable(id: string | null): string | null {
    return id === null ? null : this.map(id);
  }
}

/**
 * Whether a unit has any rating here (a tombstone included), asked once per unit: a rating whose
 * unit has none is new without being looked up (a national file into a master list: 520,000
 * look-ups become 55,000). For the preview only, which writes nothing, so each answer holds for
 * the whole preview; the apply looks every rating up (an earlier file of it may have written one).
 */
export class RatedUnits {
  private readonly cache = new Map<string, boolean>();

  constructor(private readonly db: Db) {}

  has(unitId: string): boolean {
    let rated = this.cache.get(unitId);
    if (rated === undefined) {
      rated =
        stmt<[string], { one: number }>(
          this.db,
          'SELECT 1 AS one FROM ratings WHERE unit_id = ? LIMIT 1',
        ).get(unitId) !== undefined;
      this.cache.set(unitId, rated);
    }
    return rated;
  }
}

/** A member of the file: its list and unit, as the file names them. */
export interface FileMember {
  watchlistId: string;
  unitId: string;
}

/**
 * Incoming member ids → local ones: a member of the file is the live local member of the same
 * list and unit, whatever its id. Looked up when first referenced, so a measure may come before
 * its member in the file.
 */
export class MemberIds {
  private readonly mapped = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly units: UnitIds,
    private readonly fileMembers: ReadonlyMap<string, FileMember>,
  ) {}

  /** Records a match made elsewhere (a member matched, or given a fresh id, as it is written). */
  set(incomingId: string, localId: string): void {
    this.mapped.set(incomingId, localId);
  }

  has(id: string): boolean {
    return this.mapped.has(id);
  }

  map(id: string): string;
  map(id: string | null): string | null;
  map(id: string | null): string | null {
    if (id === null) return null;
    const known = this.mapped.get(id);
    if (known !== undefined) return known;
    const member = this.fileMembers.get(id);
    let local = id;
    if (member) {
      const row = stmt<[string, string], { id: string }>(
        this.db,
        `SELECT id FROM watchlist_members
         WHERE watchlist_id = ? AND unit_id = ? AND deleted_at IS NULL`,
      ).get(member.watchlistId, this.units.map(member.unitId));
      if (row) local = row.id;
    }
    this.mapped.set(id, local);
    return local;
  }
}

/**
 * The record with every reference (and a unit's own id) in local ids. Members' own ids are
 * matched with the record itself (findLocal), so only references to members are mapped here.
 */
export function mapReferences(
  record: ExchangeRecord,
  units: UnitIds,
  members: MemberIds,
): ExchangeRecord {
  switch (record.t) {
    case 'unit':
      return { ...record, id: units.map(record.id) };
    case 'unit_version':
      return {
        ...record,
        d: {
          ...record.d,
          unitId: units.map(record.d.unitId),
          parentId: units.mapNullable(record.d.parentId),
        },
      };
    case 'lineage_event':
      return {
        ...record,
        d: {
          ...record.d,
          unitId: units.map(record.d.unitId),
          relatedUnitId: units.mapNullable(record.d.relatedUnitId),
        },
      };
    case 'rating':
      return { ...record, d: { ...record.d, unitId: units.map(record.d.unitId) } };
    case 'watchlist':
      return { ...record, d: { ...record.d, issuerId: units.map(record.d.issuerId) } };
    case 'member':
      return {
        ...record,
        d: {
          ...record.d,
          unitId: units.map(record.d.unitId),
          carriedFromId: members.map(record.d.carriedFromId),
        },
      };
    case 'measure':
      return { ...record, d: { ...record.d, memberId: members.map(record.d.memberId) } };
    case 'result':
      return { ...record, d: { ...record.d, memberId: members.map(record.d.memberId) } };
  }
}

/** A local record as the file would carry it, with its revision bookkeeping. */
export interface LocalRecord<E extends ExchangeEntity = ExchangeEntity> {
  record: RecordOf<E>;
  revision: LocalRevision;
}

type Row = SqlRow & { synced_rev: number | null; rev: number };

/** Built once per kind and condition: a national file looks a record up half a million times. */
const selects = new Map<string, string>();

function selectSql(entity: ExchangeEntity, where: string): string {
  const key = `${entity}|${where}`;
  let sql = selects.get(key);
  if (sql === undefined) {
    sql = `SELECT ${recordColumns(entity).join(', ')}, synced_rev FROM ${EXCHANGE_TABLES[entity].table} WHERE ${where}`;
    selects.set(key, sql);
  }
  return sql;
}

function byId(db: Db, entity: ExchangeEntity, id: string): Row | undefined {
  return stmt<[string], Row>(db, selectSql(entity, 'id = ?')).get(id);
}

/** The natural key's row, among live rows only where the key is not unique over tombstones. */
function byNaturalKey(db: Db, record: ExchangeRecord): Row | undefined {
  switch (record.t) {
    case 'rating':
      return stmt<[string, number], Row>(db, selectSql('rating', 'unit_id = ? AND year = ?')).get(
        record.d.unitId,
        record.d.year,
      );
    case 'member':
      return stmt<[string, string], Row>(
        db,
        selectSql('member', 'watchlist_id = ? AND unit_id = ? AND deleted_at IS NULL'),
      ).get(record.d.watchlistId, record.d.unitId);
    case 'result':
      return stmt<[string, number], Row>(db, selectSql('result', 'member_id = ? AND year = ?')).get(
        record.d.memberId,
        record.d.year,
      );
    case 'unit_version':
      return stmt<[string, number], Row>(
        db,
        selectSql('unit_version', 'unit_id = ? AND valid_from = ? AND deleted_at IS NULL'),
      ).get(record.d.unitId, record.d.validFrom);
    case 'lineage_event':
      return stmt<[string, number, string], Row>(
        db,
        selectSql('lineage_event', 'unit_id = ? AND year = ? AND type = ? AND deleted_at IS NULL'),
      ).get(record.d.unitId, record.d.year, record.d.type);
    default:
      return undefined;
  }
}

/** Kinds whose natural key comes first: the same record whatever its id. */
const KEY_FIRST: ReadonlySet<ExchangeEntity> = new Set(['rating', 'member', 'result']);
/** Kinds matched by id, then by natural key (a unit created on both sides). */
const KEY_SECOND: ReadonlySet<ExchangeEntity> = new Set(['unit_version', 'lineage_event']);

/**
 * The local record the (reference-mapped) incoming record is, or null. `inFile(entity, id)`
 * tells whether an id is carried by the file itself: a local row the file also carries under
 * its own id is that record's match, never another's. `rated`: the preview's RatedUnits.
 */
export function findLocal<E extends ExchangeEntity>(
  db: Db,
  record: RecordOf<E>,
  inFile: (entity: ExchangeEntity, id: string) => boolean,
  rated: RatedUnits | null = null,
): LocalRecord<E> | null {
  const entity: ExchangeEntity = record.t;
  const incoming: ExchangeRecord = record;
  if (incoming.t === 'rating' && rated && !rated.has(incoming.d.unitId)) return null;
  let row: Row | undefined;
  if (KEY_FIRST.has(entity)) {
    row = byNaturalKey(db, record);
    if (!row && entity !== 'rating') row = byId(db, entity, record.id);
  } else {
    row = byId(db, entity, record.id);
    if (!row && KEY_SECOND.has(entity)) {
      const candidate = byNaturalKey(db, record);
      if (candidate && !inFile(entity, String(candidate.id))) row = candidate;
    }
  }
  if (!row) return null;
  return {
    record: recordFromRow(record.t, row),
    revision: { rev: row.rev, syncedRev: row.synced_rev },
  };
}
