// A unit registered without a founding year ("có từ trước") exists in every year the register
// covers: its founded_year and first version start at the earliest year (MIN_YEAR), and this
// flag keeps that apart from a unit really founded that year, so screens can say "có từ trước".
// Existing units keep the year they were given: nothing tells which of them were guesses.
export const sql = /* sql */ `
ALTER TABLE units ADD COLUMN founded_unknown INTEGER NOT NULL DEFAULT 0
  CHECK (founded_unknown IN (0, 1));
`;
