// Issue 11 item 5, as the officer meets it: a 1.5 MB .xlsx that inflates to gigabytes, chosen in
// Xếp loại → Nhập từ tệp…, is refused in the dialog with a Vietnamese message naming the limit
// (not only by the backend's method), nothing is inflated into memory and the data file is left
// as it was. A bomb whose directory lies about its sizes is refused as a damaged file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { makeTempDir, VIETNAMESE_LETTER } from '../helpers/backend';
import type { ZipPart } from '../helpers/zip-files';
import { buildZip, workbookParts } from '../helpers/zip-files';
import { renderApp } from './harness';

const MIB = 1024 ** 2;
/** Parts inflated: 1,450 MiB of spaces (about 1.5 GB), stored in about 1.5 MB. */
const BOMB_MIB = 1450;

/**
 * A deflated part of `mib` MiB of spaces built without holding them: one MiB deflated with a
 * full flush (byte-aligned, no reference back), repeated, then an empty final block. Its CRC is
 * the real one, so only the size can refuse it.
 */
function bombPart(name: string, mib: number): ZipPart {
  const slice = Buffer.alloc(MIB, 0x20);
  const block = deflateRawSync(slice, { finishFlush: constants.Z_FULL_FLUSH });
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(slice, crc);
  const bytes = Buffer.concat([...Array.from({ length: mib }, () => block), finalEmptyBlock]);
  return { name, data: '', deflated: { bytes, size: mib * MIB, crc } };
}

function bombWorkbook(declaredSize?: number): Buffer {
  const sheet = 'xl/worksheets/sheet1.xml';
  const parts = workbookParts([{ name: 'Xếp loại', xml: '' }]).filter((p) => p.name !== sheet);
  const bomb = bombPart(sheet, BOMB_MIB);
  return buildZip([...parts, declaredSize === undefined ? bomb : { ...bomb, declaredSize }]);
}

function seed(b: TestBackend) {
  b.call('setup.complete', {
    operatorName: 'Nguyễn Văn Bình',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
}

/** Chooses the file in the import dialog; the dialog's alert, and the data file before/after. */
async function chooseInImport(name: string, bytes: Buffer) {
  const path = join(makeTempDir(), name);
  writeFileSync(path, bytes);
  const view = renderApp({ prepare: seed, year: 2017 });
  await view.user.click(await screen.findByRole('button', { name: 'Xếp loại' }));
  await view.user.click(await screen.findByRole('button', { name: 'Nhập từ tệp…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Nhập kết quả xếp loại từ tệp' });
  const before = view.backend.snapshot();
  const rssBefore = process.memoryUsage().rss;
  view.pickNext(path);
  await view.user.click(within(dialog).getByRole('button', { name: 'Chọn tệp…' }));
  const alert = await within(dialog).findByRole('alert', {}, { timeout: 20_000 });
  return {
    dialog,
    message: alert.textContent ?? '',
    grewBy: process.memoryUsage().rss - rssBefore,
    unchanged: view.backend.snapshot() === before,
  };
}

describe('Nhập từ tệp: a zip bomb', () => {
  it('a 1.5 MB .xlsx that inflates to 1.5 GB is refused naming the limit, nothing written', async () => {
    const bytes = bombWorkbook();
    expect(bytes.length).toBeLessThan(1.6 * MIB);
    const { dialog, message, grewBy, unchanged } = await chooseInImport('bom-nen.xlsx', bytes);
    expect(message).toBe(
      'Phần "xl/worksheets/sheet1.xml" của tệp "bom-nen.xlsx" khi giải nén lớn 1,4 GB, vượt ' +
        'giới hạn 64 MB cho một phần. Hãy chia tệp theo năm hoặc theo đơn vị, hoặc kiểm tra ' +
        'lại tệp gốc.',
    );
    expect(unchanged).toBe(true);
    // Refused on the directory, before inflating: far from the gigabytes it holds.
    expect(grewBy).toBeLessThan(200 * MIB);
    expect(within(dialog).queryByRole('region', { name: 'Xem trước' })).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Chọn tệp…' })).toHaveProperty(
      'disabled',
      false,
    );
  }, 60_000);

  it('the same bomb declaring 2 KB is refused as a damaged file, nothing written', async () => {
    const { message, grewBy, unchanged } = await chooseInImport(
      'bom-noi-doi.xlsx',
      bombWorkbook(2048),
    );
    expect(message).toMatch(VIETNAMESE_LETTER);
    expect(message).toContain('Tệp "bom-noi-doi.xlsx" bị hỏng');
    expect(message).toContain('Hãy lấy lại tệp gốc');
    expect(unchanged).toBe(true);
    expect(grewBy).toBeLessThan(200 * MIB);
  }, 60_000);
});
