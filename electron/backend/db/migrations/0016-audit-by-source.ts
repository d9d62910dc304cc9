// The Nhật ký thay đổi screen's source filter (typed, ratings import, exchange file) through an
// index, as its other filters are (migration 14): without one, a source with few rows walked
// the whole log newest first (500,000 rows, none from an exchange: 530 ms p50 a page, against
// 20 ms). An expression index on the source as audit/list.ts computes it (SOURCE_SQL, the very
// same text, so SQLite matches it), then the time, so a page is read in order.
import { SOURCE_SQL } from '../../audit/source';

export const sql = /* sql */ `
CREATE INDEX audit_log_by_source ON audit_log(${SOURCE_SQL}, at);
`;
