// Seeds a province of thousands of grassroots units with five years of ratings, its province
// committee set up as the installation's own unit: the rating grid then reads its pages in the
// background (test/e2e/ratings.spec.ts). Run before the preview host opens the file:
//   tsx test/e2e/seed-thousands.ts <database file>
import { dispatch } from '../../electron/backend/dispatch';
import { openBackend } from '../../electron/backend/index';
import { generateNational } from '../helpers/national';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: tsx test/e2e/seed-thousands.ts <database file>');
const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: 'Dương Minh Phong' });
try {
  const data = generateNational(ctx.db, {
    provinces: 1,
    districts: 12,
    units: 3000,
    firstYear: 2020,
    years: 5,
    seed: 2024,
  });
  const setUp = dispatch(ctx, 'setup.complete', {
    operatorName: 'Dương Minh Phong',
    ownUnit: { mode: 'existing', unitId: data.provinceIds[0] },
  });
  if (setUp instanceof Promise || !setUp.ok) throw new Error(JSON.stringify(setUp));
} finally {
  ctx.db.close();
}
