// Full-text index over the folded name and code of every unit version, so diacritic-insensitive
// word-prefix search ("dong y" → "Đảng bộ xã Đồng Ý") runs on an index, not a scan.
export const sql = /* sql */ `
CREATE VIRTUAL TABLE unit_search USING fts5(
  name_folded, code_folded,
  content = 'unit_versions', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO unit_search(rowid, name_folded, code_folded)
  SELECT seq, name_folded, coalesce(code_folded, '') FROM unit_versions;

CREATE TRIGGER unit_versions_search_insert AFTER INSERT ON unit_versions BEGIN
  INSERT INTO unit_search(rowid, name_folded, code_folded)
    VALUES (new.seq, new.name_folded, coalesce(new.code_folded, ''));
END;
CREATE TRIGGER unit_versions_search_delete AFTER DELETE ON unit_versions BEGIN
  INSERT INTO unit_search(unit_search, rowid, name_folded, code_folded)
    VALUES ('delete', old.seq, old.name_folded, coalesce(old.code_folded, ''));
END;
CREATE TRIGGER unit_versions_search_update AFTER UPDATE OF name_folded, code_folded ON unit_versions BEGIN
  INSERT INTO unit_search(unit_search, rowid, name_folded, code_folded)
    VALUES ('delete', old.seq, old.name_folded, coalesce(old.code_folded, ''));
  INSERT INTO unit_search(rowid, name_folded, code_folded)
    VALUES (new.seq, new.name_folded, coalesce(new.code_folded, ''));
END;
`;
